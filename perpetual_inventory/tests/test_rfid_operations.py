from epcpy.epc_schemes.sgtin import SGTINFilterValue
from epcpy.epc_schemes.sscc import SSCC, SSCCFilterValue

from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..tools import epc as epc_tools
from .operation_common import OperationCommon
from .scanner_common import ean13

PREFIX = "2999900"


def sscc96(serial_reference):
    """The SSCC-96 EPC of a logistic unit of the test company prefix, and its SSCC."""
    sscc = SSCC(f"urn:epc:id:sscc:{PREFIX}.{serial_reference}")
    epc = sscc.hex(
        binary_coding_scheme=SSCC.BinaryCodingScheme.SSCC_96, filter_value=SSCCFilterValue.ALL_OTHERS
    )
    return epc, sscc.gs1_key()


@tagged("post_install", "-at_install")
class TestRfidOperations(OperationCommon):
    """RFID reads on the Operations screen: a tagged case received against the order, a pick
    checked tag by tag."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.camera.barcode = ean13("299990000005")

    def _tags(self, product, *serials):
        return [epc_tools.sgtin96(product.barcode, serial, PREFIX) for serial in serials]

    def _read(self, picking, tags, request_id=None):
        return self._scanner().scan_epcs(picking.id, "\n".join(tags), request_id=request_id)

    def test_a_tagged_case_is_received_against_the_order_each_tag_once(self):
        self._scan_rules(self.in_type, allow_extra=False)
        receipt = self._receipt([(self.sugar, 5, 2.0)])
        tags = self._tags(self.sugar, 1, 2, 3, 4, 5)
        answer = self._read(receipt, tags + tags[:2])
        self.assertEqual((answer["type"], answer["tags_read"], answer["tags_counted"]), ("rfid", 5, 5))
        self.assertEqual((answer["lines"][-1]["scanned"], answer["lines"][-1]["done"]), (5, True))
        answer = self._read(receipt, tags[:2] + self._tags(self.sugar, 6))
        self.assertEqual((answer["tags_counted"], answer["already_counted"]), (0, 2))
        self.assertIn("more than the 5", answer["refused"][0]["reason"])
        self.assertFalse(self.env["stock.epc.read"].search([("epc", "=", self._tags(self.sugar, 6)[0])]))
        self.assertEqual(self._scanner().validate(receipt.id)["type"], "done")
        self.assertEqual(self._quantity(self.sugar, self.stock), 5)
        self.assertEntry(receipt.move_ids.account_move_ids, {"STOCKVAL": (10.0, 0.0), "STOCKIN": (0.0, 10.0)})

    def test_tags_of_a_serial_product_receive_their_serials(self):
        self.in_type.use_create_lots = True
        receipt = self._receipt([(self.camera, 2, 50.0)])
        answer = self._read(receipt, self._tags(self.camera, 1001, 1002))
        self.assertEqual(answer["tags_counted"], 2, answer)
        self.assertEqual(
            sorted(
                receipt.move_line_ids.filtered("picked").mapped(
                    lambda line: line.lot_name or line.lot_id.name
                )
            ),
            ["1001", "1002"],
        )
        self.assertEqual(self._scanner().validate(receipt.id)["type"], "done")
        self.assertEqual(sorted(receipt.move_line_ids.lot_id.mapped("name")), ["1001", "1002"])

    def test_a_pick_refuses_tags_of_products_not_in_it_and_logs_the_pick_error(self):
        self._scan_rules(self.out_type, allow_extra=False)
        delivery = self._delivery([(self.beans, 4)])
        self._scanner().scan(delivery.id, "PITEST-A01")
        answer = self._read(delivery, self._tags(self.beans, 1, 2, 3, 4) + self._tags(self.tea, 1))
        self.assertEqual(answer["tags_counted"], 4)
        self.assertEqual(len(answer["refused"]), 1)
        self.assertIn("not in this transfer", answer["refused"][0]["reason"])
        errors = self.env["stock.operation.scan"].search(
            [("picking_id", "=", delivery.id), ("action", "=", "pick_error")]
        )
        self.assertEqual((len(errors), errors.product_id), (1, self.tea))
        self.assertEqual(self._move(delivery, self.beans).quantity, 4)

    def test_undo_takes_the_read_back_and_its_tags_count_again(self):
        receipt = self._receipt([(self.sugar, 5, 2.0)])
        tags = self._tags(self.sugar, 1, 2, 3)
        before = self._picking_snapshot(receipt)
        self._read(receipt, tags)
        self.assertEqual(self._scanner().undo(receipt.id)["type"], "undo")
        self.assertEqual(self._picking_snapshot(receipt), before)
        self.assertEqual(self._read(receipt, tags)["tags_counted"], 3)

    def test_the_same_read_sent_again_is_answered_once_and_bad_reads_write_nothing(self):
        receipt = self._receipt([(self.sugar, 5, 2.0)])
        tags = self._tags(self.sugar, 1, 2)
        first = self._read(receipt, tags, request_id="ops-rfid-1")
        self.assertEqual(self._read(receipt, tags, request_id="ops-rfid-1"), first)
        before = self._picking_snapshot(receipt)
        for read in ("", None, 7, "\n".join(f"{n:024X}" for n in range(epc_tools.MAX_TAGS_PER_READ + 1))):
            self.assertEqual(self._scanner().scan_epcs(receipt.id, read)["type"], "error")
        self.assertEqual(self._picking_snapshot(receipt), before)
        with self.assertRaises(AccessError):
            self.env["stock.operation.scanner"].with_user(self.counter_1).scan_epcs(receipt.id, tags[0])

    def test_a_pallet_tag_moves_its_package_once(self):
        epc, sscc = sscc96("0000000001")
        pallet = self.env["stock.quant.package"].create({"name": sscc})
        quants = self.env["stock.quant"]
        quants._update_available_quantity(self.tea, self.bin_b, -20)
        quants._update_available_quantity(self.tea, self.bin_b, 20, package_id=pallet)
        delivery = self._delivery([(self.tea, 20)])
        answer = self._read(delivery, [epc, epc])
        self.assertEqual(
            (answer["tags_read"], answer["tags_counted"], answer["units_counted"], answer["refused"]),
            (1, 1, 20, []),
        )
        self.assertEqual((answer["lines"][0]["scanned"], answer["lines"][0]["done"]), (20, True))
        self.assertEqual(self._read(delivery, [epc])["already_counted"], 1)
        self.assertEqual(self.env["stock.epc.read"].search([("epc", "=", epc)]).package_id, pallet)
        self.assertEqual(self._scanner().validate(delivery.id)["type"], "done")
        self.assertEqual(pallet.location_id, self.customers)
        self.assertEntry(delivery.move_ids.account_move_ids, {"COGS": (80.0, 0.0), "STOCKVAL": (0.0, 80.0)})

    def test_an_unknown_pallet_tag_is_listed_not_dropped(self):
        epc, sscc = sscc96("0000000002")
        delivery = self._delivery([(self.tea, 2)])
        answer = self._read(delivery, [epc])
        self.assertEqual(answer["tags_counted"], 0)
        self.assertEqual(
            answer["refused"], [{"epc": epc, "reason": f"a package tag (SSCC {sscc}) of no known package"}]
        )

    def test_every_filter_value_reads_the_same_product(self):
        receipt = self._receipt([(self.sugar, 8, 2.0)])
        tags = [
            epc_tools.sgtin96(self.sugar.barcode, serial, PREFIX, filter_value=filter_value)
            for serial, filter_value in enumerate(SGTINFilterValue, start=1)
        ]
        answer = self._read(receipt, tags)
        self.assertEqual((answer["tags_counted"], answer["refused"]), (8, []))
        self.assertEqual(self._move(receipt, self.sugar).quantity, 8)

    def test_a_serial_already_in_stock_is_not_received_again(self):
        self.in_type.use_create_lots = True
        self.serial_1.name = "1001"
        receipt = self._receipt([(self.camera, 2, 50.0)])
        before = self._picking_snapshot(receipt)
        answer = self._read(receipt, self._tags(self.camera, 1001))
        self.assertEqual(answer["tags_counted"], 0)
        self.assertEqual(
            answer["refused"][0]["reason"],
            "Serial number 1001 is already in stock: it cannot be received again.",
        )
        self.assertEqual(self._picking_snapshot(receipt), before)
        self.assertEqual(self._read(receipt, self._tags(self.camera, 1002))["tags_counted"], 1)
