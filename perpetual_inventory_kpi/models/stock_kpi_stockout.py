from odoo import fields, models


class StockKpiStockout(models.Model):
    """A stocked product out of stock in a warehouse at the end of a KPI snapshot day:
    the records behind the day's stockout rate, written with it."""

    _name = "stock.kpi.stockout"
    _description = "Inventory KPI Stockout"
    _order = "date desc, warehouse_id, product_id"

    date = fields.Date(required=True, readonly=True, index=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    warehouse_id = fields.Many2one("stock.warehouse", required=True, readonly=True, ondelete="cascade")
    product_id = fields.Many2one("product.product", required=True, readonly=True, ondelete="cascade")
    abc_class_id = fields.Many2one(
        "stock.abc.class",
        string="ABC Class",
        readonly=True,
        ondelete="set null",
        help="The product's class on the day.",
    )
    on_hand = fields.Float(
        readonly=True,
        digits="Product Unit of Measure",
        help="Quantity on hand in the warehouse's internal locations at the day's end, reserved or not.",
    )
    uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
