from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from .operation_common import OperationCommon


@tagged("post_install", "-at_install")
class TestOperationScanner(OperationCommon):
    """The Operations screen's server: scans set Odoo's own move lines, errors write nothing."""

    # Receipts --------------------------------------------------------------------------

    def test_receipt_scanned_short_asks_odoo_backorder_and_books_what_was_scanned(self):
        receipt = self._receipt([(self.sugar, 5, 2.0), (self.tea, 2, 4.0)])
        scanner = self._scanner()
        for _index in range(3):
            answer = scanner.scan(receipt.id, self.sugar.barcode)
            self.assertEqual(answer["type"], "line", answer)
        self.assertEqual(
            (answer["line"]["scanned"], answer["line"]["demand"], answer["line"]["done"]), (3, 5, False)
        )
        answer = scanner.validate(receipt.id)
        self.assertEqual(answer["type"], "action")
        self.assertEqual(answer["action"]["res_model"], "stock.backorder.confirmation")
        wizard = (
            self.env["stock.backorder.confirmation"]
            .with_user(self.warehouse_user)
            .with_context(**answer["action"]["context"])
            .create({})
        )
        wizard.process()
        self.assertEqual(receipt.state, "done")
        self.assertEqual(self._move(receipt, self.sugar).quantity, 3)
        self.assertEqual(self._quantity(self.sugar, self.stock), 3)
        self.assertEntry(receipt.move_ids.account_move_ids, {"STOCKVAL": (6.0, 0.0), "STOCKIN": (0.0, 6.0)})
        backorder = receipt.backorder_ids
        self.assertEqual(
            sorted((move.product_id.name, move.product_uom_qty) for move in backorder.move_ids),
            [("Cane Sugar", 2.0), ("Green Tea", 2.0)],
        )
        self.assertPerpetualInvariant()

    def test_receipt_scanned_in_full_is_done_without_question(self):
        receipt = self._receipt([(self.sugar, 2, 2.5)])
        scanner = self._scanner()
        scanner.scan(receipt.id, self.sugar.barcode)
        answer = scanner.scan(receipt.id, self.sugar.barcode)
        self.assertTrue(answer["line"]["done"])
        self.assertEqual(scanner.validate(receipt.id)["type"], "done")
        self.assertEqual(receipt.state, "done")
        self.assertEntry(receipt.move_ids.account_move_ids, {"STOCKVAL": (5.0, 0.0), "STOCKIN": (0.0, 5.0)})

    def test_packaging_barcode_counts_its_pack_quantity(self):
        self.env["product.packaging"].create(
            {
                "name": "Box of 6",
                "product_id": self.sugar.id,
                "qty": 6,
                "barcode": "PITEST-SUGAR-6",
                "company_id": self.company.id,
            }
        )
        receipt = self._receipt([(self.sugar, 12, 2.0)])
        answer = self._scanner().scan(receipt.id, "PITEST-SUGAR-6")
        self.assertEqual(answer["line"]["scanned"], 6)

    def test_gs1_barcode_gives_product_lot_and_quantity(self):
        self.in_type.use_create_lots = True
        receipt = self._receipt([(self.honey, 10, 3.0)])
        gtin = "0" + self.honey.barcode
        answer = self._scanner().scan(receipt.id, f"01{gtin}10LOT7\x1d304")
        self.assertEqual(answer["type"], "line", answer)
        self.assertEqual((answer["line"]["scanned"], answer["line"]["lot_name"]), (4, "LOT7"))

    def test_tracked_product_asks_its_lot_then_takes_a_new_lot_name(self):
        self.in_type.use_create_lots = True
        receipt = self._receipt([(self.honey, 3, 3.0)])
        scanner = self._scanner()
        self.assertEqual(scanner.scan(receipt.id, self.honey.barcode)["type"], "need_lot")
        answer = scanner.scan(receipt.id, "L-NEW-1")
        self.assertEqual(
            (answer["type"], answer["line"]["lot_name"], answer["line"]["scanned"]), ("line", "L-NEW-1", 1)
        )

    def test_serial_scanned_twice_or_already_in_stock_is_refused(self):
        self.in_type.use_create_lots = True
        receipt = self._receipt([(self.camera, 3, 50.0)])
        scanner = self._scanner()
        scanner.scan(receipt.id, self.camera.barcode)
        self.assertEqual(scanner.scan(receipt.id, "SN-0002")["type"], "line")
        scanner.scan(receipt.id, self.camera.barcode)
        before = self._picking_snapshot(receipt)
        answer = scanner.scan(receipt.id, "SN-0002")
        self.assertEqual(answer["type"], "error")
        self.assertIn("already scanned", answer["message"])
        scanner.scan(receipt.id, self.camera.barcode)
        answer = scanner.scan(receipt.id, "SN-0001")  # in bin A-01 already
        self.assertEqual(answer["type"], "error")
        self.assertIn("already in stock", answer["message"])
        self.assertEqual(self._picking_snapshot(receipt), before)

    # Picks -------------------------------------------------------------------------------

    def test_pick_from_the_scanned_bin_books_cogs_at_layer_cost(self):
        self._scan_rules(self.out_type, source_location=True, product=True, allow_extra=False)
        delivery = self._delivery([(self.beans, 4)])
        scanner = self._scanner()
        answer = scanner.scan(delivery.id, self.beans.barcode)
        self.assertEqual(answer, {"type": "error", "message": "Scan the source location first."})
        self.assertEqual(scanner.scan(delivery.id, "PITEST-A01")["type"], "location")
        scanner.scan(delivery.id, self.beans.barcode)
        answer = scanner.set_quantity(delivery.id, self._move(delivery, self.beans).id, 4)
        self.assertEqual((answer["line"]["scanned"], answer["line"]["done"]), (4, True))
        self.assertEqual(scanner.validate(delivery.id)["type"], "done")
        self.assertEqual(delivery.state, "done")
        self.assertEqual(delivery.move_line_ids.location_id, self.bin_a)
        self.assertEntry(delivery.move_ids.account_move_ids, {"COGS": (20.0, 0.0), "STOCKVAL": (0.0, 20.0)})
        self.assertPerpetualInvariant()

    def test_quantity_above_demand_is_refused_where_the_type_takes_no_extra(self):
        self._scan_rules(self.out_type, allow_extra=False)
        delivery = self._delivery([(self.beans, 1)])
        scanner = self._scanner()
        scanner.scan(delivery.id, self.beans.barcode)
        before = self._picking_snapshot(delivery)
        answer = scanner.scan(delivery.id, self.beans.barcode)
        self.assertEqual(answer["type"], "error")
        self.assertIn("more than the 1", answer["message"])
        answer = scanner.set_quantity(delivery.id, self._move(delivery, self.beans).id, 3)
        self.assertEqual(answer["type"], "error")
        self.assertEqual(self._picking_snapshot(delivery), before)

    def test_wrong_product_and_wrong_bin_on_a_pick_are_refused_and_logged_as_pick_errors(self):
        self._scan_rules(self.out_type, allow_extra=False)
        delivery = self._delivery([(self.beans, 2)])
        scanner = self._scanner()
        before = self._picking_snapshot(delivery)
        answer = scanner.scan(delivery.id, self.tea.barcode)
        self.assertEqual(answer, {"type": "error", "message": "Green Tea is not in this transfer."})
        self.env["stock.location"].create(
            {"name": "Outside", "barcode": "PITEST-OUT", "location_id": self.warehouse.view_location_id.id}
        )
        answer = scanner.scan(delivery.id, "PITEST-OUT")
        self.assertEqual(answer["type"], "error")
        self.assertIn("outside this transfer", answer["message"])
        self.assertEqual(self._picking_snapshot(delivery), before)
        errors = self.env["stock.operation.scan"].search(
            [("picking_id", "=", delivery.id), ("action", "=", "pick_error")], order="id"
        )
        self.assertEqual(
            [
                (error.error_kind, error.product_id.name or "", error.location_id.name or "", error.user_id)
                for error in errors
            ],
            [
                ("wrong_product", "Green Tea", "", self.warehouse_user),
                ("wrong_location", "", "Outside", self.warehouse_user),
            ],
        )

    def test_product_scan_mandatory_before_typing_a_quantity(self):
        self._scan_rules(self.out_type, product=True)
        delivery = self._delivery([(self.beans, 3)])
        answer = self._scanner().set_quantity(delivery.id, self._move(delivery, self.beans).id, 3)
        self.assertEqual(
            answer, {"type": "error", "message": "Scan Espresso Beans before typing its quantity."}
        )
        self.assertFalse(delivery.move_line_ids.filtered("picked"))

    def test_bad_quantities_are_refused_and_write_nothing(self):
        delivery = self._delivery([(self.beans, 3)])
        move = self._move(delivery, self.beans)
        scanner = self._scanner()
        scanner.scan(delivery.id, self.beans.barcode)
        before = self._picking_snapshot(delivery)
        for quantity in ("abc", "nan", float("nan"), float("inf"), "-inf", 1e300, -1, True, None, [1]):
            answer = scanner.set_quantity(delivery.id, move.id, quantity)
            self.assertEqual(answer["type"], "error", quantity)
        self.assertEqual(self._picking_snapshot(delivery), before)

    def test_bad_barcodes_and_references_are_refused(self):
        delivery = self._delivery([(self.beans, 3)])
        scanner = self._scanner()
        before = self._picking_snapshot(delivery)
        for barcode in (
            "",
            "   ",
            None,
            42,
            "NO-SUCH-CODE",
            "PITEST-FOREIGN",
            "0112345678901231\x1d17999999",
        ):
            self.assertEqual(scanner.scan(delivery.id, barcode)["type"], "error", barcode)
        for transfer_id in (0, -1, "1", None, 10**9, True):
            self.assertEqual(scanner.scan(transfer_id, self.beans.barcode)["type"], "error", transfer_id)
        self.assertEqual(self._picking_snapshot(delivery), before)
        self.assertIn("another company", scanner.scan(delivery.id, "PITEST-FOREIGN")["message"])

    def test_done_and_cancelled_transfers_take_no_scan(self):
        delivery = self._delivery([(self.beans, 1)])
        scanner = self._scanner()
        scanner.scan(delivery.id, self.beans.barcode)
        scanner.validate(delivery.id)
        self.assertEqual(delivery.state, "done")
        answer = scanner.scan(delivery.id, self.beans.barcode)
        self.assertEqual(answer["type"], "error")
        self.assertIn("Done", answer["message"])
        other = self._delivery([(self.tea, 1)])
        other.action_cancel()
        self.assertIn("Cancelled", scanner.scan(other.id, self.tea.barcode)["message"])
        self.assertEqual(scanner.undo(other.id)["type"], "error")
        self.assertEqual(scanner.validate(other.id)["type"], "error")

    def test_undo_takes_back_the_last_scan_and_gives_the_reservation_back(self):
        delivery = self._delivery([(self.beans, 3)])
        scanner = self._scanner()
        before = self._picking_snapshot(delivery)
        scanner.scan(delivery.id, "PITEST-A01")
        scanner.scan(delivery.id, self.beans.barcode)
        self.assertEqual(self._move(delivery, self.beans).quantity, 3, "the reservation stays whole")
        self.assertTrue(scanner.get_transfer_data(delivery.id)["can_undo"])
        answer = scanner.undo(delivery.id)
        self.assertEqual((answer["type"], answer["line"]["scanned"]), ("undo", 0))
        self.assertEqual(self._picking_snapshot(delivery), before)
        self.assertEqual(scanner.undo(delivery.id), {"type": "error", "message": "Nothing to undo."})

    def test_each_scan_takes_from_the_reservation_and_undo_gives_it_back(self):
        delivery = self._delivery([(self.beans, 4)])
        move = self._move(delivery, self.beans)
        scanner = self._scanner()
        scanner.scan(delivery.id, "PITEST-A01")
        after_one = self._picking_snapshot(delivery)
        for _scan in range(2):
            scanner.scan(delivery.id, self.beans.barcode)
        lines = sorted((line.quantity, line.picked) for line in move.move_line_ids)
        self.assertEqual(lines, [(2, False), (2, True)])
        self.assertEqual((move.quantity, move.state), (4, "assigned"), "never reserved beyond the demand")
        quant = self.env["stock.quant"].search(
            [("product_id", "=", self.beans.id), ("location_id", "=", self.bin_a.id)]
        )
        self.assertEqual(quant.reserved_quantity, 4)
        scanner.undo(delivery.id)
        self.assertEqual(
            sorted((line.quantity, line.picked) for line in move.move_line_ids), [(1, True), (3, False)]
        )
        self.assertEqual((move.quantity, quant.reserved_quantity), (4, 4))
        scanner.undo(delivery.id)
        self.assertEqual(self._picking_snapshot(delivery), after_one)

    def test_scans_on_a_receipt_keep_the_move_ready(self):
        receipt = self._receipt([(self.sugar, 5, 2.0)])
        move = self._move(receipt, self.sugar)
        for _scan in range(3):
            self._scanner().scan(receipt.id, self.sugar.barcode)
            self.assertEqual((move.quantity, move.state, receipt.state), (5, "assigned", "assigned"))
        self.assertEqual(
            sorted((line.quantity, line.picked) for line in move.move_line_ids), [(2, False), (3, True)]
        )

    def test_destination_after_each_product(self):
        self._scan_rules(self.in_type, destination="after_each")
        receipt = self._receipt([(self.sugar, 2, 2.0), (self.tea, 1, 4.0)])
        scanner = self._scanner()
        scanner.scan(receipt.id, self.sugar.barcode)
        answer = scanner.scan(receipt.id, self.tea.barcode)
        self.assertEqual(answer, {"type": "error", "message": "Scan where you put Cane Sugar first."})
        answer = scanner.scan(receipt.id, "PITEST-B01")
        self.assertEqual(answer["type"], "destination")
        scanner.scan(receipt.id, self.tea.barcode)
        scanner.scan(receipt.id, "PITEST-A01")
        scanner.scan(receipt.id, self.sugar.barcode)
        scanner.scan(receipt.id, "PITEST-B01")
        self.assertEqual(scanner.validate(receipt.id)["type"], "done")
        self.assertEqual(
            sorted(
                (line.product_id.name, line.location_dest_id.name, line.quantity)
                for line in receipt.move_line_ids
            ),
            [("Cane Sugar", "B-01", 2.0), ("Green Tea", "A-01", 1.0)],
        )

    def test_destination_after_all_products_confirms_the_lines(self):
        self._scan_rules(self.in_type, destination="after_all")
        receipt = self._receipt([(self.sugar, 1, 2.0), (self.tea, 1, 4.0)])
        scanner = self._scanner()
        scanner.scan(receipt.id, self.sugar.barcode)
        scanner.scan(receipt.id, self.tea.barcode)
        with self.assertRaisesRegex(UserError, "must be scanned"):
            receipt.with_user(self.warehouse_user).button_validate()
        answer = scanner.scan(receipt.id, "PITEST-B01")
        self.assertEqual(
            (answer["type"], answer["message"]),
            ("destination", f"2 line(s) put in {self.bin_b.complete_name}."),
        )
        self.assertEqual(scanner.validate(receipt.id)["type"], "done")
        self.assertEqual(receipt.move_line_ids.location_dest_id, self.bin_b)

    def test_lot_scan_mandatory_on_a_pick(self):
        delivery = self._delivery([(self.honey, 2)])
        scanner = self._scanner()
        answer = scanner.scan(delivery.id, self.honey.barcode)
        self.assertEqual(
            (answer["type"], answer["line"]["lot_name"]), ("line", "L42"), "the reserved lot is taken"
        )
        scanner.undo(delivery.id)
        self._scan_rules(self.out_type, lot=True)
        self.assertEqual(scanner.scan(delivery.id, self.honey.barcode)["type"], "need_lot")
        answer = scanner.scan(delivery.id, "NO-SUCH-LOT")
        self.assertEqual(answer["type"], "error")
        self.assertIn("not a known lot", answer["message"])
        answer = scanner.scan(delivery.id, "L42")
        self.assertEqual(
            (answer["type"], answer["line"]["scanned"], answer["line"]["lot_name"]), ("line", 1, "L42")
        )

    def test_internal_transfer_started_by_scanning_a_bin(self):
        scanner = self._scanner()
        answer = scanner.start_internal("PITEST-A01")
        picking = self.env["stock.picking"].browse(answer["transfer_id"])
        self.assertEqual((picking.picking_type_id, picking.location_id), (self.int_type, self.bin_a))
        data = scanner.get_transfer_data(picking.id)
        self.assertEqual(data["current"]["location_id"], self.bin_a.id)
        scanner.scan(picking.id, self.beans.barcode)
        scanner.scan(picking.id, self.beans.barcode)
        self.assertEqual(scanner.scan(picking.id, "PITEST-B01")["type"], "destination")
        self.assertEqual(scanner.validate(picking.id)["type"], "done")
        self.assertEqual(picking.state, "done")
        self.assertEqual(self._quantity(self.beans, self.bin_b), 2)
        self.assertEqual(self._quantity(self.beans, self.bin_a), 8)

    def test_transfers_list_and_open_by_reference(self):
        receipt = self._receipt([(self.sugar, 2, 2.0)])
        receipt.origin = "PO-PITEST-1"
        delivery = self._delivery([(self.beans, 1)])
        scanner = self._scanner()
        groups = {group["code"]: group for group in scanner.get_transfers()["groups"]}
        self.assertIn(receipt.id, [t["id"] for t in groups["incoming"]["transfers"]])
        self.assertIn(delivery.id, [t["id"] for t in groups["outgoing"]["transfers"]])
        found = scanner.get_transfers(search="PO-PITEST-1")["groups"]
        self.assertEqual([t["id"] for group in found for t in group["transfers"]], [receipt.id])
        self.assertEqual(scanner.open_by_barcode("PO-PITEST-1"), {"transfer_id": receipt.id})
        self.assertEqual(scanner.open_by_barcode(delivery.name), {"transfer_id": delivery.id})
        self.assertEqual(scanner.open_by_barcode("NOPE")["type"], "error")

    def test_transfer_data_lists_lines_to_do_first_in_walking_order(self):
        delivery = self._delivery([(self.tea, 1), (self.beans, 1)])
        scanner = self._scanner()
        data = scanner.get_transfer_data(delivery.id)
        self.assertEqual(
            [
                (line["product_name"], line["location_name"], line["demand"], line["scanned"])
                for line in data["lines"]
            ],
            [
                ("Espresso Beans", self.bin_a.complete_name, 1, 0),
                ("Green Tea", self.bin_b.complete_name, 1, 0),
            ],
        )
        self.assertEqual(
            (data["transfer"]["code"], data["current"], data["can_undo"]), ("outgoing", None, False)
        )
        scanner.scan(delivery.id, self.beans.barcode)
        lines = scanner.get_transfer_data(delivery.id)["lines"]
        self.assertEqual(
            [(line["product_name"], line["done"]) for line in lines],
            [("Green Tea", False), ("Espresso Beans", True)],
        )

    def test_counter_cannot_use_the_screen(self):
        delivery = self._delivery([(self.beans, 1)])
        with self.assertRaises(AccessError):
            self._scanner(self.counter_1).get_transfer_data(delivery.id)
        with self.assertRaises(AccessError):
            self._scanner(self.counter_1).scan(delivery.id, self.beans.barcode)

    def test_scan_takes_a_constant_number_of_queries_whatever_the_transfer_size(self):
        products = self.env["product.product"].create(
            [
                {"name": f"Bulk {index}", "is_storable": True, "barcode": f"PITEST-BULK-{index}"}
                for index in range(200)
            ]
        )

        def queries_of_a_scan(count):
            receipt = self._receipt([(product, 5, 1.0) for product in products[:count]])
            scanner = self._scanner()
            scanner.scan(receipt.id, products[0].barcode)  # warm the caches of the product
            self.env.invalidate_all()
            start = self.env.cr.sql_log_count
            answer = scanner.scan(receipt.id, products[1].barcode)
            self.assertEqual(answer["type"], "line")
            self.env.flush_all()
            return self.env.cr.sql_log_count - start

        queries_of_a_scan(20)  # fills the registry caches (access rules, groups)
        self.assertEqual(queries_of_a_scan(20), queries_of_a_scan(200))


