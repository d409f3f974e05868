from odoo import fields, models


class StockVarianceReason(models.Model):
    """Why stock on hand differed from the records; where its adjustments post."""

    _name = "stock.variance.reason"
    _description = "Stock Variance Reason"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, help="Short code used in reports and imports.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    account_id = fields.Many2one(
        "account.account",
        string="Adjustment Account",
        company_dependent=True,
        domain="[('deprecated', '=', False)]",
        help="Losses of this reason are debited here and gains credited here, "
        "against the inventory valuation account.",
    )
    is_picking_error = fields.Boolean(string="Picking Error", help="Counts against order pick accuracy.")

    _sql_constraints = [
        ("code_unique", "unique(code)", "Each variance reason needs its own code."),
    ]
