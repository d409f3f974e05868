from odoo.tests import tagged

from odoo.addons.perpetual_inventory.tests.rpc_common import RpcCommon

LOW_STOCK = "perpetual_inventory_kpi.mail_activity_low_stock"


@tagged("post_install", "-at_install")
class TestTrustBlindCycleCounting(RpcCommon):
    """The cycle-count and KPI addons keep the blind-count promise: a counter learns
    neither consumption figures nor what the system expects to find."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["product.product"]._classify_abc(cls.company)

    def test_abc_rank_and_share_are_refused_like_the_consumption_value(self):
        hidden = ["abc_consumption_value", "abc_rank", "abc_cumulative_share"]
        visible = self.rpc(self.counter_1, "product.product", "fields_get", [], attributes=["type"])
        self.assertFalse(set(hidden) & set(visible))
        for field_name in hidden:
            self.assertRpcRefused(
                self.counter_1,
                "product.product",
                "read",
                [self.beans.id],
                [field_name],
                message="enough rights",
            )
            self.assertRpcRefused(
                self.counter_1,
                "product.product",
                "search_read",
                [("id", "=", self.beans.id)],
                [field_name],
                message="enough rights",
            )
            self.assertRpcRefused(
                self.counter_1,
                "product.product",
                "read_group",
                [("id", "=", self.beans.id)],
                [f"{field_name}:max"],
                [],
                message="enough rights",
            )
            self.assertRpcRefused(
                self.counter_1, "product.product", "search", [(field_name, "<=", 3)], message="enough rights"
            )
        product = self.rpc(self.manager, "product.product", "read", [self.beans.id], hidden)[0]
        self.assertEqual(product["abc_rank"], self.beans.abc_rank)

    def test_why_counted_is_refused_on_the_counters_own_line(self):
        line = self._line(self.count_session, self.beans)
        line.sudo().schedule_reason = "negative"
        self.assertEqual(line.counter_id, self.counter_1)
        self.assertRpcRefused(
            self.counter_1,
            "stock.count.line",
            "read",
            [line.id],
            ["schedule_reason"],
            message="enough rights",
        )
        self.assertRpcRefused(
            self.counter_1,
            "stock.count.line",
            "search_read",
            [("id", "=", line.id)],
            ["schedule_reason"],
            message="enough rights",
        )
        self.assertRpcRefused(
            self.counter_1,
            "stock.count.line",
            "search",
            [("schedule_reason", "=", "empty")],
            message="enough rights",
        )
        visible = self.rpc(self.counter_1, "stock.count.line", "fields_get", [], attributes=["type"])
        self.assertNotIn("schedule_reason", visible)
        self.assertIn("counted_qty", visible)
        self.assertEqual(
            self.rpc(self.manager, "stock.count.line", "read", [line.id], ["schedule_reason"])[0][
                "schedule_reason"
            ],
            "negative",
        )

    def test_low_stock_alerts_never_go_to_a_counter(self):
        warehouse = self.company_data["default_warehouse"]
        rule = self.env["stock.warehouse.orderpoint"].create(
            {
                "product_id": self.beans.id,
                "warehouse_id": warehouse.id,
                "location_id": warehouse.lot_stock_id.id,
                "product_min_qty": 40.0,
                "product_max_qty": 80.0,
                "trigger": "manual",
            }
        )
        self.beans.with_company(self.company).responsible_id = self.counter_1
        orderpoints = self.env["stock.warehouse.orderpoint"]
        orderpoints._cron_low_stock_alerts()
        alert = self.env["mail.activity"].search(
            [("activity_type_id", "=", self.env.ref(LOW_STOCK).id), ("res_id", "=", rule.id)]
        )
        self.assertEqual(len(alert), 1)
        self.assertNotEqual(alert.user_id, self.counter_1)
        self.assertTrue(alert.user_id.has_group("stock.group_stock_user"))
        self.assertFalse(alert.user_id.has_group("perpetual_inventory.group_counter"))
        self.assertEqual(
            self.rpc(
                self.counter_1,
                "mail.activity",
                "search_read",
                [("res_model", "=", "stock.warehouse.orderpoint")],
                ["note"],
            ),
            [],
        )
        # An alert given before the responsible became a counter moves to a manager.
        alert.user_id = self.counter_2
        orderpoints._cron_low_stock_alerts()
        self.assertEqual(
            alert.exists().user_id,
            self.env.ref("perpetual_inventory.group_manager")
            .users.filtered(
                lambda user: (
                    self.company in user.company_ids
                    and user.active
                    and not user.share
                    and not user.has_group("perpetual_inventory.group_counter")
                )
            )
            .sorted("id")[:1],
        )
        self.assertEqual(
            self.rpc(
                self.counter_2,
                "mail.activity",
                "search_read",
                [("res_model", "=", "stock.warehouse.orderpoint")],
                ["note"],
            ),
            [],
        )
