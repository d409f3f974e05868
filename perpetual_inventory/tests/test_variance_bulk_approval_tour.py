from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestVarianceBulkApprovalTour(HttpCase):
    """The demo manager approves a whole count's variances from the Variance Log, in Chromium."""

    def _count_short(self, session):
        """The demo counters find two thirds of every line, twice (count and blind recount)."""
        manager = self.env.ref("perpetual_inventory.user_manager")
        while session.state == "in_progress":
            for line in session.line_ids.filtered(lambda line: line.state == "to_count"):
                quantity = round(line.sudo()._current_quantity() * 2 / 3)
                line.with_user(line.counter_id).write({"counted_qty": quantity})
            session.with_user(manager).action_reconcile()

    def test_manager_approves_and_posts_a_counts_variances_in_one_pass(self):
        company = self.env.ref("base.main_company")
        company.variance_manager_limit = 500.0
        session = self.env["stock.count.session"].search(
            [
                ("state", "=", "in_progress"),
                ("location_ids", "in", self.env.ref("perpetual_inventory.location_wh_a_01").ids),
            ]
        )
        self.assertEqual(session.name, "CNT/00003", "the tour looks for the demo's two-location count")
        self._count_short(session)
        variances = session.variance_ids
        self.assertEqual(len(variances), 14)
        self.assertEqual(set(variances.mapped("state")), {"to_approve"})
        manager = self.env.ref("perpetual_inventory.user_manager")
        self.assertEqual(session.activity_ids.user_id, manager, "one activity for the count, not 14")

        self.start_tour("/odoo", "perpetual_inventory_variance_bulk_approval_tour", login="manager")

        theft = self.env.ref("perpetual_inventory.reason_theft")
        posted = variances.filtered(lambda variance: variance.state == "posted")
        waiting = variances - posted
        self.assertEqual(len(posted), 12)
        self.assertEqual(waiting.mapped("state"), ["to_approve_finance"] * 2)
        self.assertTrue(all(abs(value) > 500.0 for value in waiting.mapped("difference_value")))
        self.assertEqual(variances.reason_id, theft)
        self.assertEqual(posted.manager_approver_id | waiting.manager_approver_id, manager)
        shrinkage = theft.with_company(company).account_id
        for variance in posted:
            entry = variance.account_move_id
            self.assertEqual(entry.state, "posted")
            self.assertAlmostEqual(
                entry.line_ids.filtered(lambda line: line.account_id == shrinkage).debit,
                -variance.posted_value,
                places=2,
            )
        self.assertNotIn(manager, session.activity_ids.user_id, "the manager's activity is done")
        self.assertTrue(session.activity_ids, "the finance approvers have theirs")
