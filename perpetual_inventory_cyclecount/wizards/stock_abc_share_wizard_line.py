from odoo import fields, models


class StockAbcShareWizardLine(models.TransientModel):
    _name = "stock.abc.share.wizard.line"
    _inherit = ["perpetual.input.guard"]
    _description = "ABC Class Value Share"

    wizard_id = fields.Many2one("stock.abc.share.wizard", required=True, ondelete="cascade")
    class_id = fields.Many2one("stock.abc.class", required=True, readonly=True)
    value_share = fields.Float(string="Value Share (%)", digits=(5, 2))
