from odoo.tests import Form, tagged

from .operation_common import OperationCommon
from .rpc_common import RpcCommon

SCANNER = "stock.operation.scanner"


@tagged("post_install", "-at_install")
class TestOperationReturns(OperationCommon, RpcCommon):
    """A customer return scanned back on the Operations screen: the good items go to stock,
    an item marked damaged is received, then written off on the damaged-return reason
    through the write-off approval.

    The customer got 2 Espresso Beans from A-01 at 5.00 (COGS 10.00) and sends both back.
    """

    def setUp(self):
        super().setUp()
        self._scan_rules(self.in_type, product=True, allow_extra=False, allow_empty_validation=False)
        self.damaged_reason = self.env.ref("perpetual_inventory.reason_damaged_return")
        self.damaged_reason.with_company(self.company).account_id = self.accounts["SHRINK"]
        self.delivery = self._transfer(self.beans, 2, self.out_type, self.bin_a, self.customers)
        self.customer_return = self._return(self.delivery, 2)
        self.move = self.customer_return.move_ids

    def _return(self, delivery, quantity):
        wizard = Form(
            self.env["stock.return.picking"].with_context(active_id=delivery.id, active_model="stock.picking")
        ).save()
        wizard.product_return_moves.quantity = quantity
        return self.env["stock.picking"].browse(wizard.action_create_returns()["res_id"])

    def _scan_both_and_mark_one_damaged(self, user=None):
        user = user or self.warehouse_user
        for __ in range(2):
            self.rpc(user, SCANNER, "scan", self.customer_return.id, self.beans.barcode)
        return self.rpc(user, SCANNER, "mark_damaged", self.customer_return.id, self.move.id, 1)

    def _write_off(self):
        return self.env["stock.scrap"].search([("picking_id", "=", self.customer_return.id)])

    def _damaged_snapshot(self):
        self.customer_return.invalidate_recordset()
        log = self.env["stock.operation.scan"].search_count([("picking_id", "=", self.customer_return.id)])
        return log, self.customer_return.move_line_ids.mapped(
            lambda line: (line.quantity, line.pi_damaged_qty)
        )

    def test_one_good_one_damaged_unit_the_write_off_posts_once_approved(self):
        user = self.warehouse_user
        data = self.rpc(user, SCANNER, "get_transfer_data", self.customer_return.id)
        self.assertTrue(data["transfer"]["customer_return"])
        self.assertEqual(data["lines"][0]["damaged"], 0)

        answer = self._scan_both_and_mark_one_damaged()
        self.assertEqual(answer["type"], "line")
        self.assertEqual((answer["line"]["scanned"], answer["line"]["damaged"]), (2, 1))
        self.assertIn("1 of 2 damaged", answer["message"])
        answer = self.rpc(user, SCANNER, "validate", self.customer_return.id)
        self.assertEqual(answer["type"], "done", answer.get("message"))

        self.assertEqual(self.customer_return.state, "done")
        self.assertEqual(self._quantity(self.beans, self.stock) - self._quantity(self.beans, self.bin_a), 2)
        self.assertEntry(
            self.delivery.move_ids.account_move_ids, {"COGS": (10.0, 0.0), "STOCKVAL": (0.0, 10.0)}
        )
        self.assertEntry(self.move.account_move_ids, {"STOCKVAL": (10.0, 0.0), "COGS": (0.0, 10.0)})
        scrap = self._write_off()
        self.assertEqual(
            (scrap.state, scrap.scrap_qty, scrap.location_id, scrap.variance_reason_id),
            ("draft", 1, self.move.move_line_ids.location_dest_id, self.damaged_reason),
        )
        variance = scrap.variance_id
        self.assertEqual(
            (variance.kind, variance.state, variance.difference_qty), ("scrap", "to_approve", -1)
        )
        self.assertEqual(variance.counter_ids, user, "whoever received the return cannot approve it")
        self.assertIn(self.customer_return.name, variance.root_cause)
        self.assertPerpetualInvariant()

        self.assertRpcRefused(user, "stock.variance", "action_approve", variance.ids)
        self.rpc(self.manager, "stock.variance", "action_approve", variance.ids)
        self.rpc(self.manager, "stock.variance", "action_post", variance.ids)

        self.assertEqual(scrap.state, "done")
        self.assertEntry(scrap.move_ids.account_move_ids, {"SHRINK": (5.0, 0.0), "STOCKVAL": (0.0, 5.0)})
        self.assertEqual(self._quantity(self.beans, self.stock) - self._quantity(self.beans, self.bin_a), 1)
        self.assertEqual(self._quantity(self.beans, self.bin_a), 8)
        self.assertPerpetualInvariant()

    def test_without_approval_the_damaged_unit_is_written_off_at_validation(self):
        self.company.scrap_requires_approval = False
        self._scan_both_and_mark_one_damaged()
        self.assertEqual(
            self.rpc(self.warehouse_user, SCANNER, "validate", self.customer_return.id)["type"], "done"
        )

        scrap = self._write_off()
        self.assertEqual((scrap.state, scrap.scrap_qty, bool(scrap.variance_id)), ("done", 1, False))
        self.assertEntry(self.move.account_move_ids, {"STOCKVAL": (10.0, 0.0), "COGS": (0.0, 10.0)})
        self.assertEntry(scrap.move_ids.account_move_ids, {"SHRINK": (5.0, 0.0), "STOCKVAL": (0.0, 5.0)})
        self.assertEqual(self._quantity(self.beans, self.stock) - self._quantity(self.beans, self.bin_a), 1)
        self.assertPerpetualInvariant()

    def test_a_return_with_nothing_damaged_goes_to_stock(self):
        for __ in range(2):
            self.rpc(self.warehouse_user, SCANNER, "scan", self.customer_return.id, self.beans.barcode)
        self.assertEqual(
            self.rpc(self.warehouse_user, SCANNER, "validate", self.customer_return.id)["type"], "done"
        )
        self.assertFalse(self._write_off())
        self.assertEqual(self._quantity(self.beans, self.stock) - self._quantity(self.beans, self.bin_a), 2)
        self.assertPerpetualInvariant()

    def test_undo_takes_the_damaged_mark_back(self):
        self._scan_both_and_mark_one_damaged()
        answer = self.rpc(self.warehouse_user, SCANNER, "undo", self.customer_return.id)
        self.assertEqual(
            (answer["type"], answer["line"]["damaged"], answer["line"]["scanned"]), ("undo", 0, 2)
        )
        marks = self.env["stock.operation.scan"].search(
            [("picking_id", "=", self.customer_return.id), ("action", "=", "damaged")]
        )
        self.assertEqual((marks.user_id, marks.undone, marks.qty_after), (self.warehouse_user, True, 1))
        self.rpc(self.warehouse_user, SCANNER, "validate", self.customer_return.id)
        self.assertEqual(self.customer_return.state, "done")
        self.assertFalse(self._write_off())

    def test_the_same_request_sent_twice_marks_one_unit(self):
        user = self.warehouse_user
        for __ in range(2):
            self.rpc(user, SCANNER, "scan", self.customer_return.id, self.beans.barcode)
        first = self.rpc(
            user, SCANNER, "mark_damaged", self.customer_return.id, self.move.id, 1, request_id="dmg-1"
        )
        again = self.rpc(
            user, SCANNER, "mark_damaged", self.customer_return.id, self.move.id, 1, request_id="dmg-1"
        )
        self.assertEqual(again, first)
        self.assertEqual(sum(self.move.move_line_ids.mapped("pi_damaged_qty")), 1)
        self.assertEqual(
            self.env["stock.operation.scan"].search_count(
                [("picking_id", "=", self.customer_return.id), ("action", "=", "damaged")]
            ),
            1,
        )

    def test_a_counter_cannot_mark_an_item_damaged(self):
        self.rpc(self.warehouse_user, SCANNER, "scan", self.customer_return.id, self.beans.barcode)
        self.assertRpcRefused(
            self.counter_1,
            SCANNER,
            "mark_damaged",
            self.customer_return.id,
            self.move.id,
            1,
            message="warehouse users",
        )
        self.assertFalse(any(self.move.move_line_ids.mapped("pi_damaged_qty")))

    def test_no_one_marks_a_line_damaged_outside_the_screen(self):
        self.rpc(self.warehouse_user, SCANNER, "scan", self.customer_return.id, self.beans.barcode)
        line = self.move.move_line_ids.filtered("picked")
        for user in (self.warehouse_user, self.manager):
            self.assertRpcRefused(user, "stock.move.line", "write", line.ids, {"pi_damaged_qty": 1})
        self.assertFalse(line.pi_damaged_qty)

    def test_only_a_customer_return_takes_damaged_items(self):
        user = self.warehouse_user
        receipt = self._receipt([(self.sugar, 2, 2.0)])
        self.rpc(user, SCANNER, "scan", receipt.id, self.sugar.barcode)
        delivery = self._delivery([(self.beans, 1)])
        self._scan_rules(self.out_type, source_location=True, product=True)
        self.rpc(user, SCANNER, "scan", delivery.id, "PITEST-A01")
        self.rpc(user, SCANNER, "scan", delivery.id, self.beans.barcode)
        for picking in (receipt, delivery):
            answer = self.rpc(user, SCANNER, "mark_damaged", picking.id, picking.move_ids.id, 1)
            self.assertEqual(answer["type"], "error")
            self.assertIn(f"{picking.name} is not a customer return", answer["message"])
            self.assertFalse(any(picking.move_line_ids.mapped("pi_damaged_qty")))
            data = self.rpc(user, SCANNER, "get_transfer_data", picking.id)
            self.assertFalse(data["transfer"]["customer_return"])

    def test_a_done_return_takes_no_damaged_mark(self):
        for __ in range(2):
            self.rpc(self.warehouse_user, SCANNER, "scan", self.customer_return.id, self.beans.barcode)
        self.rpc(self.warehouse_user, SCANNER, "validate", self.customer_return.id)
        answer = self.rpc(
            self.warehouse_user, SCANNER, "mark_damaged", self.customer_return.id, self.move.id, 1
        )
        self.assertEqual(answer["type"], "error")
        self.assertIn("is Done", answer["message"])
        self.assertFalse(self._write_off())

    def test_no_more_damaged_than_scanned_and_bad_quantities(self):
        user = self.warehouse_user
        answer = self.rpc(user, SCANNER, "mark_damaged", self.customer_return.id, self.move.id, 1)
        self.assertEqual(answer["type"], "error", "nothing scanned yet")
        self.assertIn("Scan the damaged item before marking it", answer["message"])
        self.rpc(user, SCANNER, "scan", self.customer_return.id, self.beans.barcode)
        before = self._damaged_snapshot()
        for quantity in (2, "abc", "1e400", 1e300, -1, 0, None, {"qty": 1}, float("nan"), float("inf")):
            answer = self.rpc(user, SCANNER, "mark_damaged", self.customer_return.id, self.move.id, quantity)
            self.assertEqual(answer["type"], "error", quantity)
        for move_id in ("x", 0, self.delivery.move_ids.id):
            answer = self.rpc(user, SCANNER, "mark_damaged", self.customer_return.id, move_id, 1)
            self.assertEqual(answer["type"], "error", move_id)
        self.assertEqual(self._damaged_snapshot(), before)

        self.rpc(user, SCANNER, "mark_damaged", self.customer_return.id, self.move.id, 1)
        answer = self.rpc(user, SCANNER, "mark_damaged", self.customer_return.id, self.move.id, 1)
        self.assertEqual(answer["type"], "error", "the one unit scanned is damaged already")
        self.assertIn("1 scanned, 1 already damaged", answer["message"])

    def test_the_scanned_quantity_cannot_drop_below_the_damaged_one(self):
        self._scan_both_and_mark_one_damaged()
        before = self._damaged_snapshot()
        answer = self.rpc(
            self.warehouse_user, SCANNER, "set_quantity", self.customer_return.id, self.move.id, 0
        )
        self.assertEqual(answer["type"], "error")
        self.assertIn("Undo the damaged mark first", answer["message"])
        self.assertEqual(self._damaged_snapshot(), before)
        user = self.warehouse_user
        answer = self.rpc(user, SCANNER, "set_quantity", self.customer_return.id, self.move.id, 1)
        self.assertEqual((answer["line"]["scanned"], answer["line"]["damaged"]), (1, 1))

        action = self.rpc(user, SCANNER, "validate", self.customer_return.id)["action"]
        self.assertEqual(action["res_model"], "stock.backorder.confirmation", "one unit is still expected")
        wizard_id = self.rpc(user, action["res_model"], "create", {}, context=action["context"])
        self.rpc(
            user, action["res_model"], "process_cancel_backorder", [wizard_id], context=action["context"]
        )
        self.assertEqual(self.customer_return.state, "done")
        self.assertEqual(
            (self._write_off().scrap_qty, self._write_off().variance_id.state), (1, "to_approve")
        )

    def test_a_damaged_lot_is_written_off_with_its_lot(self):
        self.company.scrap_requires_approval = False
        delivery = self._transfer(self.honey, 2, self.out_type, self.bin_a, self.customers)
        self.assertEqual(delivery.move_line_ids.lot_id, self.lot_42)
        customer_return = self._return(delivery, 2)
        user = self.warehouse_user
        for __ in range(2):
            self.assertEqual(
                self.rpc(user, SCANNER, "scan", customer_return.id, self.honey.barcode)["type"], "need_lot"
            )
            self.rpc(user, SCANNER, "scan", customer_return.id, "L42")
        self.rpc(user, SCANNER, "mark_damaged", customer_return.id, customer_return.move_ids.id, 1)
        self.assertEqual(self.rpc(user, SCANNER, "validate", customer_return.id)["type"], "done")
        scrap = self.env["stock.scrap"].search([("picking_id", "=", customer_return.id)])
        self.assertEqual((scrap.state, scrap.lot_id, scrap.scrap_qty), ("done", self.lot_42, 1))
        self.assertEqual(self._quantity(self.honey, self.bin_a), 3)
        self.assertPerpetualInvariant()

    def test_a_write_off_that_cannot_post_leaves_the_return_unvalidated(self):
        self.company.scrap_requires_approval = False
        self.damaged_reason.with_company(self.company).account_id = False
        self._scan_both_and_mark_one_damaged()

        answer = self.rpc(self.warehouse_user, SCANNER, "validate", self.customer_return.id)

        self.assertEqual(answer["type"], "error")
        self.assertIn("Set the adjustment account of the variance reason Damaged return", answer["message"])
        self.assertEqual(self.customer_return.state, "assigned", "nothing half-posted")
        self.assertFalse(self._write_off())
        self.assertFalse(self.move.account_move_ids)
        self.assertEqual(self._quantity(self.beans, self.stock) - self._quantity(self.beans, self.bin_a), 0)
        self.assertEqual(sum(self.move.move_line_ids.mapped("pi_damaged_qty")), 1, "the mark waits")
