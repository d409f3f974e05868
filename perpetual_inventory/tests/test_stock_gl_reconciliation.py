import functools
import time
from contextlib import contextmanager
from datetime import timedelta
from unittest.mock import patch

from lxml import etree

from odoo import SUPERUSER_ID, Command, api, fields
from odoo.exceptions import UserError
from odoo.tests import HttpCase, TransactionCase, tagged

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
            (line.account_id.code, line.product_id.name or None): (
                line.gl_balance,
                line.layer_value,
                line.difference,
            )
            for line in reconciliation.line_ids
        }

    def _manual_entry(self, amount, product=False):
        entry = self.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": self.company_data["default_journal_misc"].id,
                "date": fields.Date.context_today(self.env.user),
                "line_ids": [
                    Command.create(
                        {
                            "name": "Manual stock adjustment",
                            "account_id": self.valuation_account.id,
                            "product_id": product and product.id,
                            "balance": amount,
                        }
                    ),
                    Command.create(
                        {
                            "name": "Manual stock adjustment",
                            "account_id": self.company_data["default_account_expense"].id,
                            "balance": -amount,
                        }
                    ),
                ],
            }
        )
        entry.action_post()
        return entry

    def test_no_difference_after_the_story(self):
        reconciliation = self._reconcile()

        # FIFO: 50 + 70 - 85 + 17 = 52.00; AVCO: 4 x 2.50 = 10.00.
        self.assertEqual(
            self._rows(reconciliation),
            {
                ("STOCKVAL", "Espresso Beans"): (52.0, 52.0, 0.0),
                ("STOCKVAL", "Dish Soap"): (10.0, 10.0, 0.0),
            },
        )
        self.assertEqual(
            (reconciliation.gl_balance, reconciliation.layer_value, reconciliation.difference),
            (62.0, 62.0, 0.0),
        )
        self.assertEqual(reconciliation.difference_line_count, 0)

    def test_manual_entries_show_as_exact_differences_per_account_and_product(self):
        self._manual_entry(100.0)
        self._manual_entry(30.0, product=self.fifo_product)

        reconciliation = self._reconcile()

        self.assertEqual(
            self._rows(reconciliation),
            {
                ("STOCKVAL", "Espresso Beans"): (82.0, 52.0, 30.0),
                ("STOCKVAL", "Dish Soap"): (10.0, 10.0, 0.0),
                ("STOCKVAL", None): (100.0, 0.0, 100.0),
            },
        )
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

    def test_drill_down_to_moves_shows_what_each_move_was_worth(self):
        line = self._reconcile().line_ids.filtered(lambda row: row.product_id == self.fifo_product)
        action = line.action_open_stock_moves()
        list_view = self.env["ir.ui.view"].browse(action["views"][0][0])
        self.assertEqual(action["views"][0][1], "list")
        columns = [
            node.get("name")
            for node in etree.fromstring(list_view.arch).iter("field")
            if node.get("column_invisible") != "1"
        ]
        self.assertEqual(
            columns[:8],
            [
                "date",
                "reference",
                "product_id",
                "location_id",
                "location_dest_id",
                "quantity",
                "product_uom",
                "valuation_value",
            ],
        )
        moves = self.env["stock.move"].search(action["domain"], order="id")
        # Receipts of 50.00 and 70.00, the delivery of 15 (85.00), the return of 3 (17.00).
        self.assertEqual(moves.mapped("valuation_value"), [50.0, 70.0, -85.0, 17.0])
        self.assertEqual(line.display_name, f"{line.account_id.display_name} / Espresso Beans")

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
        accountant = self.env["res.users"].create(
            {
                "name": "Alice Accountant",
                "login": "pi_alice_accountant",
                "company_id": self.company.id,
                "company_ids": [Command.set(self.company.ids)],
                "groups_id": [Command.set(self.env.ref("account.group_account_manager").ids)],
            }
        )
        self.company.stock_accountant_id = accountant
        Reconciliation = self.env["stock.gl.reconciliation"]

        Reconciliation._cron_check_stock_against_gl()
        self.assertFalse(
            Reconciliation.search([("company_id", "=", self.company.id)]),
            "a balanced check keeps nothing and bothers nobody",
        )

        self._manual_entry(100.0)
        Reconciliation._cron_check_stock_against_gl()

        checks = Reconciliation.search([("company_id", "=", self.company.id)])
        self.assertEqual(len(checks), 1)
        self.assertEqual(checks.difference, 100.0)
        self.assertEqual(len(checks.activity_ids), 1)
        self.assertEqual(checks.activity_ids.user_id, accountant)
        self.assertEqual(checks.activity_ids.summary, "Stock value differs from the general ledger")

    def test_daily_check_is_noupdate_data(self):
        cron = self.env.ref("perpetual_inventory.ir_cron_stock_gl_check")
        self.assertEqual(cron.code, "model._cron_check_stock_against_gl()")
        self.assertTrue(
            cron.get_external_id()
            and self.env["ir.model.data"]
            .search(
                [
                    ("module", "=", "perpetual_inventory"),
                    ("name", "=", "ir_cron_stock_gl_check"),
                ]
            )
            .noupdate,
            "an upgrade must keep the schedule an administrator gave the job",
        )


