from odoo.exceptions import UserError
from odoo.tests import tagged

from .scanner_common import ScannerCommon


@tagged("post_install", "-at_install")
class TestScanLookup(ScannerCommon):
    """What a scanned barcode stands for, the same on every scanning screen."""

    def setUp(self):
        super().setUp()
        self.lookup = self.env["perpetual.scan.lookup"].with_user(self.counter_1)

    def test_packaging_barcode_is_its_product_times_the_pack(self):
        self.env["product.packaging"].create(
            {
                "name": "Box of 6",
                "product_id": self.beans.id,
                "qty": 6,
                "barcode": "PITEST-BOX6",
                "company_id": self.company.id,
            }
        )

        self.assertEqual(self.lookup._product_by_barcode("PITEST-BOX6", self.company), (self.beans, 6))
        # On the Count screen a box scanned counts the six it holds.
        scanner = self.env["stock.count.scanner"].with_user(self.counter_1)
        current = scanner.scan("PITEST-A01", session_ids=self.count_session.ids)
        counted = scanner.scan(
            "PITEST-BOX6", session_id=current["session_id"], location_id=current["location_id"]
        )
        self.assertEqual(counted["line"]["counted_qty"], 6)

    def test_gtin_14_with_indicator_zero_finds_the_ean(self):
        product, quantity = self.lookup._product_by_barcode("0" + self.beans.barcode, self.company)

        self.assertEqual((product, quantity), (self.beans, 1))

    def test_another_companys_product_packaging_and_location_are_refused(self):
        other = self.foreign.company_id
        self.env["product.packaging"].create(
            {
                "name": "Jar tray",
                "product_id": self.foreign.id,
                "qty": 12,
                "barcode": "PITEST-JARS",
                "company_id": other.id,
            }
        )
        foreign_bin = self.env["stock.location"].create(
            {"name": "F-01", "barcode": "PITEST-F01", "usage": "internal", "company_id": other.id}
        )
        for barcode in ("PITEST-FOREIGN", "PITEST-JARS"):
            with self.assertRaisesRegex(UserError, "belongs to another company"):
                self.lookup._product_by_barcode(barcode, self.company)
        with self.assertRaisesRegex(UserError, "belongs to another company"):
            self.env["perpetual.scan.lookup"]._location_by_barcode(foreign_bin.barcode, self.company)

    def test_item_from_gs1_lot_alone_and_unknown_codes(self):
        gs1 = self.lookup._item_by_barcode(f"010{self.honey.barcode}17300101\x1d10L42\x1d305", self.company)
        self.assertEqual(
            (gs1["product"], gs1["lot"], gs1["lot_name"], gs1["quantity"], str(gs1["expiry"])),
            (self.honey, self.lot_42, "L42", 5, "2030-01-01"),
        )
        new_lot = self.lookup._item_by_barcode(f"010{self.honey.barcode}10L-NEW", self.company)
        self.assertEqual((new_lot["lot_name"], new_lot["lot"]), ("L-NEW", self.env["stock.lot"]))
        alone = self.lookup._item_by_barcode("SN-0001", self.company)
        self.assertEqual((alone["product"], alone["lot"]), (self.camera, self.serial_1))
        for barcode, message in (
            ("NO-SUCH-CODE", "Unknown barcode"),
            ("01" + "0" * 13 + "0", "Unknown product in GS1"),
            (f"010{self.honey.barcode}17301301", "not a valid GS1 barcode"),
        ):
            with self.assertRaisesRegex(UserError, message):
                self.lookup._item_by_barcode(barcode, self.company)
