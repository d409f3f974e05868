from odoo.tests import tagged

from .common import PerpetualCogsCommon


@tagged("post_install", "-at_install")
class TestCogsReview(PerpetualCogsCommon):
    """The COGS review an accountant reads: every row's unit cost times its quantity gives
    back its amount, and no unit cost or percentage is ever added up."""

    def test_unit_cost_times_quantity_is_the_amount(self):
        self._receive(self.fifo_product, 10, 5.0)
        self._receive(self.fifo_product, 10, 7.0)
        delivery = self._deliver(self.fifo_product, 15)  # 10 x 5.00 + 5 x 7.00 = 85.00

        row = self.env["stock.cogs.report"].search([("stock_move_id", "in", delivery.move_ids.ids)])

        self.assertEqual((row.quantity, row.value), (15.0, 85.0))
        shown = round(row.unit_cost, row._fields["unit_cost"].get_digits(self.env)[1])
        self.assertEqual(shown, 5.666667)
        self.assertEqual(row.currency_id.round(shown * row.quantity), row.value)
        # The journal items of the entry show the same exact unit cost.
        for line in row.account_move_id.line_ids:
            self.assertEqual(line.stock_unit_cost, 5.666667)
            self.assertEqual(
                row.currency_id.round(abs(line.quantity) * line.stock_unit_cost), abs(line.balance)
            )

    def test_unit_costs_and_percentages_are_never_summed(self):
        aggregators = {
            (model, name): self.env[model].fields_get([name], ["aggregator"])[name].get("aggregator")
            for model, name in (
                ("stock.cogs.report", "unit_cost"),
                ("account.move.line", "stock_unit_cost"),
                ("stock.variance", "unit_cost"),
                ("stock.count.line", "difference_percent"),
                ("stock.abc.class", "tolerance_percent"),
            )
        }
        self.assertEqual(
            aggregators,
            {
                ("stock.cogs.report", "unit_cost"): None,
                ("account.move.line", "stock_unit_cost"): None,
                ("stock.variance", "unit_cost"): None,
                ("stock.count.line", "difference_percent"): "avg",
                ("stock.abc.class", "tolerance_percent"): "avg",
            },
        )
