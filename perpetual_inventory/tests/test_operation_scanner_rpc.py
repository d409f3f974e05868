from odoo.tests import tagged

from .operation_common import OperationCommon
from .rpc_common import RpcCommon

SCANNER = "stock.operation.scanner"


@tagged("post_install", "-at_install")
class TestOperationScannerRpc(OperationCommon, RpcCommon):
    """The Operations screen and the scan rules reached as each role over JSON-RPC."""

    def setUp(self):
        super().setUp()
        self._scan_rules(self.out_type, source_location=True, product=True, allow_extra=False)
        self.delivery = self._delivery([(self.beans, 2)])

    def test_warehouse_user_scans_and_validates_a_pick(self):
        user = self.warehouse_user
        groups = self.rpc(user, SCANNER, "get_transfers")["groups"]
        self.assertIn(self.delivery.id, [t["id"] for group in groups for t in group["transfers"]])
        self.assertEqual(self.rpc(user, SCANNER, "scan", self.delivery.id, "PITEST-A01")["type"], "location")
        self.rpc(user, SCANNER, "scan", self.delivery.id, self.beans.barcode)
        answer = self.rpc(user, SCANNER, "scan", self.delivery.id, self.beans.barcode)
        self.assertEqual((answer["line"]["scanned"], answer["line"]["done"]), (2, True))
        data = self.rpc(user, SCANNER, "get_transfer_data", self.delivery.id)
        self.assertEqual(data["transfer"]["rules"]["source_location"], True)
        self.assertEqual(data["current"]["location_name"], self.bin_a.complete_name)
        self.assertEqual(self.rpc(user, SCANNER, "validate", self.delivery.id)["type"], "done")
        self.assertEqual(self.delivery.state, "done")
        self.assertEntry(
            self.delivery.move_ids.account_move_ids, {"COGS": (10.0, 0.0), "STOCKVAL": (0.0, 10.0)}
        )

    def test_counter_cannot_reach_the_screen(self):
        for method, args in [
            ("get_transfers", ()),
            ("get_transfer_data", (self.delivery.id,)),
            ("scan", (self.delivery.id, self.beans.barcode)),
            ("set_quantity", (self.delivery.id, self.delivery.move_ids.id, 1)),
            ("undo", (self.delivery.id,)),
            ("validate", (self.delivery.id,)),
            ("open_by_barcode", (self.delivery.name,)),
            ("start_internal", ("PITEST-A01",)),
        ]:
            self.assertRpcRefused(self.counter_1, SCANNER, method, *args, message="warehouse users")
        self.assertFalse(self.delivery.move_line_ids.filtered("picked"))

    def test_unscanned_pick_refused_over_rpc_from_form_and_list(self):
        other = self._delivery([(self.tea, 1)])
        for user in (self.warehouse_user, self.manager):
            self.assertRpcRefused(
                user, "stock.picking", "button_validate", self.delivery.ids, message="must be scanned"
            )
            self.assertRpcRefused(
                user,
                "stock.picking",
                "button_validate",
                (self.delivery | other).ids,
                message="must be scanned",
            )
        self.assertEqual(self.delivery.state, "assigned")

    def test_no_one_forges_a_scan_or_an_override_over_rpc(self):
        line = self.delivery.move_line_ids
        self.assertRpcRefused(
            self.warehouse_user, "stock.move.line", "write", line.ids, {"pi_scanned_qty": 2, "picked": True}
        )
        self.assertRpcRefused(
            self.manager,
            "stock.picking",
            "write",
            self.delivery.ids,
            {"pi_scan_override_user_id": self.manager.id},
        )
        self.assertRpcRefused(
            self.manager, "stock.operation.scan", "create", {"picking_id": self.delivery.id, "action": "scan"}
        )
        self.assertRpcRefused(
            self.warehouse_user,
            "stock.picking.scan.override",
            "create",
            {"picking_ids": [(6, 0, self.delivery.ids)], "reason": "in a hurry"},
        )
        self.assertEqual(self.delivery.state, "assigned")

    def test_manager_override_over_rpc_is_logged_with_its_reason(self):
        wizard_id = self.rpc(
            self.manager,
            "stock.picking.scan.override",
            "create",
            {"picking_ids": [(6, 0, self.delivery.ids)], "reason": "Scanner battery dead"},
        )
        self.rpc(self.manager, "stock.picking.scan.override", "action_validate", [wizard_id])
        self.assertEqual(self.delivery.state, "done")
        self.assertEqual(self.delivery.pi_scan_override_reason, "Scanner battery dead")
        self.assertTrue(
            self.delivery.message_ids.filtered(
                lambda message: "Scanner battery dead" in message.body and "Mia Manager" in message.body
            )
        )

    def test_bad_input_over_rpc_is_an_error_answer_and_writes_nothing(self):
        user = self.warehouse_user
        move = self.delivery.move_ids
        self.rpc(user, SCANNER, "scan", self.delivery.id, "PITEST-A01")
        self.rpc(user, SCANNER, "scan", self.delivery.id, self.beans.barcode)
        before = self._picking_snapshot(self.delivery)
        for quantity in ("abc", "1e400", 1e300, -5, None, {"qty": 1}, "12,5"):
            answer = self.rpc(user, SCANNER, "set_quantity", self.delivery.id, move.id, quantity)
            self.assertEqual(answer["type"], "error", quantity)
        for barcode in ("", "NO-SUCH-CODE", "PITEST-FOREIGN", self.tea.barcode, "01\x1d"):
            self.assertEqual(
                self.rpc(user, SCANNER, "scan", self.delivery.id, barcode)["type"], "error", barcode
            )
        self.assertEqual(self.rpc(user, SCANNER, "scan", "x", self.beans.barcode)["type"], "error")
        self.assertEqual(self.rpc(user, SCANNER, "set_quantity", self.delivery.id, "x", 1)["type"], "error")
        self.assertEqual(self._picking_snapshot(self.delivery), before)

    def test_nan_and_infinity_quantities_over_raw_json(self):
        """JSON-RPC clients can send NaN and Infinity tokens, which Python's json reads."""
        user = self.warehouse_user
        move = self.delivery.move_ids
        self.rpc(user, SCANNER, "scan", self.delivery.id, "PITEST-A01")
        self.rpc(user, SCANNER, "scan", self.delivery.id, self.beans.barcode)
        before = self._picking_snapshot(self.delivery)
        for quantity in (float("nan"), float("inf"), float("-inf")):
            answer = self.rpc(user, SCANNER, "set_quantity", self.delivery.id, move.id, quantity)
            self.assertEqual(answer["type"], "error", quantity)
        self.assertEqual(self._picking_snapshot(self.delivery), before)

    def test_over_receipt_approval_over_rpc(self):
        user = self.warehouse_user
        receipt = self._receipt([(self.sugar, 10, 2.0)])
        self.rpc(user, SCANNER, "scan", receipt.id, self.sugar.barcode)
        self.rpc(user, SCANNER, "set_quantity", receipt.id, receipt.move_ids.id, 20)
        answer = self.rpc(user, SCANNER, "validate", receipt.id)
        self.assertEqual(answer["action"]["tag"], "display_notification")
        result = self.rpc(user, "stock.picking", "button_validate", receipt.ids)
        self.assertEqual(result["tag"], "display_notification", "the form asks for the same approval")
        waiting = self.env["stock.receiving.discrepancy"].search([("picking_id", "=", receipt.id)])
        self.assertEqual(waiting.state, "to_approve")
        self.assertRpcRefused(user, "stock.receiving.discrepancy", "action_approve", waiting.ids)
        self.assertRpcRefused(
            self.manager, "stock.receiving.discrepancy", "write", waiting.ids, {"state": "approved"}
        )
        self.assertRpcRefused(self.counter_1, "stock.receiving.discrepancy", "read", waiting.ids, ["state"])
        self.rpc(self.manager, "stock.receiving.discrepancy", "action_approve", waiting.ids)
        self.assertEqual(self.rpc(user, SCANNER, "validate", receipt.id)["type"], "done")
        self.assertEqual(receipt.state, "done")

    def test_scan_rules_are_set_by_inventory_administrators_only(self):
        stock_admin = self._create_user("Ivan Admin", "pi_stock_admin", "stock.group_stock_manager")
        stock_admin.password = stock_admin.login
        for user in (self.warehouse_user, self.counter_1):
            self.assertRpcRefused(
                user, "stock.picking.type", "write", self.in_type.ids, {"pi_scan_product": True}
            )
        self.rpc(
            stock_admin, "stock.picking.type", "write", self.in_type.ids, {"pi_scan_destination": "after_all"}
        )
        self.assertEqual(self.in_type.pi_scan_destination, "after_all")
