from odoo import fields, models

MANAGER_GROUP = "perpetual_inventory.group_manager"

SCHEDULE_REASONS = [
    ("cycle", "Due (ABC cycle)"),
    ("negative", "Negative stock"),
    ("empty", "Zero confirmation"),
    ("short_pick", "Short pick"),
    ("recount", "Variance recount"),
]


class StockCountLine(models.Model):
    _inherit = "stock.count.line"

    # Hidden from counters: "negative stock" or "zero confirmation" would tell a blind
    # counter what the system expects to find.
    schedule_reason = fields.Selection(
        SCHEDULE_REASONS,
        string="Why Counted",
        readonly=True,
        index="btree_not_null",
        groups=MANAGER_GROUP,
        help="Why a scheduled count holds this line: due by its ABC class, or an exception.",
    )
    abc_class_id = fields.Many2one(related="product_id.abc_class_id", string="ABC Class")

    def _tolerances(self):
        """The product's ABC class tolerance replaces the company's, when it has one.
        Products and classes are read for all lines at once (prefetching)."""
        tolerances = super()._tolerances()
        for line in self:
            abc_class = line.product_id.abc_class_id
            if abc_class and abc_class.company_id == line.company_id:
                tolerances[line.id] = (abc_class.tolerance_percent, abc_class.tolerance_value)
        return tolerances
