from odoo import fields, models


class StockCountBaselineWizardZone(models.TransientModel):
    _name = "stock.count.baseline.wizard.zone"
    _description = "Baseline Count Zone"
    _order = "sequence, id"

    wizard_id = fields.Many2one("stock.count.baseline.wizard", required=True, ondelete="cascade")
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True)
    location_ids = fields.Many2many(
        "stock.location",
        string="Locations",
        domain="[('usage', '=', 'internal')]",
    )
    counter_ids = fields.Many2many(
        "res.users",
        string="Team",
        domain=lambda self: [
            (
                "groups_id",
                "in",
                [
                    self.env.ref("perpetual_inventory.group_counter").id,
                    self.env.ref("perpetual_inventory.group_manager").id,
                ],
            )
        ],
    )
