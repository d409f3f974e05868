from datetime import date

from odoo.tests import tagged

from odoo.addons.perpetual_inventory.tests.operation_common import OperationCommon
from odoo.addons.perpetual_inventory.tests.rpc_common import RpcCommon

from .common import CycleCountCommon, counting_days

SCANNER = "stock.operation.scanner"


@tagged("post_install", "-at_install")
class TestShortPickByScan(OperationCommon, RpcCommon, CycleCountCommon):
    """A picker on the Operations screen finds fewer in the bin than the system shows: the
    bin and product are counted again, as a short pick entered by hand would ask. A-01 holds
    10 Espresso Beans (OperationCommon)."""

    def setUp(self):
        super().setUp()
        # Every day of the week is a counting day, so that today's count exists.
        self.calendar.attendance_ids = counting_days((5, 6))
        self._scan_rules(self.out_type, source_location=True, product=True, allow_extra=False)

    def _exceptions(self, product):
        return self.env["stock.count.exception"].search([("product_id", "=", product.id)])

    def _pick_by_scan(self, delivery, scans):
        user = self.warehouse_user
        self.assertEqual(self.rpc(user, SCANNER, "scan", delivery.id, "PITEST-A01")["type"], "location")
        for __ in range(scans):
            self.rpc(user, SCANNER, "scan", delivery.id, self.beans.barcode)
        return self.rpc(user, SCANNER, "validate", delivery.id)

    def test_a_bin_picked_short_by_scan_without_backorder_is_counted_again(self):
        self._receive_into(self.beans, 5, 5.0, self.bin_b)  # other stock, found where it should be
        delivery = self._delivery([(self.beans, 4)])
        self.assertEqual(
            (delivery.move_line_ids.location_id, delivery.move_line_ids.quantity), (self.bin_a, 4)
        )

        answer = self._pick_by_scan(delivery, 3)
        self.assertEqual(answer["type"], "action", "Odoo asks about the backorder")
        wizard_model, context = answer["action"]["res_model"], answer["action"]["context"]
        self.assertEqual(wizard_model, "stock.backorder.confirmation")
        wizard_id = self.rpc(self.warehouse_user, wizard_model, "create", {}, context=context)
        self.rpc(self.warehouse_user, wizard_model, "process_cancel_backorder", [wizard_id], context=context)

        self.assertEqual(delivery.state, "done")
        self.assertEqual(delivery.move_ids.quantity, 3)
        self.assertFalse(self.env["stock.picking"].search([("backorder_id", "=", delivery.id)]))
        self.assertEqual(self._quantity(self.beans, self.bin_a), 7)
        exception = self._exceptions(self.beans)
        self.assertEqual(
            (exception.reason, exception.location_id, exception.origin, exception.state),
            ("short_pick", self.bin_a, delivery.name, "pending"),
        )
        session = self.warehouse._build_cycle_count(date.today())
        line = session.line_ids.filtered(lambda line: line.product_id == self.beans)
        self.assertEqual((line.location_id, line.schedule_reason), (self.bin_a, "short_pick"))

    def test_a_pick_scanned_in_full_asks_for_no_count(self):
        delivery = self._delivery([(self.beans, 4)])
        self.assertEqual(self._pick_by_scan(delivery, 4)["type"], "done")
        self.assertEqual(self._quantity(self.beans, self.bin_a), 6)
        self.assertFalse(self._exceptions(self.beans))
