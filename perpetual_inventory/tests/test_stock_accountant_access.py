from datetime import timedelta

from odoo import fields
from odoo.tests import tagged

from .rpc_common import RpcCommon
from .rpc_views import ViewReadMixin


@tagged("post_install", "-at_install")
class TestStockAccountantAccess(ViewReadMixin, RpcCommon):
    """Whoever investigates a stock-vs-GL difference (the company's stock accountant, a
    finance approver) runs the reconciliation as of a date and follows a row to its
    valuation layers and stock moves, through any client. Counters reach none of it.

    The stock: 10 Espresso Beans received at 5.00 and 20 Green Tea at 4.00."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accountant = cls._create_user(
            "Alex Accountant", "pi_accountant", "perpetual_inventory.group_stock_accountant"
        )
        cls.accountant.groups_id += cls.env.ref("account.group_account_invoice")
        cls.accountant.password = cls.accountant.login
        cls.foreign_layer = cls.env["stock.valuation.layer"].create(
            {
                "company_id": cls.foreign.company_id.id,
                "product_id": cls.foreign.id,
                "quantity": 1.0,
                "unit_cost": 3.0,
                "value": 3.0,
            }
        )

    def _run(self, user, date=None):
        """A reconciliation made and run by ``user``, as the form does: create, then Recompute."""
        reconciliation_id = self.rpc(
            user,
            "stock.gl.reconciliation",
            "create",
            {
                "company_id": self.company.id,
                "date": fields.Date.to_string(date or fields.Date.context_today(self.env.user)),
            },
        )
        self.rpc(user, "stock.gl.reconciliation", "action_recompute", [reconciliation_id])
        return reconciliation_id

    def _row(self, user, reconciliation_id, product):
        rows = self.rpc(
            user,
            "stock.gl.reconciliation.line",
            "search_read",
            [("reconciliation_id", "=", reconciliation_id)],
            fields=["product_id", "gl_balance", "layer_value", "difference"],
        )
        return next(row for row in rows if row["product_id"] and row["product_id"][0] == product.id)

    def test_accountant_and_finance_follow_a_row_to_its_layers_and_moves(self):
        for user in (self.accountant, self.finance):
            with self.subTest(user=user.login):
                reconciliation_id = self._run(user)
                row = self._row(user, reconciliation_id, self.beans)
                self.assertEqual(
                    (row["gl_balance"], row["layer_value"], row["difference"]), (50.0, 50.0, 0.0)
                )

                layers_action = self.rpc(
                    user, "stock.gl.reconciliation.line", "action_open_valuation_layers", [row["id"]]
                )
                layers = self._read_as_shown(user, layers_action)
                self.assertEqual([(layer["quantity"], layer["value"]) for layer in layers], [(10.0, 50.0)])
                self.assertEqual(self._read_as_shown(user, layers_action, "form")[0]["value"], 50.0)

                moves_action = self.rpc(
                    user, "stock.gl.reconciliation.line", "action_open_stock_moves", [row["id"]]
                )
                moves = self._read_as_shown(user, moves_action)
                self.assertEqual(
                    [
                        (move["product_id"]["display_name"], move["quantity"], move["valuation_value"])
                        for move in moves
                    ],
                    [("Espresso Beans", 10.0, 50.0)],
                )
                move = self._read_as_shown(user, moves_action, "form")[0]
                self.assertEqual(move["location_dest_id"]["display_name"], self.bin_a.display_name)

    def test_a_reconciliation_as_of_a_past_date_leaves_out_later_stock(self):
        yesterday = fields.Date.context_today(self.env.user) - timedelta(days=1)
        reconciliation_id = self._run(self.accountant, yesterday)
        totals = self.rpc(
            self.accountant,
            "stock.gl.reconciliation",
            "read",
            [reconciliation_id],
            ["gl_balance", "layer_value", "line_ids"],
        )[0]
        self.assertEqual((totals["gl_balance"], totals["layer_value"], totals["line_ids"]), (0.0, 0.0, []))

    def test_the_figures_date_and_company_of_a_reconciliation_cannot_be_typed(self):
        reconciliation_id = self._run(self.accountant)
        for values in (
            {"gl_balance": 0.0},
            {"difference": 10.0},
            {"difference_line_count": 0},
            {"date": "2020-01-01"},
        ):
            with self.subTest(values=values):
                self.assertRpcRefused(
                    self.accountant,
                    "stock.gl.reconciliation",
                    "write",
                    [reconciliation_id],
                    values,
                    message="cannot be changed",
                )
        self.assertRpcRefused(self.accountant, "stock.gl.reconciliation", "unlink", [reconciliation_id])
        # Writing stays open for what a reviewer does: the chatter.
        self.rpc(
            self.accountant,
            "stock.gl.reconciliation",
            "message_post",
            [reconciliation_id],
            body="Checked with the warehouse.",
        )
        reconciliation = self.env["stock.gl.reconciliation"].browse(reconciliation_id)
        self.assertEqual(
            (reconciliation.gl_balance, reconciliation.layer_value, reconciliation.difference),
            (130.0, 130.0, 0.0),
        )

    def test_readers_of_the_ledger_do_not_recompute(self):
        reader = self._create_user("Rita Reader", "pi_ledger_reader", "account.group_account_readonly")
        reader.password = reader.login
        reconciliation = self.env["stock.gl.reconciliation"]._run_check(self.company)
        self.assertTrue(self.rpc(reader, "stock.gl.reconciliation", "search", []))
        self.assertRpcRefused(reader, "stock.gl.reconciliation", "action_recompute", reconciliation.ids)
        self.assertRpcRefused(reader, "stock.gl.reconciliation", "create", {"company_id": self.company.id})

    def test_layers_and_checks_of_another_company_stay_out_of_reach(self):
        layer_ids = self.rpc(self.accountant, "stock.valuation.layer", "search", [])
        self.assertTrue(layer_ids)
        self.assertNotIn(self.foreign_layer.id, layer_ids)
        self.assertRpcRefused(
            self.accountant, "stock.valuation.layer", "read", [self.foreign_layer.id], ["value"]
        )
        self.assertRpcRefused(
            self.accountant, "stock.gl.reconciliation", "create", {"company_id": self.foreign.company_id.id}
        )

    def test_counters_reach_none_of_it(self):
        line = self.env["stock.gl.reconciliation"]._run_check(self.company).line_ids[:1]
        self.assertTrue(line)
        for model, method, args in (
            ("stock.valuation.layer", "search_read", [[]]),
            ("stock.move", "search_read", [[]]),
            ("stock.gl.reconciliation", "create", [{"company_id": self.company.id}]),
            ("stock.gl.reconciliation", "action_recompute", [line.reconciliation_id.ids]),
            ("stock.gl.reconciliation.line", "action_open_valuation_layers", [line.ids]),
            ("stock.gl.reconciliation.line", "action_open_stock_moves", [line.ids]),
        ):
            with self.subTest(model=model, method=method):
                self.assertRpcRefused(self.counter_1, model, method, *args)
