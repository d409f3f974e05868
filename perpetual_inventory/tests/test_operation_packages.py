from odoo.tests import tagged

from .operation_common import OperationCommon


@tagged("post_install", "-at_install")
class TestOperationPackages(OperationCommon):
    """A package (or its SSCC) scanned on the Operations screen moves the package whole.

    The pallet PALLET-0001 holds all 20 Green Tea of bin B-01.
    """

    def setUp(self):
        super().setUp()
        self.pallet = self.env["stock.quant.package"].create({"name": "PALLET-0001"})
        quants = self.env["stock.quant"]
        quants._update_available_quantity(self.tea, self.bin_b, -20)
        quants._update_available_quantity(self.tea, self.bin_b, 20, package_id=self.pallet)

    def _pick_errors(self, picking):
        return self.env["stock.operation.scan"].search(
            [("picking_id", "=", picking.id), ("action", "=", "pick_error")]
        )

    def test_a_pallet_scanned_on_a_pick_leaves_whole_and_books_its_cogs(self):
        delivery = self._delivery([(self.tea, 20)])
        self.assertEqual(delivery.move_line_ids.package_id, self.pallet)
        scanner = self._scanner()
        answer = scanner.scan(delivery.id, "PALLET-0001")
        self.assertEqual(answer["type"], "package", answer)
        self.assertEqual(answer["message"], "Package PALLET-0001: 1 line(s) picked.")
        self.assertEqual((answer["line"]["scanned"], answer["line"]["done"]), (20, True))
        self.assertEqual(delivery.move_line_ids.result_package_id, self.pallet)
        self.assertEqual(scanner.validate(delivery.id)["type"], "done")
        self.assertEqual(self.pallet.location_id, self.customers)
        self.assertEqual(self._quantity(self.tea, self.bin_b), 0)
        self.assertEntry(delivery.move_ids.account_move_ids, {"COGS": (80.0, 0.0), "STOCKVAL": (0.0, 80.0)})
        self.assertPerpetualInvariant()

    def test_a_pallet_read_as_gs1_sscc_is_the_same_package(self):
        self.pallet.name = "029999000000000013"
        delivery = self._delivery([(self.tea, 20)])
        answer = self._scanner().scan(delivery.id, "(00)029999000000000013")
        self.assertEqual((answer["type"], answer["line"]["scanned"]), ("package", 20), answer)

    def test_part_of_a_pallet_is_picked_from_it_and_the_pallet_stays(self):
        delivery = self._delivery([(self.tea, 5)])
        self._scanner().scan(delivery.id, "PALLET-0001")
        self.assertFalse(delivery.move_line_ids.result_package_id)
        self._scanner().validate(delivery.id)
        self.assertEqual(self.pallet.location_id, self.bin_b)
        self.assertEqual(sum(self.pallet.quant_ids.mapped("quantity")), 15)

    def test_a_pallet_moved_bin_to_bin_by_scan(self):
        scanner = self._scanner()
        picking = self.env["stock.picking"].browse(scanner.start_internal("PITEST-B01")["transfer_id"])
        answer = scanner.scan(picking.id, "PALLET-0001")
        self.assertEqual((answer["type"], answer["line"]["scanned"]), ("package", 20), answer)
        self.assertEqual(scanner.scan(picking.id, "PITEST-A01")["type"], "destination")
        self.assertEqual(scanner.validate(picking.id)["type"], "done")
        self.assertEqual(self.pallet.location_id, self.bin_a)
        self.assertEqual(self._quantity(self.tea, self.bin_a), 20)
        self.assertEqual(self._quantity(self.tea, self.bin_b), 0)
        self.assertPerpetualInvariant()

    def test_undo_gives_the_pallet_back_to_the_reservation(self):
        delivery = self._delivery([(self.tea, 20)])
        before = self._picking_snapshot(delivery)
        scanner = self._scanner()
        scanner.scan(delivery.id, "PALLET-0001")
        self.assertEqual(scanner.undo(delivery.id)["type"], "undo")
        self.assertEqual(self._picking_snapshot(delivery), before)
        self.assertFalse(delivery.move_line_ids.result_package_id)

    def test_bad_package_scans_are_refused_and_write_nothing(self):
        self._scan_rules(self.out_type, allow_extra=False)
        delivery = self._delivery([(self.beans, 2)])
        scanner = self._scanner()
        before = self._picking_snapshot(delivery)
        answer = scanner.scan(delivery.id, "PALLET-0001")
        self.assertEqual(answer, {"type": "error", "message": "Package PALLET-0001 is not in this transfer."})
        self.assertEqual(scanner.scan(delivery.id, "PITEST-A01")["type"], "location")
        answer = scanner.scan(delivery.id, "PALLET-0001")
        self.assertEqual(
            answer["message"],
            f"Package PALLET-0001 is at {self.bin_b.complete_name}, not at {self.bin_a.complete_name}.",
        )
        self.assertEqual(self._picking_snapshot(delivery), before)
        self.assertEqual(
            self._pick_errors(delivery).mapped("error_kind"), ["wrong_location", "wrong_product"]
        )
        empty = self.env["stock.quant.package"].create({"name": "EMPTY-0001"})
        self.assertEqual(
            scanner.scan(delivery.id, empty.name)["message"],
            "Package EMPTY-0001 is empty: nothing was recorded.",
        )
        receipt = self._receipt([(self.tea, 2, 4.0)])
        self.assertEqual(
            scanner.scan(receipt.id, "PALLET-0001")["message"],
            "PALLET-0001 is a package: on a receipt, scan the items in it.",
        )
        self.assertEqual(self._picking_snapshot(delivery), before)

    def test_a_pallet_scanned_twice_counts_once(self):
        delivery = self._delivery([(self.tea, 20)])
        scanner = self._scanner()
        scanner.scan(delivery.id, "PALLET-0001")
        answer = scanner.scan(delivery.id, "PALLET-0001")
        self.assertEqual(
            answer, {"type": "error", "message": "Package PALLET-0001 was already scanned in this transfer."}
        )
        self.assertEqual(delivery.move_line_ids.quantity, 20)

    def test_another_companys_package_is_refused(self):
        other = self.foreign.company_id
        foreign_stock = (
            self.env["stock.warehouse"].search([("company_id", "=", other.id)], limit=1).lot_stock_id
        )
        crate = self.env["stock.quant.package"].create(
            {"name": "CRATE-FOREIGN", "location_id": foreign_stock.id}
        )
        self.env["stock.quant"]._update_available_quantity(self.foreign, foreign_stock, 3, package_id=crate)
        delivery = self._delivery([(self.tea, 20)])
        answer = self._scanner().scan(delivery.id, "CRATE-FOREIGN")
        self.assertEqual(
            answer,
            {
                "type": "error",
                "message": "Package CRATE-FOREIGN belongs to another company: nothing was recorded.",
            },
        )
