from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .operation_common import OperationCommon


@tagged("post_install", "-at_install")
class TestReceivingDiscrepancy(OperationCommon):
    """A scanned receipt checked against its order: short, over and unexpected goods are
    recorded; over-receipts above the tolerance (5 % and 50.00) wait for approval."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.buyer = cls._create_user("Bea Buyer", "pi_buyer", "stock.group_stock_user")
        cls.company.variance_manager_limit = 100.0
        cls.discrepancies = cls.env["stock.receiving.discrepancy"]

    def _scanned_receipt(self, lines, scans):
        """A receipt of ``lines`` whose quantities [(product, quantity)] were scanned and typed."""
        receipt = self._receipt(lines)
        receipt.user_id = self.buyer
        scanner = self._scanner()
        for product, quantity in scans:
            self.assertEqual(scanner.scan(receipt.id, product.barcode)["type"], "line")
            move = self._move(receipt, product)
            self.assertEqual(scanner.set_quantity(receipt.id, move.id, quantity)["type"], "line")
        return receipt

    def _of(self, receipt):
        return self.discrepancies.search([("picking_id", "=", receipt.id)], order="id")

    def _activities(self, discrepancies):
        return (
            self.env["mail.activity"]
            .sudo()
            .search([("res_model", "=", discrepancies._name), ("res_id", "in", discrepancies.ids)])
        )

    def _buyer_activities(self, discrepancies):
        return self._activities(discrepancies).filtered(lambda activity: activity.user_id == self.buyer)

    def test_short_unexpected_and_small_over_receipts_are_recorded_at_validation(self):
        receipt = self._scanned_receipt(
            [(self.sugar, 10, 2.0), (self.tea, 100, 4.0)], [(self.sugar, 8), (self.tea, 102), (self.beans, 1)]
        )
        answer = self._scanner().validate(receipt.id)
        self.assertEqual(answer["type"], "action")  # Odoo asks about the backorder of sugar
        self.env["stock.backorder.confirmation"].with_user(self.warehouse_user).with_context(
            **answer["action"]["context"]
        ).create({}).process_cancel_backorder()
        self.assertEqual(receipt.state, "done")
        recorded = self._of(receipt)
        self.assertEqual(
            [
                (d.product_id.name, d.kind, d.ordered_qty, d.received_qty, d.difference_qty, d.value, d.state)
                for d in recorded
            ],
            [
                ("Cane Sugar", "short", 10.0, 8.0, -2.0, -4.0, "recorded"),
                ("Green Tea", "over", 100.0, 102.0, 2.0, 8.0, "recorded"),
                ("Espresso Beans", "unexpected", 0.0, 1.0, 1.0, 5.0, "recorded"),
            ],
        )
        self.assertEqual(set(recorded.reason_id.mapped("code")), {"RECV"})
        self.assertEqual(recorded.buyer_id, self.buyer)
        self.assertEqual(len(self._buyer_activities(recorded)), 3)

    def test_over_receipt_above_tolerance_waits_for_a_manager_then_validates(self):
        receipt = self._scanned_receipt([(self.sugar, 10, 2.0)], [(self.sugar, 20)])
        answer = self._scanner().validate(receipt.id)
        self.assertEqual(answer["type"], "action")
        self.assertEqual(answer["action"]["tag"], "display_notification")
        self.assertEqual(receipt.state, "assigned")
        waiting = self._of(receipt)
        self.assertEqual(
            (waiting.kind, waiting.difference_qty, waiting.value, waiting.state),
            ("over", 10.0, 20.0, "to_approve"),
        )
        self.assertTrue(
            self._activities(waiting).filtered(
                lambda activity: activity.user_id.has_group("perpetual_inventory.group_manager")
            )
        )
        self.assertEqual(len(self._buyer_activities(waiting)), 1)
        # Asked again from the form: still waiting, not asked twice.
        result = receipt.with_user(self.warehouse_user).button_validate()
        self.assertEqual(result["tag"], "display_notification")
        self.assertEqual(self._of(receipt), waiting)
        with self.assertRaises(AccessError):
            waiting.with_user(self.warehouse_user).action_approve()
        with self.assertRaises(AccessError):
            waiting.with_user(self.manager).write({"state": "approved"})
        waiting.with_user(self.manager).action_approve()
        self.assertEqual(waiting.state, "approved")
        self.assertEqual(self._scanner().validate(receipt.id)["type"], "done")
        self.assertEqual(receipt.state, "done")
        self.assertEqual(self._of(receipt), waiting, "the approved discrepancy is the record")
        self.assertEntry(receipt.move_ids.account_move_ids, {"STOCKVAL": (40.0, 0.0), "STOCKIN": (0.0, 40.0)})
        self.assertPerpetualInvariant()

    def test_over_receipt_above_the_manager_limit_needs_finance_too(self):
        receipt = self._scanned_receipt([(self.sugar, 10, 2.0)], [(self.sugar, 80)])
        self._scanner().validate(receipt.id)
        waiting = self._of(receipt)
        self.assertEqual(waiting.value, 140.0)
        waiting.with_user(self.manager).action_approve()
        self.assertEqual(waiting.state, "to_approve_finance")
        with self.assertRaisesRegex(UserError, "finance approver"):
            waiting.with_user(self.manager).action_approve()
        self.assertEqual(self._scanner().validate(receipt.id)["action"]["tag"], "display_notification")
        finance = self._create_user("Fay Finance", "pi_fay", "perpetual_inventory.group_finance_approver")
        waiting.with_user(finance).action_approve()
        self.assertEqual(waiting.state, "approved")
        self.assertEqual(self._scanner().validate(receipt.id)["type"], "done")

    def test_who_received_cannot_approve_and_a_rejected_over_receipt_stays_blocked(self):
        receipt = self._receipt([(self.sugar, 10, 2.0)])
        scanner = self._scanner(self.manager)
        scanner.scan(receipt.id, self.sugar.barcode)
        scanner.set_quantity(receipt.id, self._move(receipt, self.sugar).id, 30)
        scanner.validate(receipt.id)
        waiting = self._of(receipt)
        with self.assertRaisesRegex(UserError, "cannot approve it"):
            waiting.with_user(self.manager).action_approve()
        manager_2 = self._create_user("Max Manager", "pi_max", "perpetual_inventory.group_manager")
        waiting.with_user(manager_2).action_reject()
        self.assertEqual(waiting.state, "rejected")
        self.assertEqual(scanner.validate(receipt.id)["type"], "action")
        self.assertEqual(receipt.state, "assigned")
        self.assertEqual(len(self._of(receipt).filtered(lambda d: d.state == "to_approve")), 1)

    def test_discrepancies_are_made_by_validation_only(self):
        receipt = self._receipt([(self.sugar, 1, 2.0)])
        with self.assertRaises(AccessError):
            self.discrepancies.with_user(self.manager).create(
                {
                    "company_id": self.company.id,
                    "picking_id": receipt.id,
                    "product_id": self.sugar.id,
                    "kind": "over",
                }
            )
