from odoo import fields, models


class StockValuationConversionWizardLine(models.TransientModel):
    """A summary line of the conversion wizard: one product in stock, or,
    without a product, the total of one category."""

    _name = "stock.valuation.conversion.wizard.line"
    _description = "Valuation Conversion Summary Line"
    _order = "id"

    wizard_id = fields.Many2one("stock.valuation.conversion.wizard", required=True, ondelete="cascade")
    category_id = fields.Many2one("product.category", readonly=True)
    product_id = fields.Many2one("product.product", readonly=True)
    quantity = fields.Float(digits="Product Unit of Measure", readonly=True)
    uom_id = fields.Many2one(related="product_id.uom_id")
    currency_id = fields.Many2one(related="wizard_id.currency_id")
    value = fields.Monetary(readonly=True)
    note = fields.Char(readonly=True)
