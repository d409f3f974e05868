from odoo import fields, models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    stock_unit_cost = fields.Float(
        string="Unit Cost",
        # Six places, so that the quantity times the unit cost gives back the amount.
        digits=(16, 6),
        readonly=True,
        aggregator=None,
        help="Cost per unit of the stock valuation behind this line.",
    )
    cogs_source = fields.Selection(
        [
            ("delivery", "Customer delivery"),
            ("return", "Customer return"),
            ("pos", "Point of Sale"),
        ],
        string="COGS Source",
        readonly=True,
        index="btree_not_null",
        help="Set on the cost-of-goods-sold line of an entry booked when goods left or came back.",
    )