@tagged("post_install", "-at_install")
class TestStockGlCheckOnSeveralWorkers(TransactionCase):
    """Two cron workers (or nodes) run the daily check at the same moment, each in its own
    committed transaction as Odoo's cron does: one check and one activity come out."""

    def setUp(self):
        super().setUp()
        account = self.env.ref("perpetual_inventory.account_retail_inventory")
        self.company = account.company_ids[:1]
        with self._worker() as env:
            self.first_check_id = env["stock.gl.reconciliation"].search([], order="id desc", limit=1).id or 0
            self.entry_id = self._post_difference(env, account, 100.0)
        self.addCleanup(self._remove_committed_data)

    @contextmanager
    def _worker(self):
        """A transaction of its own, committed at the end like a cron job's."""
        with self.registry.cursor() as cr:
            yield api.Environment(cr, SUPERUSER_ID, {})

    def _post_difference(self, env, account, amount):
        journal = env["account.journal"].search(
            [("company_id", "=", self.company.id), ("type", "=", "general")], limit=1
        )
        other_account = env["account.account"].search(
            [
                ("company_ids", "in", self.company.id),
                ("account_type", "=", "expense"),
            ],
            limit=1,
        )
        entry = (
            env["account.move"]
            .with_company(self.company)
            .create(
                {
                    "move_type": "entry",
                    "journal_id": journal.id,
                    "line_ids": [
                        Command.create(
                            {"name": "Unexplained stock entry", "account_id": account.id, "balance": amount}
                        ),
                        Command.create(
                            {
                                "name": "Unexplained stock entry",
                                "account_id": other_account.id,
                                "balance": -amount,
                            }
                        ),
                    ],
                }
            )
        )
        entry.action_post()
        return entry.id

    def _remove_committed_data(self):
        with self.registry.cursor() as cr:
            cr.execute("SELECT id FROM stock_gl_reconciliation WHERE id > %s", [self.first_check_id])
            check_ids = [row[0] for row in cr.fetchall()] or [0]
            for table in ("mail_activity", "mail_message", "mail_followers"):
                cr.execute(
                    f"DELETE FROM {table} WHERE res_model = 'stock.gl.reconciliation' AND res_id = ANY(%s)"
                    if table != "mail_message"
                    else "DELETE FROM mail_message WHERE model = 'stock.gl.reconciliation' AND res_id = ANY(%s)",
                    [check_ids],
                )
            cr.execute("DELETE FROM stock_gl_reconciliation WHERE id = ANY(%s)", [check_ids])
            cr.execute("DELETE FROM account_move WHERE id = %s", [self.entry_id])

    def _checks_and_activities(self):
        with self._worker() as env:
            checks = env["stock.gl.reconciliation"].search(
                [
                    ("company_id", "=", self.company.id),
                    ("id", ">", self.first_check_id),
                ]
            )
            return len(checks), len(checks.activity_ids), checks.mapped("difference")

    def test_two_concurrent_runs_make_one_check_and_one_activity(self):
        with self._worker() as first:
            first["stock.gl.reconciliation"]._cron_check_stock_against_gl()
            # The first run has not committed yet when the second one starts.
            with self._worker() as second:
                started = time.monotonic()
                second["stock.gl.reconciliation"]._cron_check_stock_against_gl()
                self.assertLess(time.monotonic() - started, 5, "the second run must not wait for the first")
                self.assertFalse(second["stock.gl.reconciliation"].search([("id", ">", self.first_check_id)]))
        self.assertEqual(self._checks_and_activities(), (1, 1, [100.0]))

        # A later run on the same day refreshes that check instead of adding one.
        with self._worker() as third:
            third["stock.gl.reconciliation"]._cron_check_stock_against_gl()
        self.assertEqual(self._checks_and_activities(), (1, 1, [100.0]))

    def test_a_run_that_fails_half_way_leaves_nothing(self):
        def fail(reconciliation):
            raise RuntimeError("the worker died")

        with patch.object(type(self.env["stock.gl.reconciliation"]), "_notify_accountant", fail):
            with self.assertRaises(RuntimeError), self._worker() as failing:
                failing["stock.gl.reconciliation"]._cron_check_stock_against_gl()
        self.assertEqual(self._checks_and_activities(), (0, 0, []))

        # The lock went with the failed transaction: the next run does the work.
        with self._worker() as env:
            env["stock.gl.reconciliation"]._cron_check_stock_against_gl()
        self.assertEqual(self._checks_and_activities(), (1, 1, [100.0]))


