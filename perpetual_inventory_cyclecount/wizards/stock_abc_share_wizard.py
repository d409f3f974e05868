from odoo import Command, api, fields, models


class StockAbcShareWizard(models.TransientModel):
    """Change the value shares of a company's ABC classes together, so that they can
    still add up to 100 % when one share grows and another shrinks."""

    _name = "stock.abc.share.wizard"
    _inherit = ["perpetual.input.guard"]
    _description = "ABC Class Value Shares"

    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    line_ids = fields.One2many("stock.abc.share.wizard.line", "wizard_id", string="Classes")
    total_share = fields.Float(string="Total (%)", compute="_compute_total_share", digits=(5, 2))

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        company = self.env["res.company"].browse(values.get("company_id")) or self.env.company
        classes = self.env["stock.abc.class"].search(
            [("company_id", "=", company.id), ("is_no_movement", "=", False)]
        )
        values["line_ids"] = [
            Command.create({"class_id": abc_class.id, "value_share": abc_class.value_share})
            for abc_class in classes
        ]
        return values

    @api.depends("line_ids.value_share")
    def _compute_total_share(self):
        for wizard in self:
            wizard.total_share = sum(wizard.line_ids.mapped("value_share"))

    def action_apply(self):
        self.ensure_one()
        self.env["stock.abc.class"]._set_value_shares(
            {line.class_id: line.value_share for line in self.line_ids}
        )
        return {"type": "ir.actions.act_window_close"}
