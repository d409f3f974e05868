from lxml import etree

from odoo import Command
from odoo.tests import tagged
from odoo.tools.safe_eval import safe_eval

from .rpc_common import RpcCommon

WIZARD = "stock.variance.bulk.approval"


@tagged("post_install", "-at_install")
class TestVarianceBulkApproval(RpcCommon):
    """A manager approves and posts a count's variances in one pass from the Variance Log;
    every rule still holds for each variance.

    Stock: 10 Espresso Beans at 5.00 in A-01, 20 Green Tea at 4.00 and 50 Dish Soap at 10.00
    in B-01. Manager limit: 100.00. The count session's responsible is Mia Manager."""

    def setUp(self):
        super().setUp()
        self.company.variance_manager_limit = 100.0
        self._receive_into(self.soap, 50, 10.0, self.bin_b)
        self.theft = self.env.ref("perpetual_inventory.reason_theft")
        self.picking_error = self.env.ref("perpetual_inventory.reason_picking_error")
        self.review_type = self.env.ref("perpetual_inventory.mail_activity_variance_review")

    def _variances(self, *specs):
        """Variances of the count, opened as the counting engine opens them: all at once,
        submitted. ``specs``: (product, location, expected, counted, counters, reason)."""
        variances = (
            self.env["stock.variance"]
            .sudo()
            .create(
                [
                    {
                        "company_id": self.company.id,
                        "session_id": self.count_session.id,
                        "product_id": product.id,
                        "location_id": location.id,
                        "expected_qty": expected,
                        "counted_qty": counted,
                        "counter_ids": [Command.set(counters.ids)],
                        "reason_id": reason.id,
                    }
                    for product, location, expected, counted, counters, reason in specs
                ]
            )
        )
        variances.action_submit()
        return variances

    def _wizard(self, variances):
        return self.rpc(self.manager, WIZARD, "create", {"variance_ids": [Command.set(variances.ids)]})

    def _bulk(self, user, variances, reason=None, **kwargs):
        wizard_id = self.rpc(
            user,
            WIZARD,
            "create",
            {
                "variance_ids": [Command.set(variances.ids)],
                "reason_id": reason.id if reason else False,
            },
        )
        return self.rpc(user, WIZARD, "action_approve_and_post", [wizard_id], **kwargs)

    def _snapshot(self, variances):
        variances.invalidate_recordset()
        return variances.sudo().read(
            [
                "state",
                "reason_id",
                "manager_approver_id",
                "finance_approver_id",
                "stock_move_id",
                "account_move_id",
                "activity_ids",
            ]
        )

    def _review_activities(self, user=None):
        activities = self.count_session.activity_ids.filtered(
            lambda activity: activity.activity_type_id == self.review_type
        )
        return activities.filtered(lambda activity: activity.user_id == user) if user else activities

    def test_a_mixed_selection_posts_what_the_manager_may_and_says_why_not_the_rest(self):
        no_account = self.env["account.account"].browse()
        self.picking_error.with_company(self.company).account_id = no_account
        no_reason = self.env["stock.variance.reason"]
        beans, tea, soap, own, unbookable = self._variances(
            (self.beans, self.bin_a, 10.0, 8.0, self.counter_1, no_reason),  # -10.00
            (self.tea, self.bin_b, 20.0, 23.0, self.counter_2, self.theft),  # +12.00
            (self.soap, self.bin_b, 50.0, 30.0, self.counter_2, self.theft),  # -200.00: above the limit
            (self.tea, self.bin_b, 20.0, 19.0, self.manager, no_reason),  # counted by Mia
            (self.beans, self.bin_a, 10.0, 9.0, self.counter_1, self.picking_error),  # no account to post on
        )
        own_before, unbookable_before = self._snapshot(own), self._snapshot(unbookable)

        answer = self._bulk(self.manager, beans | tea | soap | own | unbookable, reason=self.theft)

        message = answer["params"]["message"]
        self.assertIn("Posted: 2.", message)
        self.assertIn(f"Waiting for finance approval (above your limit): 1 ({soap.name})", message)
        self.assertIn("Refused: 2.", message)
        self.assertIn(f"Mia Manager counted {own.name} and cannot approve it", message)
        self.assertIn("Set the adjustment account of the variance reason Picking error", message)
        self.assertTrue(answer["params"]["sticky"])

        self.assertEqual(
            (beans.state, beans.reason_id, beans.manager_approver_id), ("posted", self.theft, self.manager)
        )
        self.assertEntry(beans.account_move_id, {"SHRINK": (10.0, 0.0), "STOCKVAL": (0.0, 10.0)})
        self.assertEqual(self._quantity(self.beans, self.bin_a), 8)
        self.assertEqual((tea.state, tea.reason_id), ("posted", self.theft))
        self.assertEntry(tea.account_move_id, {"STOCKVAL": (12.0, 0.0), "SHRINK": (0.0, 12.0)})
        self.assertEqual(self._quantity(self.tea, self.bin_b), 23)

        self.assertEqual((soap.state, soap.manager_approver_id), ("to_approve_finance", self.manager))
        self.assertFalse(soap.stock_move_id)
        self.assertEqual(self._quantity(self.soap, self.bin_b), 50)

        self.assertEqual(self._snapshot(own), own_before, "left exactly as it was, without the reason")
        self.assertEqual(self._snapshot(unbookable), unbookable_before, "never approved without being posted")
        self.assertEqual(self._quantity(self.beans, self.bin_a), 8, "only the first beans variance booked")
        self.assertPerpetualInvariant()

    def test_a_counts_variances_give_one_activity_per_reviewer_done_once_reviewed(self):
        specs = [(self.beans, self.bin_a, 10.0, 11.0, self.counter_1, self.theft)] * 15
        variances = self._variances(*specs)

        self.assertFalse(variances.activity_ids, "no activity per variance")
        self.assertEqual(len(self._review_activities()), 1)
        activity = self._review_activities(self.manager)
        self.assertEqual(activity.summary, f"Variances of {self.count_session.name} to approve: 15")

        self.rpc(self.manager, "stock.variance", "action_approve", variances[:5].ids)
        self.assertEqual(activity.summary, f"Variances of {self.count_session.name} to approve: 10")

        answer = self._bulk(self.manager, variances[5:])

        self.assertEqual(answer["params"]["message"], "Posted: 10.")
        self.assertEqual(set(variances[5:].mapped("state")), {"posted"})
        self.assertFalse(self._review_activities(), "every variance of the count is approved")
        self.assertFalse(activity.exists() and activity.active)
        bodies = self.count_session.message_ids.mapped("body")
        self.assertTrue(any("No variance of" in body for body in bodies))

    def test_above_the_limit_the_count_goes_to_finance_with_one_activity_each(self):
        soap, soap_again = self._variances(
            (self.soap, self.bin_b, 50.0, 30.0, self.counter_2, self.theft),  # -200.00
            (self.soap, self.bin_b, 50.0, 35.0, self.counter_2, self.theft),  # -150.00
        )

        self._bulk(self.manager, soap | soap_again)

        self.assertEqual(set((soap | soap_again).mapped("state")), {"to_approve_finance"})
        self.assertFalse(self._review_activities(self.manager))
        self.assertEqual(len(self._review_activities(self.finance)), 1)
        self.assertEqual(
            self._review_activities(self.finance).summary,
            f"Variances of {self.count_session.name} to approve: 2",
        )

        answer = self._bulk(self.finance, soap | soap_again)

        self.assertEqual(answer["params"]["message"], "Posted: 2.")
        self.assertEntry(soap.account_move_id, {"SHRINK": (200.0, 0.0), "STOCKVAL": (0.0, 200.0)})
        self.assertEntry(soap_again.account_move_id, {"SHRINK": (150.0, 0.0), "STOCKVAL": (0.0, 150.0)})
        self.assertEqual(self._quantity(self.soap, self.bin_b), 15)
        self.assertFalse(self._review_activities())

    def test_mine_to_approve_lists_the_counts_variances_for_their_reviewer(self):
        mine, counted_by_me = self._variances(
            (self.beans, self.bin_a, 10.0, 8.0, self.counter_1, self.theft),
            (self.tea, self.bin_b, 20.0, 19.0, self.manager, self.theft),
        )
        arch = self.env["stock.variance"].get_views([(False, "search")])["views"]["search"]["arch"]
        domain = etree.fromstring(arch).xpath("//filter[@name='my_to_approve']")[0].get("domain")
        self.assertEqual(
            self.env["stock.variance"]
            .with_user(self.manager)
            .search(safe_eval(domain, {"uid": self.manager.id})),
            mine,
        )
        reviewer = self.count_session.activity_ids.user_id - self.manager
        self.assertEqual(len(reviewer), 1, "another manager reviews what Mia counted")
        self.assertIn(
            counted_by_me,
            self.env["stock.variance"].with_user(reviewer).search(safe_eval(domain, {"uid": reviewer.id})),
        )

    def test_the_list_button_passes_the_selected_variances(self):
        variance = self._variances((self.beans, self.bin_a, 10.0, 8.0, self.counter_1, self.theft))
        wizard_id = self.rpc(
            self.manager,
            WIZARD,
            "create",
            {},
            context={"active_model": "stock.variance", "active_ids": variance.ids},
        )
        self.rpc(self.manager, WIZARD, "action_approve_and_post", [wizard_id])
        self.assertEqual(variance.state, "posted")

    # Bad input: refused as a whole, nothing approved --------------------------

    def test_variances_without_a_reason_need_one(self):
        with_reason, without_reason = self._variances(
            (self.beans, self.bin_a, 10.0, 8.0, self.counter_1, self.theft),
            (self.tea, self.bin_b, 20.0, 19.0, self.counter_2, self.env["stock.variance.reason"]),
        )
        before = self._snapshot(with_reason | without_reason)
        wizard_id = self._wizard(with_reason | without_reason)
        self.assertRpcRefused(
            self.manager,
            WIZARD,
            "action_approve_and_post",
            [wizard_id],
            message=f"Give the reason .*: {without_reason.name}",
        )
        self.assertEqual(self._snapshot(with_reason | without_reason), before)

    def test_variances_of_another_company_are_refused(self):
        mine = self._variances((self.beans, self.bin_a, 10.0, 8.0, self.counter_1, self.theft))
        other = self.foreign.company_id
        foreign = (
            self.env["stock.variance"]
            .sudo()
            .create(
                {
                    "company_id": other.id,
                    "product_id": self.foreign.id,
                    "location_id": self.env["stock.warehouse"]
                    .sudo()
                    .search([("company_id", "=", other.id)], limit=1)
                    .lot_stock_id.id,
                    "expected_qty": 5.0,
                    "counted_qty": 1.0,
                    "reason_id": self.theft.id,
                    "counter_ids": [Command.set(self.counter_1.ids)],
                }
            )
        )
        foreign.action_submit()
        before = self._snapshot(mine | foreign)
        wizard_id = self._wizard(mine | foreign)
        self.assertRpcRefused(
            self.manager,
            WIZARD,
            "action_approve_and_post",
            [wizard_id],
            message="1 of the selected variances belong to a company you do not work in",
        )
        self.assertEqual(self._snapshot(mine | foreign), before)

    def test_posted_variances_are_refused(self):
        posted, waiting = self._variances(
            (self.beans, self.bin_a, 10.0, 8.0, self.counter_1, self.theft),
            (self.tea, self.bin_b, 20.0, 19.0, self.counter_2, self.theft),
        )
        self._bulk(self.manager, posted)
        before = self._snapshot(posted | waiting)
        wizard_id = self._wizard(posted | waiting)
        self.assertRpcRefused(
            self.manager,
            WIZARD,
            "action_approve_and_post",
            [wizard_id],
            message=rf"Leave these out: {posted.name} \(Posted\)",
        )
        self.assertEqual(self._snapshot(posted | waiting), before)

    def test_an_empty_selection_is_refused(self):
        wizard_id = self.rpc(self.manager, WIZARD, "create", {"reason_id": self.theft.id})
        self.assertRpcRefused(
            self.manager, WIZARD, "action_approve_and_post", [wizard_id], message="Select the variances"
        )

    def test_counters_cannot_use_it(self):
        variance = self._variances((self.beans, self.bin_a, 10.0, 8.0, self.counter_2, self.theft))
        self.assertRpcRefused(self.counter_1, WIZARD, "create", {"variance_ids": [Command.set(variance.ids)]})
        self.assertEqual(variance.state, "to_approve")