@tagged("post_install", "-at_install")
class TestScanRulesValidation(OperationCommon):
    """A transfer whose type asks for scans is validated only once scanned, or by a
    manager's override with a reason."""

    def setUp(self):
        super().setUp()
        self._scan_rules(self.out_type, product=True)

    def test_unscanned_transfer_is_refused_from_the_form_and_the_list(self):
        deliveries = self._delivery([(self.beans, 1)]) | self._delivery([(self.tea, 1)])
        with self.assertRaisesRegex(UserError, "must be scanned before it is validated"):
            deliveries[0].with_user(self.warehouse_user).button_validate()
        with self.assertRaisesRegex(UserError, "must be scanned before it is validated"):
            deliveries.with_user(self.warehouse_user).button_validate()
        self.assertEqual(set(deliveries.mapped("state")), {"assigned"})

    def test_quantity_changed_by_hand_after_the_scan_is_no_longer_confirmed(self):
        delivery = self._delivery([(self.beans, 2)])
        scanner = self._scanner()
        scanner.scan(delivery.id, self.beans.barcode)
        scanner.scan(delivery.id, self.beans.barcode)
        delivery.move_line_ids.filtered("picked").with_user(self.warehouse_user).quantity = 1
        with self.assertRaisesRegex(UserError, "must be scanned"):
            delivery.with_user(self.warehouse_user).button_validate()

    def test_only_the_screen_confirms_a_line_and_only_the_override_skips_the_scans(self):
        delivery = self._delivery([(self.beans, 2)])
        with self.assertRaisesRegex(UserError, "Operations screen"):
            delivery.move_line_ids.with_user(self.warehouse_user).write({"pi_scanned_qty": 2})
        with self.assertRaisesRegex(UserError, "override"):
            delivery.with_user(self.manager).write({"pi_scan_override_user_id": self.manager.id})

    def test_scanned_transfer_validates_from_the_form(self):
        delivery = self._delivery([(self.beans, 2)])
        scanner = self._scanner()
        scanner.scan(delivery.id, self.beans.barcode)
        scanner.scan(delivery.id, self.beans.barcode)
        self.assertIs(delivery.with_user(self.warehouse_user).button_validate(), True)
        self.assertEqual(delivery.state, "done")

    def test_manager_override_with_a_reason_is_logged(self):
        delivery = self._delivery([(self.beans, 2)])
        wizard = (
            self.env["stock.picking.scan.override"]
            .with_user(self.manager)
            .create({"picking_ids": [(6, 0, delivery.ids)], "reason": "Scanner broken"})
        )
        wizard.action_validate()
        self.assertEqual(delivery.state, "done")
        self.assertEqual(delivery.pi_scan_override_user_id, self.manager)
        self.assertIn(
            "Scanner broken",
            delivery.message_ids[:3].mapped("body")[0] + "".join(delivery.message_ids.mapped("body")),
        )
        with self.assertRaises(AccessError):
            self.env["stock.picking.scan.override"].with_user(self.warehouse_user).create(
                {"picking_ids": [(6, 0, delivery.ids)], "reason": "Me"}
            )

    def test_nothing_scanned_refused_where_the_type_asks_for_a_scan(self):
        self._scan_rules(self.out_type, product=False, allow_empty_validation=False)
        delivery = self._delivery([(self.beans, 2)])
        answer = self._scanner().validate(delivery.id)
        self.assertEqual(answer["type"], "error")
        with self.assertRaisesRegex(UserError, "nothing scanned"):
            delivery.with_user(self.warehouse_user).button_validate()

    def test_demo_warehouse_scans_its_receipts_and_picks(self):
        receipts, picks = (
            self.env.ref("stock.picking_type_in").sudo(),
            self.env.ref("stock.picking_type_out").sudo(),
        )
        self.assertTrue(receipts._pi_scans_mandatory())
        self.assertFalse(receipts.pi_scan_allow_empty_validation)
        self.assertTrue(picks.pi_scan_source_location)
        self.assertFalse(picks.pi_scan_allow_extra)


