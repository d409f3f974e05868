from odoo.tests import tagged

from odoo.addons.perpetual_inventory.tests.rpc_common import RpcCommon

from .review_common import ReviewCommon


@tagged("post_install", "-at_install")
class TestReviewAndReorderAccess(ReviewCommon, RpcCommon):
    """Reviews and reorder suggestions through JSON-RPC: managers and finance work with
    them, counters reach none of it, and each company sees its own."""

    def _review_rpc(self, user, **values):
        return self.rpc(
            user,
            "stock.variance.review",
            "create",
            dict({"company_id": self.company.id, "year": 2026, "quarter": "2"}, **values),
        )

    def test_managers_and_finance_review_counters_see_nothing(self):
        review_id = self._review_rpc(self.manager)
        [figures] = self.rpc(
            self.finance,
            "stock.variance.review",
            "read",
            [review_id],
            ["variance_count", "shrinkage_value", "record_accuracy"],
        )
        self.assertEqual(
            (figures["variance_count"], figures["shrinkage_value"], figures["record_accuracy"]),
            (3, 40.0, 75.0),
        )
        self.rpc(
            self.finance,
            "stock.variance.review",
            "write",
            [review_id],
            {
                "conclusion": "<p>Cage the coffee.</p>",
                "action_ids": [
                    (0, 0, {"name": "Buy a cage", "owner_id": self.manager.id, "deadline": "2026-09-30"})
                ],
            },
        )
        self.assertEqual(
            self.env["stock.variance.review"].browse(review_id).activity_ids.user_id, self.manager
        )
        for model, method, args in [
            ("stock.variance.review", "search_read", [[]]),
            ("stock.variance.review.line", "search_read", [[]]),
            (
                "stock.variance.review",
                "create",
                [{"company_id": self.company.id, "year": 2026, "quarter": "1"}],
            ),
            ("stock.variance.review", "action_compute_figures", [[review_id]]),
            ("stock.reorder.suggestion.wizard", "create", [{"window_days": 30}]),
            ("stock.reorder.suggestion", "search_read", [[]]),
        ]:
            with self.subTest(model=model, method=method):
                self.assertRpcRefused(self.counter_1, model, method, *args)
        self.assertEqual(self.env["stock.variance.review"].search_count([]), 1)

    def test_each_company_sees_its_own_reviews(self):
        other_company = self.foreign.company_id
        theirs = self.env["stock.variance.review"].create(
            {"company_id": other_company.id, "year": 2026, "quarter": "2"}
        )
        mine = self._review_rpc(self.manager)
        self.assertEqual(self.rpc(self.manager, "stock.variance.review", "search", []), [mine])
        self.assertRpcRefused(self.manager, "stock.variance.review", "read", [theirs.id], ["name"])
        self.assertRpcRefused(
            self.manager,
            "stock.variance.review",
            "create",
            {"company_id": other_company.id, "year": 2026, "quarter": "1"},
        )

    def test_manager_computes_and_applies_suggestions_bad_input_changes_nothing(self):
        self.assertRpcRefused(
            self.manager,
            "stock.reorder.suggestion.wizard",
            "create",
            {"window_days": 30, "service_level": 120.0},
            message="service level lies between",
        )
        self.assertRpcRefused(
            self.manager,
            "stock.reorder.suggestion.wizard",
            "create",
            {"window_days": 30, "default_lead_time_days": -3.0},
            message="cannot be negative",
        )
        self.assertFalse(self.env["stock.reorder.suggestion.wizard"].search([]))
        self._deliver(self.beans, 3)  # today: outside the window, which ends last midnight
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE stock_move SET date = date - interval '1 day' WHERE product_id = %s "
            "AND location_dest_id = %s",
            [self.beans.id, self.env.ref("stock.stock_location_customers").id],
        )
        wizard_id = self.rpc(self.manager, "stock.reorder.suggestion.wizard", "create", {"window_days": 3})
        self.rpc(self.manager, "stock.reorder.suggestion.wizard", "action_compute", [wizard_id])
        suggestions = self.rpc(
            self.manager,
            "stock.reorder.suggestion",
            "search_read",
            [("wizard_id", "=", wizard_id)],
            ["product_id", "daily_demand"],
        )
        self.assertEqual(
            [(row["product_id"][0], row["daily_demand"]) for row in suggestions], [(self.beans.id, 1.0)]
        )
        self.rpc(self.manager, "stock.reorder.suggestion", "action_apply", [suggestions[0]["id"]])
        rule = self.env["stock.warehouse.orderpoint"].search([("product_id", "=", self.beans.id)])
        self.assertEqual(rule.warehouse_id, self.company_data["default_warehouse"])
        self.assertRpcRefused(
            self.counter_1, "stock.reorder.suggestion", "action_apply", [suggestions[0]["id"]]
        )
