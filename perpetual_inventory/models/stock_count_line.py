from odoo import fields, models


class StockCountLine(models.Model):
    _name = "stock.count.line"
    _description = "Stock Count Line"

    session_id = fields.Many2one("stock.count.session", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="session_id.company_id", store=True, index=True)
    product_id = fields.Many2one("product.product", required=True)
    location_id = fields.Many2one("stock.location", required=True)
    lot_id = fields.Many2one("stock.lot")
