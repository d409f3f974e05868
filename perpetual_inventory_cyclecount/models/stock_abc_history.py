from odoo import fields, models


class StockAbcHistory(models.Model):
    """One change of a product's ABC class: computed by a classification or set by hand."""

    _name = "stock.abc.history"
    _description = "ABC Class Change"
    _order = "date desc, id desc"
    _check_company_auto = True

    product_id = fields.Many2one(
        "product.product", required=True, index=True, ondelete="cascade", readonly=True
    )
    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    date = fields.Datetime(required=True, readonly=True)
    old_class_id = fields.Many2one("stock.abc.class", readonly=True, ondelete="set null")
    new_class_id = fields.Many2one("stock.abc.class", readonly=True, ondelete="set null")
    consumption_value = fields.Float(string="Annual Consumption Value", readonly=True, digits=(16, 2))
    origin = fields.Selection([("computed", "Computed"), ("manual", "Manual")], required=True, readonly=True)
    reason = fields.Char(readonly=True)
    user_id = fields.Many2one("res.users", string="By", readonly=True)
