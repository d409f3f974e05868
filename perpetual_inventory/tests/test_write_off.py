from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .count_common import CountCommon


@tagged("post_install", "-at_install")
class TestWriteOff(CountCommon):
    """Damaged goods and returns use the reason codes, evidence and approval of variances."""

    def setUp(self):
        super().setUp()
        self._receive_into(self.beans, 10, 5.0, self.bin_a)
        self.damage = self.env.ref("perpetual_inventory.reason_unrecorded_damage")
        self.damage.with_company(self.company).account_id = self.accounts["SHRINK"]

    def _scrap(self, quantity, reason=None, user=None):
        scrap = (
            self.env["stock.scrap"]
            .with_user(user or self.manager)
            .create(
                {
                    "product_id": self.beans.id,
                    "scrap_qty": quantity,
                    "location_id": self.bin_a.id,
                    "company_id": self.company.id,
                    "variance_reason_id": reason and reason.id,
                }
            )
        )
        scrap.action_validate()
        return scrap

    def test_write_off_waits_for_approval_then_posts_on_the_reason_account(self):
        scrap = self._scrap(2, self.damage)

        variance = scrap.variance_id
        self.assertEqual(scrap.state, "draft")
        self.assertEqual(
            (variance.kind, variance.state, variance.difference_qty), ("scrap", "to_approve", -2)
        )
        self.assertEqual(variance.reason_id, self.damage)
        self.assertEqual(self._quantity(self.beans, self.bin_a), 10, "nothing leaves before approval")

        approver = self._create_user("Ana Approver", "pi_approver", "perpetual_inventory.group_manager")
        variance.with_user(approver).action_approve()
        variance.with_user(approver).action_post()

        self.assertEqual(scrap.state, "done")
        self.assertEqual(variance.stock_move_id, scrap.move_ids)
        self.assertEntry(variance.account_move_id, {"SHRINK": (10.0, 0.0), "STOCKVAL": (0.0, 10.0)})
        self.assertEqual(self._quantity(self.beans, self.bin_a), 8)
        self.assertPerpetualInvariant()

    def test_a_warehouse_users_write_off_waits_for_a_manager(self):
        clerk = self._create_user("Wes Warehouse", "pi_warehouse", "stock.group_stock_user")
        scrap = self._scrap(2, self.damage, user=clerk)

        self.assertEqual((scrap.state, scrap.variance_id.state), ("draft", "to_approve"))
        self.assertEqual(scrap.variance_id.counter_ids, clerk)
        self.assertEqual(self._quantity(self.beans, self.bin_a), 10)
        scrap.variance_id.with_user(self.manager).action_approve()
        scrap.variance_id.with_user(self.manager).action_post()
        self.assertEqual(scrap.state, "done")
        self.assertEqual(self._quantity(self.beans, self.bin_a), 8)

    def test_write_off_without_reason_is_refused_and_nothing_moves(self):
        with self.assertRaisesRegex(UserError, "reason for writing off"):
            self._scrap(2)
        self.assertEqual(self._quantity(self.beans, self.bin_a), 10)
        self.assertFalse(self.env["stock.variance"].search([("kind", "=", "scrap")]))

    def test_whoever_asked_for_the_write_off_cannot_approve_it(self):
        scrap = self._scrap(1, self.damage)
        with self.assertRaises(UserError):
            scrap.variance_id.with_user(self.manager).action_approve()
        self.assertEqual(scrap.variance_id.state, "to_approve")

    def test_a_write_off_waiting_for_approval_cannot_be_sent_twice(self):
        scrap = self._scrap(1, self.damage)
        with self.assertRaisesRegex(UserError, "already waiting for approval"):
            scrap.with_user(self.manager).action_validate()
        self.assertEqual(self.env["stock.variance"].search_count([("scrap_id", "=", scrap.id)]), 1)

    def test_without_the_setting_scrap_is_plain_odoo(self):
        self.company.scrap_requires_approval = False
        scrap = self._scrap(1)
        self.assertEqual(scrap.state, "done")
        self.assertFalse(scrap.variance_id)

    def test_a_customer_return_records_its_reason(self):
        delivery = self._transfer(
            self.beans,
            4,
            self.company_data["default_warehouse"].out_type_id,
            self.bin_a,
            self.env.ref("stock.stock_location_customers"),
        )
        picking_error = self.env.ref("perpetual_inventory.reason_picking_error")
        wizard_form = Form(
            self.env["stock.return.picking"].with_context(active_id=delivery.id, active_model="stock.picking")
        )
        wizard_form.return_reason_id = picking_error
        wizard = wizard_form.save()
        wizard.product_return_moves.quantity = 1
        action = wizard.action_create_returns()
        returned = self.env["stock.picking"].browse(action["res_id"])
        self.assertEqual(returned.return_reason_id, picking_error)
        self.assertTrue(picking_error.is_picking_error)