@tagged("post_install", "-at_install")
class TestOperationRequestIds(OperationCommon):
    """A request sent again with the same id (its answer was lost) changes nothing."""

    def test_same_scan_sent_twice_counts_once(self):
        receipt = self._receipt([(self.sugar, 5, 2.0)])
        scanner = self._scanner()
        first = scanner.scan(receipt.id, self.sugar.barcode, request_id="req-1")
        again = scanner.scan(receipt.id, self.sugar.barcode, request_id="req-1")
        self.assertEqual(again, first)
        self.assertEqual(self._move(receipt, self.sugar).move_line_ids.filtered("picked").quantity, 1)
        scanner.scan(receipt.id, self.sugar.barcode, request_id="req-2")
        self.assertEqual(self._move(receipt, self.sugar).move_line_ids.filtered("picked").quantity, 2)

    def test_typed_quantity_undo_and_validate_replayed_change_nothing(self):
        receipt = self._receipt([(self.sugar, 5, 2.0)])
        scanner = self._scanner()
        move = self._move(receipt, self.sugar)
        scanner.scan(receipt.id, self.sugar.barcode, request_id="s-1")
        scanner.scan(receipt.id, self.sugar.barcode, request_id="s-2")
        scanner.undo(receipt.id, request_id="u-1")
        self.assertEqual(scanner.undo(receipt.id, request_id="u-1")["type"], "undo")
        self.assertEqual(move.move_line_ids.filtered("picked").quantity, 1, "one undo, not two")
        scanner.set_quantity(receipt.id, move.id, 5, request_id="q-1")
        self.assertEqual(scanner.validate(receipt.id, request_id="v-1")["type"], "done")
        self.assertEqual(scanner.validate(receipt.id, request_id="v-1")["type"], "done")
        self.assertEqual(receipt.state, "done")

    def test_an_error_is_not_kept_so_a_retry_may_succeed(self):
        self._scan_rules(self.out_type, source_location=True)
        delivery = self._delivery([(self.beans, 2)])
        scanner = self._scanner()
        self.assertEqual(scanner.scan(delivery.id, self.beans.barcode, request_id="r-1")["type"], "error")
        scanner.scan(delivery.id, "PITEST-A01", request_id="r-2")
        self.assertEqual(scanner.scan(delivery.id, self.beans.barcode, request_id="r-1")["type"], "line")

    def test_invalid_request_ids_are_refused(self):
        receipt = self._receipt([(self.sugar, 5, 2.0)])
        for request_id in (42, "x" * 65, ["a"], "  "):
            answer = self._scanner().scan(receipt.id, self.sugar.barcode, request_id=request_id)
            self.assertEqual(answer["type"], "error", request_id)
        self.assertFalse(receipt.move_line_ids.filtered("picked"))
