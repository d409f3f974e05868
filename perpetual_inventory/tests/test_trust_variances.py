from lxml import etree

from odoo import Command
from odoo.tests import tagged

from .rpc_common import RpcCommon
from .screen_common import open_window_action


@tagged("post_install", "-at_install")
class TestTrustVariances(RpcCommon):
    """Approvals that no client can walk around: a manager calls the server directly."""

    def setUp(self):
        super().setUp()
        self.company.variance_manager_limit = 100.0
        theft = self.env.ref("perpetual_inventory.reason_theft")
        # Counter 1 found 6 of the 10 beans (5.00 each): -20.00, within the manager limit.
        self.variance = (
            self.env["stock.variance"]
            .sudo()
            .create(
                {
                    "company_id": self.company.id,
                    "product_id": self.beans.id,
                    "location_id": self.bin_a.id,
                    "expected_qty": 10.0,
                    "counted_qty": 6.0,
                    "reason_id": theft.id,
                    "counter_ids": [Command.set((self.counter_1 | self.manager_2).ids)],
                }
            )
        )
        self.variance.action_submit()

    def _state(self):
        self.variance.invalidate_recordset()
        return self.variance.sudo().read(
            [
                "state",
                "needs_finance_approval",
                "counter_ids",
                "counted_qty",
                "unit_cost",
                "manager_approver_id",
                "finance_approver_id",
                "stock_move_id",
            ]
        )[0]

    def test_workflow_fields_cannot_be_written(self):
        before = self._state()
        for vals in (
            {"state": "approved"},
            {"state": "posted"},
            {"needs_finance_approval": True},
            {"manager_approver_id": self.manager.id},
            {"counter_ids": [Command.unlink(self.manager_2.id)]},
            {"counted_qty": 10.0},
            {"unit_cost": 0.01},
            {"product_id": self.tea.id},
        ):
            self.assertRpcRefused(
                self.manager,
                "stock.variance",
                "write",
                [self.variance.id],
                vals,
                message="only change through its actions",
            )
        self.assertEqual(self._state(), before)

    def test_investigation_fields_stay_open(self):
        self.rpc(
            self.manager,
            "stock.variance",
            "write",
            [self.variance.id],
            {
                "root_cause": "Shelf by the door",
                "corrective_action": "Moved",
                "note": "<p>Seen on camera</p>",
            },
        )
        self.assertEqual(self.variance.root_cause, "Shelf by the door")

    def test_a_counter_removed_from_the_counters_still_cannot_approve(self):
        self.assertRpcRefused(
            self.manager_2,
            "stock.variance",
            "write",
            [self.variance.id],
            {"counter_ids": [Command.set(self.counter_1.ids)]},
            message="actions",
        )
        self.assertRpcRefused(
            self.manager_2,
            "stock.variance",
            "action_approve",
            [self.variance.id],
            message="counted .* cannot approve",
        )
        self.assertEqual(self.variance.state, "to_approve")

    def test_a_variance_cannot_be_created_already_approved(self):
        for vals in (
            {"state": "approved"},
            {"manager_approver_id": self.manager.id},
            {"needs_finance_approval": False, "stock_move_id": 1},
            {"kind": "scrap"},
        ):
            self.assertRpcRefused(
                self.manager,
                "stock.variance",
                "create",
                {
                    "product_id": self.beans.id,
                    "location_id": self.bin_a.id,
                    "counted_qty": 0.0,
                    **vals,
                },
                message="set by the counting workflow",
            )
        created = self.rpc(
            self.manager,
            "stock.variance",
            "create",
            {
                "product_id": self.beans.id,
                "location_id": self.bin_a.id,
                "expected_qty": 10.0,
                "counted_qty": 9.0,
                "counter_ids": [Command.set([])],
            },
        )
        by_hand = self.env["stock.variance"].browse(created)
        self.assertEqual(
            (by_hand.state, by_hand.counter_ids),
            ("draft", self.manager),
            "who reports a difference cannot approve it",
        )

    def test_waiting_variances_cannot_be_deleted(self):
        self.assertRpcRefused(
            self.manager, "stock.variance", "unlink", [self.variance.id], message="can be deleted"
        )
        self.assertTrue(self.variance.exists())

    def test_the_approved_value_is_the_posted_value(self):
        self.assertEqual(self.variance.unit_cost, 5.0)
        self.rpc(self.manager, "stock.variance", "action_approve", [self.variance.id])
        self.assertRpcRefused(
            self.manager,
            "stock.variance",
            "write",
            [self.variance.id],
            {"unit_cost": 500.0},
            message="actions",
        )
        self.rpc(self.manager, "stock.variance", "action_post", [self.variance.id])
        self.assertEqual(self.variance.difference_value, -20.0)
        self.assertEqual(self.variance.posted_value, -20.0)
        self.assertEntry(self.variance.account_move_id, {"SHRINK": (20.0, 0.0), "STOCKVAL": (0.0, 20.0)})

    def test_a_gain_is_booked_at_the_approved_cost(self):
        gain = (
            self.env["stock.variance"]
            .sudo()
            .create(
                {
                    "company_id": self.company.id,
                    "product_id": self.tea.id,
                    "location_id": self.bin_b.id,
                    "expected_qty": 20.0,
                    "counted_qty": 25.0,
                    "reason_id": self.env.ref("perpetual_inventory.reason_found_stock").id,
                    "counter_ids": [Command.set(self.counter_2.ids)],
                }
            )
        )
        gain.action_submit()
        self.rpc(self.manager, "stock.variance", "action_approve", [gain.id])
        self.tea.with_company(self.company).standard_price = 9.0  # the cost moved after approval
        self.rpc(self.manager, "stock.variance", "action_post", [gain.id])
        self.assertEqual(gain.posted_value, 20.0)
        self.assertEntry(gain.account_move_id, {"STOCKVAL": (20.0, 0.0), "FOUND": (0.0, 20.0)})

    def test_variance_analysis_shows_the_booked_value_once_posted(self):
        # Approved at 5.00 a bean (-20.00); the beans in stock now cost 6.00: -24.00 is
        # booked, within the manager limit.
        waiting = self.variance.sudo().copy({"counter_ids": [Command.set(self.counter_1.ids)]})
        waiting.action_submit()
        self.rpc(self.manager, "stock.variance", "action_approve", [self.variance.id])
        self._deliver(self.beans, 10)
        self._receive_into(self.beans, 10, 6.0, self.bin_a)
        self.rpc(self.manager, "stock.variance", "action_post", [self.variance.id])
        [posted] = self.rpc(
            self.manager,
            "stock.variance",
            "read",
            [self.variance.id],
            ["state", "difference_value", "posted_value", "value"],
        )
        self.assertEqual(
            (posted["state"], posted["difference_value"], posted["posted_value"], posted["value"]),
            ("posted", -20.0, -24.0, -24.0),
        )
        self.assertEntry(self.variance.account_move_id, {"SHRINK": (24.0, 0.0), "STOCKVAL": (0.0, 24.0)})
        self.assertEqual(
            (waiting.difference_value, waiting.value), (-20.0, -20.0), "the estimate until posted"
        )

        _action, posted_shown = open_window_action(
            self.env(user=self.manager), "perpetual_inventory.action_stock_variance_analysis", "pivot"
        )
        self.assertEqual(posted_shown, self.variance)
        pivot = (
            self.env["stock.variance"].with_user(self.manager).get_views([(False, "pivot")])["views"]["pivot"]
        )
        measures = etree.fromstring(pivot["arch"]).xpath("//field[@type='measure']/@name")
        self.assertEqual(measures, ["value"])
        by_reason = self.rpc(
            self.manager, "stock.variance", "read_group", [("state", "=", "posted")], measures, ["reason_id"]
        )
        self.assertEqual(
            [(row["reason_id"][0], row["value"]) for row in by_reason], [(self.variance.reason_id.id, -24.0)]
        )

    def test_posting_above_the_limit_on_the_real_cost_goes_back_to_finance(self):
        # Approved at 5.00 a bean (-20.00); meanwhile the cheap layer left and the beans
        # still in stock cost 40.00 each: booking -160.00 needs a finance approval.
        self.rpc(self.manager, "stock.variance", "action_approve", [self.variance.id])
        self._deliver(self.beans, 10)
        self._receive_into(self.beans, 10, 40.0, self.bin_a)

        answer = self.rpc(self.manager, "stock.variance", "action_post", [self.variance.id])

        self.assertEqual(answer["params"]["title"], "Finance approval needed")
        self.assertEqual(self.variance.state, "to_approve_finance")
        self.assertFalse(self.variance.stock_move_id)
        self.assertEqual(self._quantity(self.beans, self.bin_a), 10, "nothing was booked")
        self.assertEqual(self.variance.unit_cost, 40.0)
        self.assertIn(self.finance, self.variance.activity_ids.user_id)
        manager_3 = self._create_user("Moe Manager", "pi_manager_3", "perpetual_inventory.group_manager")
        manager_3.password = manager_3.login
        self.assertRpcRefused(
            manager_3,
            "stock.variance",
            "action_approve",
            [self.variance.id],
            message="finance approver must give",
        )
        self.rpc(self.finance, "stock.variance", "action_approve", [self.variance.id])
        self.rpc(self.manager, "stock.variance", "action_post", [self.variance.id])
        self.assertEqual(self.variance.posted_value, -160.0)
        self.assertEntry(self.variance.account_move_id, {"SHRINK": (160.0, 0.0), "STOCKVAL": (0.0, 160.0)})

    def test_finance_activity_goes_to_the_companys_finance_approvers_not_the_administrator(self):
        self.company.variance_manager_limit = 10.0
        variance = self.variance.sudo().copy({"counter_ids": [Command.set(self.counter_1.ids)]})
        variance.action_submit()
        admin = self.env.ref("base.user_admin")
        self.assertTrue(admin.has_group("perpetual_inventory.group_finance_approver"))

        self.rpc(self.manager, "stock.variance", "action_approve", [variance.id])

        self.assertEqual(variance.state, "to_approve_finance")
        self.assertIn(self.finance, variance.activity_ids.user_id)
        self.assertNotIn(admin, variance.activity_ids.user_id)
        self.company.variance_finance_approver_ids = admin
        variance.sudo().activity_unlink(["mail.mail_activity_data_todo"])
        variance._schedule_finance_activities()
        self.assertEqual(variance.activity_ids.user_id, admin, "the setting names them")

    def test_the_finance_state_shows_one_approve_button_for_finance_only(self):
        form = (
            self.env["stock.variance"]
            .with_user(self.finance)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertIn("state != 'to_approve_finance'", form)
        manager_form = (
            self.env["stock.variance"]
            .with_user(self.manager)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        self.assertNotIn("Approve (Finance)", manager_form)

    def test_counters_cannot_act_on_variances(self):
        for method in ("action_approve", "action_post", "action_reject", "read"):
            self.assertRpcRefused(self.counter_1, "stock.variance", method, [self.variance.id])
