from odoo import fields, models


class StockCountSession(models.Model):
    _name = "stock.count.session"
    _description = "Stock Count Session"
    _inherit = ["mail.thread", "mail.activity.mixin"]

    name = fields.Char(required=True, default="/")
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    state = fields.Selection(
        [("draft", "Draft"), ("in_progress", "In Progress"), ("counted", "Counted"),
         ("reconciled", "Reconciled"), ("done", "Done"), ("cancel", "Cancelled")],
        default="draft", required=True, tracking=True,
    )
    line_ids = fields.One2many("stock.count.line", "session_id")
