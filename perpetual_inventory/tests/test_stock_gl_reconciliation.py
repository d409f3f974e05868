from datetime import timedelta

from odoo import Command, fields
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import PerpetualCogsCommon


@tagged("post_install", "-at_install")
class TestStockGlReconciliation(PerpetualCogsCommon):

    def setUp(self):
        super().setUp()
        self.company = self.company_data["company"]
        self.valuation_account = self.company_data["default_account_stock_valuation"]
        # The story: two receipts, a delivery spanning both, part of it returned.
        self._receive(self.fifo_product, 10, 5.0)
        self._receive(self.fifo_product, 10, 7.0)
        self._return(self._deliver(self.fifo_product, 15), 3)
        self._receive(self.avco_product, 4, 2.5)

    def _reconcile(self, date=None):
        return self.env["stock.gl.reconciliation"]._run_check(self.company, date)

    def _rows(self, reconciliation):
        return {
            (line.account_id.code, line.product_id.name or None): (line.gl_balance, line.layer_value, line.difference)
            for line in reconciliation.line_ids
        }

    def _manual_entry(self, amount, product=False):
        entry = self.env["account.move"].create({
            "move_type": "entry",
            "journal_id": self.company_data["default_journal_misc"].id,
            "date": fields.Date.context_today(self.env.user),
            "line_ids": [
                Command.create({
                    "name": "Manual stock adjustment",
                    "account_id": self.valuation_account.id,
                    "product_id": product and product.id,
                    "balance": amount,
                }),
                Command.create({
                    "name": "Manual stock adjustment",
                    "account_id": self.company_data["default_account_expense"].id,
                    "balance": -amount,
                }),
            ],
        })
        entry.action_post()
        return entry

    def test_no_difference_after_the_story(self):
        reconciliation = self._reconcile()

        # FIFO: 50 + 70 - 85 + 17 = 52.00; AVCO: 4 x 2.50 = 10.00.
        self.assertEqual(self._rows(reconciliation), {
            ("STOCKVAL", "Espresso Beans"): (52.0, 52.0, 0.0),
            ("STOCKVAL", "Dish Soap"): (10.0, 10.0, 0.0),
        })
        self.assertEqual(
            (reconciliation.gl_balance, reconciliation.layer_value, reconciliation.difference),
            (62.0, 62.0, 0.0),
        )
        self.assertEqual(reconciliation.difference_line_count, 0)

    def test_manual_entries_show_as_exact_differences_per_account_and_product(self):
        self._manual_entry(100.0)
        self._manual_entry(30.0, product=self.fifo_product)

        reconciliation = self._reconcile()

        self.assertEqual(self._rows(reconciliation), {
            ("STOCKVAL", "Espresso Beans"): (82.0, 52.0, 30.0),
            ("STOCKVAL", "Dish Soap"): (10.0, 10.0, 0.0),
            ("STOCKVAL", None): (100.0, 0.0, 100.0),
        })
        self.assertEqual(reconciliation.difference, 130.0)
        self.assertEqual(reconciliation.difference_line_count, 2)

    def test_drill_down_from_a_difference(self):
        manual = self._manual_entry(30.0, product=self.fifo_product)
        line = self._reconcile().line_ids.filtered(lambda row: row.product_id == self.fifo_product)

        items = self.env["account.move.line"].search(line.action_open_journal_items()["domain"])
        self.assertIn(manual, items.move_id)
        self.assertEqual(round(sum(items.mapped("balance")), 2), 82.0)
        layers = self.env["stock.valuation.layer"].search(line.action_open_valuation_layers()["domain"])
        self.assertEqual(round(sum(layers.mapped("value")), 2), 52.0)
        moves = self.env["stock.move"].search(line.action_open_stock_moves()["domain"])
        self.assertEqual(moves, layers.stock_move_id)
        self.assertEqual(len(moves), 4)

    def test_as_of_a_past_date_excludes_later_movements(self):
        yesterday = fields.Date.context_today(self.env.user) - timedelta(days=1)

        reconciliation = self._reconcile(yesterday)

        self.assertFalse(reconciliation.line_ids)
        self.assertEqual(reconciliation.difference, 0.0)

    def test_recompute_picks_up_new_entries(self):
        reconciliation = self._reconcile()
        self._manual_entry(12.5, product=self.avco_product)

        reconciliation.action_recompute()

        self.assertEqual(self._rows(reconciliation)[("STOCKVAL", "Dish Soap")], (22.5, 10.0, 12.5))
        self.assertEqual(reconciliation.difference, 12.5)

    def test_future_date_is_refused_and_nothing_is_stored(self):
        tomorrow = fields.Date.context_today(self.env.user) + timedelta(days=1)
        count_before = self.env["stock.gl.reconciliation"].search_count([])
        with self.assertRaisesRegex(UserError, "in the future"):
            with self.env.cr.savepoint():
                self._reconcile(tomorrow)
        self.assertEqual(self.env["stock.gl.reconciliation"].search_count([]), count_before)

    def test_daily_check_creates_one_activity_for_the_stock_accountant(self):
        accountant = self.env["res.users"].create({
            "name": "Alice Accountant",
            "login": "pi_alice_accountant",
            "company_id": self.company.id,
            "company_ids": [Command.set(self.company.ids)],
            "groups_id": [Command.set(self.env.ref("account.group_account_manager").ids)],
        })
        self.company.stock_accountant_id = accountant
        Reconciliation = self.env["stock.gl.reconciliation"]

        Reconciliation._cron_check_stock_against_gl()
        self.assertFalse(Reconciliation.search([("company_id", "=", self.company.id)]),
                         "a balanced check keeps nothing and bothers nobody")

        self._manual_entry(100.0)
        Reconciliation._cron_check_stock_against_gl()

        checks = Reconciliation.search([("company_id", "=", self.company.id)])
        self.assertEqual(len(checks), 1)
        self.assertEqual(checks.difference, 100.0)
        self.assertEqual(len(checks.activity_ids), 1)
        self.assertEqual(checks.activity_ids.user_id, accountant)
        self.assertEqual(checks.activity_ids.summary, "Stock value differs from the general ledger")
