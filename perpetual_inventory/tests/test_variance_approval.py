from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .common import PerpetualCogsCommon


@tagged("post_install", "-at_install")
class TestVarianceApproval(PerpetualCogsCommon):
    """The variance log: a counted difference is approved by the right people,
    then posted as a stock adjustment with its entry on the reason's account."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.company_data["company"]
        cls.company.variance_manager_limit = 1000.0
        cls.stock_location = cls.company_data["default_warehouse"].lot_stock_id
        cls.shrinkage = (
            cls.env["account.account"]
            .with_company(cls.company)
            .create(
                {
                    "name": "Inventory Shrinkage",
                    "code": "SHRINK",
                    "account_type": "expense",
                }
            )
        )
        cls.reason = cls.env.ref("perpetual_inventory.reason_theft")
        cls.reason.with_company(cls.company).account_id = cls.shrinkage

        cls.counter = cls._create_user("Carla Counter", "pi_var_counter", "perpetual_inventory.group_counter")
        cls.manager_1 = cls._create_user(
            "Mona Manager", "pi_var_manager_1", "perpetual_inventory.group_manager"
        )
        cls.manager_2 = cls._create_user(
            "Max Manager", "pi_var_manager_2", "perpetual_inventory.group_manager"
        )
        cls.finance = cls._create_user(
            "Fiona Finance", "pi_var_finance", "perpetual_inventory.group_finance_approver"
        )

    def setUp(self):
        super().setUp()
        self._receive(self.fifo_product, 10, 5.0)

    def _variance(self, counted, expected=10.0, product=None, reason=True):
        """A variance as the counting engine opens it (as superuser): counted by the counter."""
        return (
            self.env["stock.variance"]
            .sudo()
            .create(
                {
                    "company_id": self.company.id,
                    "product_id": (product or self.fifo_product).id,
                    "location_id": self.stock_location.id,
                    "expected_qty": expected,
                    "counted_qty": counted,
                    "reason_id": self.reason.id if reason else False,
                    "counter_ids": [Command.set(self.counter.ids)],
                }
            )
        )

    def _as(self, user, variance):
        return variance.with_user(user)

    def _on_hand(self, product):
        return product.with_company(self.company).with_context(location=self.stock_location.id).qty_available

    def _snapshot(self, variance):
        variance.invalidate_recordset()
        return variance.sudo().read(
            [
                "state",
                "reason_id",
                "counted_qty",
                "manager_approver_id",
                "finance_approver_id",
                "stock_move_id",
                "account_move_id",
                "posted_value",
            ]
        )

    def assertRefused(self, variance, operation, message):
        """``operation`` raises a UserError naming ``message`` and changes nothing."""
        before = self._snapshot(variance)
        with self.assertRaisesRegex(UserError, message):
            operation()
        self.assertEqual(self._snapshot(variance), before)

    def _approved(self, variance):
        variance.action_submit()
        self._as(self.manager_1, variance).action_approve()
        return variance

    # Within the manager limit --------------------------------------------------

    def test_loss_within_limit_manager_approves_and_posting_books_shrinkage(self):
        variance = self._variance(counted=8.0)
        self.assertTrue(variance.name.startswith("VAR/"))
        self.assertEqual(variance.difference_qty, -2.0)
        self.assertEqual(variance.unit_cost, 5.0)
        self.assertEqual(variance.difference_value, -10.0)
        self.assertFalse(variance.needs_finance_approval)

        variance.action_submit()
        self.assertEqual(variance.state, "to_approve")
        self._as(self.manager_1, variance).action_approve()
        self.assertEqual(variance.state, "approved")
        self.assertEqual(variance.manager_approver_id, self.manager_1)
        self.assertTrue(variance.manager_approved_at)
        self.assertFalse(variance.finance_approver_id)
        self.assertFalse(variance.activity_ids)

        self._as(self.manager_1, variance).action_post()

        self.assertEqual(variance.state, "posted")
        self.assertEqual(variance.stock_move_id.state, "done")
        self.assertEqual(variance.stock_move_id.variance_reason_id, self.reason)
        self.assertEqual(variance.stock_move_id.location_id, self.stock_location)
        self.assertEqual(self._on_hand(self.fifo_product), 8.0)
        self.assertEqual(variance.account_move_id, variance.stock_move_id.account_move_ids)
        self.assertEntry(
            variance.account_move_id,
            {
                "SHRINK": (10.0, 0.0),
                "STOCKVAL": (0.0, 10.0),
            },
        )
        self.assertEqual(variance.posted_value, -10.0)
        self.assertTrue(any("Variance posted" in message.body for message in variance.message_ids))
        self.assertPerpetualInvariant()

    def test_gain_within_limit_posts_found_stock_at_layer_cost(self):
        variance = self._approved(self._variance(counted=13.0))
        self.assertEqual(variance.difference_value, 15.0)

        self._as(self.manager_1, variance).action_post()

        self.assertEqual(self._on_hand(self.fifo_product), 13.0)
        self.assertEqual(variance.stock_move_id.location_dest_id, self.stock_location)
        self.assertEntry(
            variance.account_move_id,
            {
                "STOCKVAL": (15.0, 0.0),
                "SHRINK": (0.0, 15.0),
            },
        )
        self.assertEqual(variance.posted_value, 15.0)
        self.assertPerpetualInvariant()

    def test_zero_difference_posts_without_a_move(self):
        variance = self._approved(self._variance(counted=10.0))

        self._as(self.manager_1, variance).action_post()

        self.assertEqual(variance.state, "posted")
        self.assertFalse(variance.stock_move_id)
        self.assertFalse(variance.account_move_id)
        self.assertEqual(variance.posted_value, 0.0)
        self.assertEqual(self._on_hand(self.fifo_product), 10.0)

    # Above the manager limit ---------------------------------------------------

    def test_above_limit_needs_finance_approval_from_a_finance_approver(self):
        self.company.variance_manager_limit = 5.0
        variance = self._variance(counted=8.0)
        variance.action_submit()
        self.assertTrue(variance.needs_finance_approval)

        self._as(self.manager_1, variance).action_approve()
        self.assertEqual(variance.state, "to_approve_finance")
        self.assertEqual(variance.manager_approver_id, self.manager_1)

        self.assertRefused(
            variance,
            self._as(self.manager_2, variance).action_approve,
            "finance approver must give",
        )

        self._as(self.finance, variance).action_approve()
        self.assertEqual(variance.state, "approved")
        self.assertEqual(variance.finance_approver_id, self.finance)
        self.assertTrue(variance.finance_approved_at)
        self.assertFalse(variance.activity_ids)

        self._as(self.manager_1, variance).action_post()
        self.assertEntry(
            variance.account_move_id,
            {
                "SHRINK": (10.0, 0.0),
                "STOCKVAL": (0.0, 10.0),
            },
        )
        self.assertPerpetualInvariant()

    def _submitted(self, counted):
        variance = self._variance(counted=counted)
        variance.action_submit()
        return variance

    def test_limit_is_compared_with_the_absolute_value(self):
        self.company.variance_manager_limit = 10.0
        self.assertFalse(self._submitted(8.0).needs_finance_approval)  # -10.00: at the limit
        self.assertTrue(self._submitted(7.0).needs_finance_approval)  # -15.00
        self.assertTrue(self._submitted(13.0).needs_finance_approval)  # +15.00

    def test_the_limit_is_decided_at_submission_and_stands_when_it_changes_afterwards(self):
        variance = self._approved(self._variance(counted=8.0))
        self.company.variance_manager_limit = 5.0
        self.assertFalse(variance.needs_finance_approval)
        self.assertEqual(variance.state, "approved")

        self.company.variance_manager_limit = 5.0
        waiting = self._submitted(8.0)
        self.company.variance_manager_limit = 1000.0
        self.assertTrue(waiting.needs_finance_approval)

    # Refusals ------------------------------------------------------------------

    def test_approving_without_reason_is_refused(self):
        variance = self._variance(counted=8.0, reason=False)
        variance.action_submit()
        self.assertRefused(variance, self._as(self.manager_1, variance).action_approve, "Set the reason")
        self.assertEqual(variance.state, "to_approve")

    def test_counter_cannot_approve_own_count(self):
        self.counter.groups_id = [Command.link(self.env.ref("perpetual_inventory.group_manager").id)]
        variance = self._variance(counted=8.0)
        variance.action_submit()
        self.assertRefused(
            variance, self._as(self.counter, variance).action_approve, "counted .* cannot approve"
        )

    def test_same_manager_cannot_approve_twice(self):
        self.company.variance_manager_limit = 5.0
        variance = self._variance(counted=8.0)
        variance.action_submit()
        self._as(self.manager_1, variance).action_approve()
        self.assertRefused(variance, self._as(self.manager_1, variance).action_approve, "already approved")

    def test_finance_approver_cannot_fill_both_slots(self):
        self.company.variance_manager_limit = 5.0
        variance = self._variance(counted=8.0)
        variance.action_submit()
        self._as(self.finance, variance).action_approve()
        self.assertEqual(variance.manager_approver_id, self.finance)
        self.assertRefused(variance, self._as(self.finance, variance).action_approve, "already approved")
        self.assertEqual(variance.state, "to_approve_finance")

    def test_approved_or_posted_variance_cannot_be_approved_again(self):
        variance = self._approved(self._variance(counted=8.0))
        self.assertRefused(variance, self._as(self.manager_2, variance).action_approve, "is Approved")
        self._as(self.manager_1, variance).action_post()
        self.assertRefused(variance, self._as(self.manager_2, variance).action_approve, "is Posted")

    def test_draft_variance_cannot_be_approved_or_posted(self):
        variance = self._variance(counted=8.0)
        self.assertRefused(variance, self._as(self.manager_1, variance).action_approve, "is Draft")
        self.assertRefused(variance, self._as(self.manager_1, variance).action_post, "Only approved")

    def test_posted_variance_is_immutable_and_cannot_be_deleted(self):
        variance = self._approved(self._variance(counted=8.0))
        self._as(self.manager_1, variance).action_post()
        as_manager = self._as(self.manager_1, variance)

        other_reason = self.env.ref("perpetual_inventory.reason_unknown")
        self.assertRefused(
            variance, lambda: as_manager.write({"reason_id": other_reason.id}), "cannot be changed"
        )
        self.assertRefused(variance, lambda: as_manager.write({"counted_qty": 9.0}), "cannot be changed")
        self.assertRefused(variance, as_manager.unlink, "can be deleted")
        self.assertRefused(variance, as_manager.action_reject, "Only variances waiting")
        # The chatter stays open on a posted variance.
        as_manager.message_post(body="Checked with the store manager.")

    def test_only_hand_made_drafts_can_be_deleted(self):
        variance = self._variance(counted=8.0)
        variance.action_submit()
        self.assertRefused(variance, self._as(self.manager_2, variance).unlink, "can be deleted")
        self._as(self.manager_2, variance).action_approve()
        self.assertRefused(variance, self._as(self.manager_2, variance).unlink, "can be deleted")
        self._as(self.manager_2, variance).action_reject()
        self.assertEqual(variance.state, "rejected")
        self.assertFalse(variance.stock_move_id)
        self.assertRefused(variance, self._as(self.manager_2, variance).unlink, "can be deleted")

        typo = (
            self.env["stock.variance"]
            .with_user(self.manager_2)
            .create(
                {
                    "product_id": self.fifo_product.id,
                    "location_id": self.stock_location.id,
                    "expected_qty": 10.0,
                    "counted_qty": 9.0,
                }
            )
        )
        typo.unlink()
        self.assertFalse(typo.exists())

    def test_rejected_variance_goes_back_to_draft_without_approvals(self):
        variance = self._approved(self._variance(counted=8.0))
        self._as(self.manager_2, variance).action_reject()
        self._as(self.manager_2, variance).action_reset_to_draft()
        self.assertEqual(variance.state, "draft")
        self.assertFalse(variance.manager_approver_id)
        self.assertFalse(variance.manager_approved_at)

    def test_counter_has_no_access_to_the_variance_log(self):
        variance = self._variance(counted=8.0)
        with self.assertRaises(AccessError):
            self._as(self.counter, variance).read(["product_id"])
        with self.assertRaises(AccessError):
            self.env["stock.variance"].with_user(self.counter).search([])

    def test_managers_see_the_variances_of_their_companies_only(self):
        variance = self._variance(counted=8.0)
        other_company = self.env["res.company"].create({"name": "Other Shop"})
        other_manager = self.manager_1.copy(
            {
                "login": "pi_var_other_manager",
                "company_id": other_company.id,
                "company_ids": [Command.set(other_company.ids)],
            }
        )
        self.assertTrue(other_manager.has_group("perpetual_inventory.group_manager"))
        self.assertFalse(self.env["stock.variance"].with_user(other_manager).search([]))
        with self.assertRaises(AccessError):
            self._as(other_manager, variance).read(["product_id"])
        self.assertEqual(self.env["stock.variance"].with_user(self.manager_1).search([]), variance)

    def test_counter_cannot_read_expected_quantity_or_value_fields(self):
        restricted = {"expected_qty", "unit_cost", "difference_value", "posted_value", "value"}
        fields_for_counter = self.env["stock.variance"].with_user(self.counter).fields_get()
        self.assertFalse(restricted & set(fields_for_counter))
        fields_for_manager = self.env["stock.variance"].with_user(self.manager_1).fields_get()
        self.assertLessEqual(restricted, set(fields_for_manager))

    # Activities -----------------------------------------------------------------

    def _counted_by_test_user_and_counter(self, counted):
        # The test user is a manager of the company too, with the lowest id:
        # having counted, they are passed over, which makes manager_1 the first approver.
        variance = self._variance(counted=counted)
        variance.counter_ids = self.env.user | self.counter
        return variance

    def test_submit_gives_the_first_manager_who_did_not_count_an_activity(self):
        self.assertTrue(self.env.user.has_group("perpetual_inventory.group_manager"))
        variance = self._counted_by_test_user_and_counter(counted=8.0)

        variance.action_submit()

        self.assertEqual(variance.activity_ids.user_id, self.manager_1)
        self.assertEqual(variance.activity_ids.activity_type_id, self.env.ref("mail.mail_activity_data_todo"))
        self._as(self.manager_1, variance).action_approve()
        self.assertFalse(variance.activity_ids)

    def test_submit_gives_the_session_responsible_the_activity_unless_they_counted(self):
        session = self.env["stock.count.session"].create(
            {
                "name": "Spot count aisle 3",
                "company_id": self.company.id,
                "user_id": self.manager_2.id,
            }
        )
        variance = self._counted_by_test_user_and_counter(counted=8.0)
        variance.session_id = session
        variance.action_submit()
        # A count's variances are reviewed on the count session, one activity per reviewer.
        self.assertFalse(variance.activity_ids)
        self.assertEqual(session.activity_ids.user_id, self.manager_2)

        counted_by_responsible = self._counted_by_test_user_and_counter(counted=8.0)
        counted_by_responsible.write(
            {
                "session_id": session.id,
                "counter_ids": [Command.link(self.manager_2.id)],
            }
        )
        counted_by_responsible.action_submit()
        self.assertFalse(counted_by_responsible.activity_ids)
        self.assertEqual(session.activity_ids.user_id, self.manager_1 | self.manager_2)
        activity_1 = session.activity_ids.filtered(lambda activity: activity.user_id == self.manager_1)
        self.assertEqual(activity_1.summary, "Variances of Spot count aisle 3 to approve: 1")

    def test_submit_above_limit_also_gives_a_finance_approver_an_activity(self):
        self.company.variance_manager_limit = 5.0
        variance = self._counted_by_test_user_and_counter(counted=8.0)

        variance.action_submit()

        self.assertEqual(variance.activity_ids.user_id, self.manager_1)
        self._as(self.manager_1, variance).action_approve()
        self.assertEqual(variance.state, "to_approve_finance")
        # The company's finance approvers, not the administrator who is in the group by default.
        self.assertEqual(variance.activity_ids.user_id, self.finance)
        self._as(self.finance, variance).action_approve()
        self.assertFalse(variance.activity_ids)
        self.assertEqual(variance.state, "approved")

    def test_rejecting_removes_the_pending_activities(self):
        variance = self._counted_by_test_user_and_counter(counted=8.0)
        variance.action_submit()
        self._as(self.manager_2, variance).action_reject()
        self.assertFalse(variance.activity_ids)
        self.assertEqual(variance.state, "rejected")

    def test_mine_to_approve_lists_the_variances_with_my_activity(self):
        mine = self._counted_by_test_user_and_counter(counted=8.0)
        mine.action_submit()
        self._counted_by_test_user_and_counter(counted=9.0)  # still draft
        search_view_domain = [("state", "=", "to_approve"), ("activity_user_id", "=", self.manager_1.id)]
        self.assertEqual(
            self.env["stock.variance"].with_user(self.manager_1).search(search_view_domain), mine
        )
        self.assertFalse(
            self.env["stock.variance"]
            .with_user(self.manager_2)
            .search([("state", "=", "to_approve"), ("activity_user_id", "=", self.manager_2.id)])
        )

    # Screens --------------------------------------------------------------------

    def test_variance_log_and_reasons_menus_are_for_managers(self):
        log_menu = self.env.ref("perpetual_inventory.menu_stock_variance")
        self.assertEqual(log_menu.parent_id, self.env.ref("perpetual_inventory.menu_counting"))
        reasons_menu = self.env.ref("perpetual_inventory.menu_stock_variance_reason")
        self.assertEqual(
            reasons_menu.parent_id, self.env.ref("perpetual_inventory.menu_perpetual_inventory_config")
        )
        manager_group = self.env.ref("perpetual_inventory.group_manager")
        for menu in (log_menu, reasons_menu):
            self.assertEqual(menu.groups_id, manager_group)
            self.assertIn(menu.id, self.env["ir.ui.menu"].with_user(self.manager_1)._visible_menu_ids())
            self.assertNotIn(menu.id, self.env["ir.ui.menu"].with_user(self.counter)._visible_menu_ids())

    def test_manager_opens_every_view_of_the_variance_log(self):
        views = (
            self.env["stock.variance"]
            .with_user(self.manager_1)
            .get_views(
                [(False, "list"), (False, "form"), (False, "pivot"), (False, "graph"), (False, "search")]
            )
        )
        form = views["views"]["form"]["arch"]
        for name in ("action_approve", "action_post", "attachment_ids", "difference_value", "expected_qty"):
            self.assertIn(name, form)
        self.assertIn('name="value"', views["views"]["pivot"]["arch"])