@tagged("post_install", "-at_install")
class TestStockGlReadOnlyRequests(HttpCase):
    """The reconciliation's and the COGS Review's reads reach Odoo's read-only cursor (the
    replica when db_replica_host is set), through the web client's RPC routes."""

    def _cursor_of(self, model, method, route, args, kwargs=None):
        """Call ``method`` of ``model`` through ``route``; return whether its cursor was read-only."""
        Model = type(self.env[model])
        original = getattr(Model, method)
        seen = []

        @functools.wraps(original)  # keeps what Odoo's routing reads: _api, _readonly
        def spy(records, *call_args, **call_kwargs):
            seen.append(records.env.cr.readonly)
            return original(records, *call_args, **call_kwargs)

        with patch.object(Model, method, spy):
            self.make_jsonrpc_request(
                route, {"model": model, "method": method, "args": args, "kwargs": kwargs or {}}
            )
        self.assertEqual(len(seen), 1)
        return seen[0]

    def test_reports_and_drill_downs_read_on_the_read_only_cursor(self):
        self.authenticate("admin", "admin")
        company = self.env.ref("perpetual_inventory.account_retail_inventory").company_ids[:1]
        line = self.env["stock.gl.reconciliation"]._run_check(company).line_ids[:1]
        cogs_row = self.env["stock.cogs.report"].search([], limit=1)
        self.assertTrue(line and cogs_row, "the demo data has stock and COGS")

        button = "/web/dataset/call_button"
        for model, method, route, args, kwargs in [
            (
                "stock.cogs.report",
                "web_read_group",
                "/web/dataset/call_kw",
                [[], ["value:sum"], ["source"]],
                {},
            ),
            (
                "stock.gl.reconciliation.line",
                "web_read_group",
                "/web/dataset/call_kw",
                [[], ["difference:sum"], ["account_id"]],
                {},
            ),
            ("stock.gl.reconciliation.line", "action_open_journal_items", button, [line.ids], {}),
            ("stock.gl.reconciliation.line", "action_open_valuation_layers", button, [line.ids], {}),
            ("stock.gl.reconciliation.line", "action_open_stock_moves", button, [line.ids], {}),
            ("stock.cogs.report", "action_open_stock_move", button, [cogs_row.ids], {}),
            ("stock.cogs.report", "action_open_stock_valuation_layers", button, [cogs_row.ids], {}),
            ("stock.cogs.report", "action_open_journal_entry", button, [cogs_row.ids], {}),
        ]:
            with self.subTest(model=model, method=method):
                self.assertTrue(self._cursor_of(model, method, route, args, kwargs))
        # Creating a reconciliation stores its lines: the primary.
        self.assertFalse(
            self._cursor_of(
                "stock.gl.reconciliation", "action_recompute", button, [line.reconciliation_id.ids]
            )
        )
