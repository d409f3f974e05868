from odoo import fields
from odoo.tests import tagged

from odoo.addons.perpetual_inventory.tests.rpc_common import RpcCommon


@tagged("post_install", "-at_install")
class TestKpiAccess(RpcCommon):
    """KPIs are for managers and finance, of their own companies; counters see none."""

    def setUp(self):
        super().setUp()
        self._receive(self.tea, 4, 4.0)
        self.sample = self._create_stock_product("Free Sample", "fifo", self.company_data)
        self._receive(self.sample, 2, 0.0)
        self._deliver(self.sample, 2)   # sold out today: a stockout
        snapshots = self.env["stock.kpi.snapshot"].sudo()
        today = fields.Date.today()
        snapshots._build_day(today, self.company)
        main_company = self.env.ref("base.main_company")
        snapshots._build_day(today, main_company)
        self.own_rows = snapshots.search([("company_id", "=", self.company.id)])
        self.assertTrue(self.own_rows)
        self.assertTrue(snapshots.search_count([("company_id", "=", main_company.id)]))

    def test_managers_and_finance_read_their_companies_rows(self):
        for user in (self.manager, self.finance):
            rows = self.rpc(user, "stock.kpi.snapshot", "search_read", [], fields=["company_id", "inventory_value"])
            self.assertEqual({row["company_id"][0] for row in rows}, {self.company.id}, user.login)
            self.assertEqual(sorted(row["id"] for row in rows), sorted(self.own_rows.ids))
            data = self.rpc(user, "stock.kpi.snapshot", "get_dashboard_data")
            tiles = {tile["key"]: tile for tile in data["tiles"]}
            self.assertEqual(tiles["inventory_value"]["value"], self._layer_value(), "the own company's stock only")

    def test_managers_and_finance_open_their_companies_stockouts(self):
        today = str(fields.Date.today())
        for user in (self.manager, self.finance):
            action = self.rpc(user, "stock.kpi.snapshot", "action_open_kpi_records", "stockout_rate", today)
            rows = self.rpc(user, action["res_model"], "search_read", action["domain"],
                            fields=["company_id", "product_id", "on_hand"])
            self.assertEqual([(row["company_id"][0], row["product_id"][0], row["on_hand"]) for row in rows],
                             [(self.company.id, self.sample.id, 0.0)], user.login)
            self.assertEqual(len(rows), sum(self.own_rows.filtered(lambda row: not row.abc_class_id)
                                            .mapped("stockout_skus")), "the records behind the figure")
        stockout = rows[0]["id"]
        self.assertRpcRefused(self.manager, "stock.kpi.stockout", "write", [stockout], {"on_hand": 5.0})
        self.assertRpcRefused(self.finance, "stock.kpi.stockout", "unlink", [stockout])

    def test_nobody_writes_snapshots_by_hand(self):
        row = self.own_rows[:1].id
        self.assertRpcRefused(self.manager, "stock.kpi.snapshot", "write", [row], {"inventory_value": 1.0})
        self.assertRpcRefused(self.finance, "stock.kpi.snapshot", "unlink", [row])
        self.assertRpcRefused(self.manager, "stock.kpi.snapshot", "create", {"date": "2026-01-01",
                                                                            "company_id": self.company.id})
        self.assertRpcRefused(self.manager, "stock.kpi.snapshot", "_build_day", "2026-01-01", [])
        self.assertEqual(self.own_rows.exists(), self.own_rows)

    def test_counters_see_none_of_it(self):
        for model, method, args in (
            ("stock.kpi.snapshot", "search_read", [[]]),
            ("stock.kpi.snapshot", "get_dashboard_data", []),
            ("stock.kpi.snapshot", "action_open_kpi_records", ["record_accuracy", False]),
            ("stock.kpi.shrinkage", "search_read", [[]]),
            ("stock.kpi.stockout", "search_read", [[]]),
            ("stock.kpi.backfill", "create", [{"date_from": "2026-01-01", "date_to": "2026-01-02"}]),
        ):
            with self.subTest(model=model, method=method):
                self.assertRpcRefused(self.counter_1, model, method, *args)
