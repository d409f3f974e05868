from odoo import fields
from odoo.tests import tagged

from odoo.addons.perpetual_inventory.tests.rpc_common import RpcCommon
from odoo.addons.perpetual_inventory.tests.rpc_views import ViewReadMixin


@tagged("post_install", "-at_install")
class TestKpiAccess(ViewReadMixin, RpcCommon):
    """KPIs are for managers and finance, of their own companies; counters see none."""

    def setUp(self):
        super().setUp()
        self._receive(self.tea, 4, 4.0)
        self.sample = self._create_stock_product("Free Sample", "fifo", self.company_data)
        self._receive(self.sample, 2, 0.0)
        self._deliver(self.sample, 2)  # sold out today: a stockout
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
            rows = self.rpc(
                user, "stock.kpi.snapshot", "search_read", [], fields=["company_id", "inventory_value"]
            )
            self.assertEqual({row["company_id"][0] for row in rows}, {self.company.id}, user.login)
            self.assertEqual(sorted(row["id"] for row in rows), sorted(self.own_rows.ids))
            data = self.rpc(user, "stock.kpi.snapshot", "get_dashboard_data")
            tiles = {tile["key"]: tile for tile in data["tiles"]}
            self.assertEqual(
                tiles["inventory_value"]["value"], self._layer_value(), "the own company's stock only"
            )

    def test_managers_open_the_records_behind_every_tile(self):
        for user in (self.manager, self.finance):
            data = self.rpc(user, "stock.kpi.snapshot", "get_dashboard_data")
            records = {}
            for tile in data["tiles"]:
                with self.subTest(user=user.login, tile=tile["key"]):
                    action = self.rpc(
                        user, "stock.kpi.snapshot", "action_open_kpi_records", tile["key"], data["date"]
                    )
                    records[tile["key"]] = self._read_as_shown(user, action)
            tiles = {tile["key"]: tile["value"] for tile in data["tiles"]}
            # The inventory value is the value of the layers behind it: 10 x 5.00 + 24 x 4.00.
            self.assertEqual(
                sum(layer["value"] for layer in records["inventory_value"]), tiles["inventory_value"]
            )
            self.assertEqual(tiles["inventory_value"], 146.0)

    def test_shrinkage_by_reason_shows_each_days_loss_to_managers(self):
        self.company.scrap_requires_approval = False
        damage = self.env.ref("perpetual_inventory.reason_unrecorded_damage")
        scrap = self.env["stock.scrap"].create(
            {
                "product_id": self.tea.id,
                "scrap_qty": 5,
                "location_id": self.bin_b.id,
                "variance_reason_id": damage.id,
                "company_id": self.company.id,
            }
        )
        scrap.do_scrap()  # 5 x 4.00
        today = fields.Date.today()
        self.env["stock.kpi.snapshot"].sudo()._build_day(today, self.company)
        warehouse = self.company_data["default_warehouse"]

        for user in (self.manager, self.finance):
            with self.subTest(user=user.login):
                # As the menu opens it: all classes together, the company's rows only.
                rows = self.rpc(
                    user,
                    "stock.kpi.shrinkage",
                    "search_read",
                    [("abc_class_id", "=", False)],
                    fields=["date", "company_id", "warehouse_id", "reason_id", "value"],
                )
                self.assertEqual(
                    [
                        (
                            row["date"],
                            row["company_id"][0],
                            row["warehouse_id"][0],
                            row["reason_id"][0],
                            row["value"],
                        )
                        for row in rows
                    ],
                    [(fields.Date.to_string(today), self.company.id, warehouse.id, damage.id, 20.0)],
                )
                by_reason = self.rpc(
                    user,
                    "stock.kpi.shrinkage",
                    "read_group",
                    [("abc_class_id", "=", False)],
                    ["value:sum"],
                    ["reason_id"],
                )
                self.assertEqual(
                    [(group["reason_id"][0], group["value"]) for group in by_reason], [(damage.id, 20.0)]
                )

    def test_managers_and_finance_open_their_companies_stockouts(self):
        today = str(fields.Date.today())
        for user in (self.manager, self.finance):
            action = self.rpc(user, "stock.kpi.snapshot", "action_open_kpi_records", "stockout_rate", today)
            rows = self.rpc(
                user,
                action["res_model"],
                "search_read",
                action["domain"],
                fields=["company_id", "product_id", "on_hand"],
            )
            self.assertEqual(
                [(row["company_id"][0], row["product_id"][0], row["on_hand"]) for row in rows],
                [(self.company.id, self.sample.id, 0.0)],
                user.login,
            )
            self.assertEqual(
                len(rows),
                sum(self.own_rows.filtered(lambda row: not row.abc_class_id).mapped("stockout_skus")),
                "the records behind the figure",
            )
        stockout = rows[0]["id"]
        self.assertRpcRefused(self.manager, "stock.kpi.stockout", "write", [stockout], {"on_hand": 5.0})
        self.assertRpcRefused(self.finance, "stock.kpi.stockout", "unlink", [stockout])

    def test_nobody_writes_snapshots_by_hand(self):
        row = self.own_rows[:1].id
        self.assertRpcRefused(self.manager, "stock.kpi.snapshot", "write", [row], {"inventory_value": 1.0})
        self.assertRpcRefused(self.finance, "stock.kpi.snapshot", "unlink", [row])
        self.assertRpcRefused(
            self.manager,
            "stock.kpi.snapshot",
            "create",
            {"date": "2026-01-01", "company_id": self.company.id},
        )
        self.assertRpcRefused(self.manager, "stock.kpi.snapshot", "_build_day", "2026-01-01", [])
        self.assertEqual(self.own_rows.exists(), self.own_rows)

    def test_counters_see_none_of_it(self):
        for model, method, args in (
            ("stock.kpi.snapshot", "search_read", [[]]),
            ("stock.kpi.snapshot", "get_dashboard_data", []),
            ("stock.kpi.snapshot", "action_open_kpi_records", ["record_accuracy", False]),
            ("stock.valuation.layer", "search_read", [[]]),
            ("stock.kpi.shrinkage", "search_read", [[]]),
            ("stock.kpi.stockout", "search_read", [[]]),
            ("stock.kpi.backfill", "create", [{"date_from": "2026-01-01", "date_to": "2026-01-02"}]),
        ):
            with self.subTest(model=model, method=method):
                self.assertRpcRefused(self.counter_1, model, method, *args)
