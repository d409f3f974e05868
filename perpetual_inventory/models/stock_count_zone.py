from odoo import fields, models


class StockCountZone(models.Model):
    """Part of a (baseline) count's locations, counted by its own team."""

    _name = "stock.count.zone"
    _description = "Stock Count Zone"
    _order = "sequence, id"

    session_id = fields.Many2one("stock.count.session", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="session_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    location_ids = fields.Many2many("stock.location", string="Locations", required=True)
    counter_ids = fields.Many2many(
        "res.users",
        "stock_count_zone_counter_rel",
        "zone_id",
        "user_id",
        string="Team",
        required=True,
    )
