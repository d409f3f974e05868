from epcpy import hex_to_tag_encodable

from odoo.tests import tagged

from ..tools import epc as epc_tools
from .rpc_common import RpcCommon
from .scanner_common import ScannerCommon, ean13

# GS1 company prefix of the test products' GTINs (EAN-13 2999900000xx: prefix 2999900).
PREFIX = "2999900"
# The GS1 Tag Data Standard's own SGTIN-96 example: urn:epc:tag:sgtin-96:3.0614141.812345.6789.
TDS_EXAMPLE = "3074257BF7194E4000001A85"
# A GIAI-96 (an individual asset, not a product) and an SSCC-96 (a logistic unit).
GIAI = "3414257BF400000000000001"


def gtin14(indicator, ean):
    """The GTIN-14 of a trade item grouping (indicator 1-8) of the EAN-13 ``ean``."""
    digits = indicator + ean[:-1]
    weighted = sum(int(digit) * (3 if position % 2 == 0 else 1) for position, digit in enumerate(digits))
    return digits + str((10 - weighted % 10) % 10)


@tagged("post_install", "-at_install")
class TestRfidEpcTools(ScannerCommon):
    """Decoding and encoding EPCs, checked against the GS1 library's own decoder."""

    def test_sgtin96_is_what_the_library_decodes_back(self):
        epc = epc_tools.sgtin96(self.beans.barcode, 1234, PREFIX)
        self.assertEqual(len(epc), 24)
        tag = hex_to_tag_encodable(epc)
        self.assertEqual(tag.epc_uri, f"urn:epc:id:sgtin:{PREFIX}.0{self.beans.barcode[7:12]}.1234")
        self.assertEqual(
            epc_tools.decode(epc), epc_tools.Tag(epc, "product", "0" + self.beans.barcode, "1234", None, None)
        )

    def test_the_standards_example_decodes_to_its_gtin_and_serial(self):
        self.assertEqual(
            epc_tools.decode(TDS_EXAMPLE),
            epc_tools.Tag(TDS_EXAMPLE, "product", "80614141123458", "6789", None, None),
        )

    def test_tags_that_are_not_products_say_what_they_are(self):
        self.assertEqual(epc_tools.decode(GIAI).kind, "other")
        self.assertEqual(epc_tools.decode("ZZ" * 12).problem, "not hexadecimal")
        self.assertEqual(epc_tools.decode("3074257BF7194E4000001A8").problem, "wrong length")
        self.assertEqual(epc_tools.decode("FF" * 12).problem, "unknown header")

    def test_a_read_is_split_into_distinct_epcs_in_the_order_read(self):
        read = f"{TDS_EXAMPLE.lower()}\n{GIAI}\r\n{TDS_EXAMPLE}  \n\n"
        self.assertEqual(epc_tools.split_read(read), [TDS_EXAMPLE, GIAI])
        for bad in ("", " \n ", None, 42):
            with self.assertRaises(epc_tools.ReadError):
                epc_tools.split_read(bad)

    def test_labels_refuse_what_sgtin96_cannot_hold(self):
        for gtin, serial, prefix in [
            ("123", 1, PREFIX),  # not a GTIN
            (self.beans.barcode, 1, "12345"),  # prefix too short
            (self.beans.barcode, 1, "1234567"),  # another company's prefix
            (self.beans.barcode, 2**38, PREFIX),  # serial beyond 38 bits
            (self.beans.barcode, -1, PREFIX),
        ]:
            with self.assertRaises(ValueError):
                epc_tools.sgtin96(gtin, serial, prefix)


@tagged("post_install", "-at_install")
class TestRfidCount(ScannerCommon):
    """One trigger pull of a handheld reader at a location: every tag counted once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.camera.barcode = ean13("299990000004")
        cls.serial_2 = cls.env["stock.lot"].create(
            {"name": "77", "product_id": cls.camera.id, "company_id": cls.company.id}
        )
        cls.serial_1.name = "76"
        cls.env["product.packaging"].create(
            {
                "name": "Case of 6",
                "product_id": cls.beans.id,
                "qty": 6,
                "barcode": gtin14("1", cls.beans.barcode),
                "company_id": cls.beans.company_id.id,
            }
        )
        cls.foreign.barcode = ean13("299990000009")

    def setUp(self):
        super().setUp()
        self.scanner = self.env["stock.count.scanner"].with_user(self.counter_1)
        self.at_a = self.scanner.scan("PITEST-A01", session_ids=self.count_session.ids)
        self.assertEqual(self.at_a["type"], "location")

    def _tags(self, product_barcode, *serials):
        return [epc_tools.sgtin96(product_barcode, serial, PREFIX) for serial in serials]

    def _read(self, epcs, scanner=None, where=None, request_id=None):
        where = where or self.at_a
        scanner = self.scanner if scanner is None else scanner  # an empty recordset is falsy
        return scanner.scan_epcs(
            "\n".join(epcs), where["session_id"], where["location_id"], request_id=request_id
        )

    def _counted(self, product, location=None, lot=None):
        lines = self.count_session.line_ids.filtered(
            lambda line: (
                line.product_id == product
                and line.location_id == (location or self.bin_a)
                and (lot is None or line.lot_id == lot)
                and line.state != "cancel"
            )
        )
        return sum(lines.mapped("counted_qty"))

    def test_each_distinct_tag_counts_one_unit_however_often_it_is_read(self):
        tags = self._tags(self.beans.barcode, 1, 2, 3)
        answer = self._read(tags + tags[:2] + tags)
        self.assertEqual(
            {
                key: answer[key]
                for key in ("type", "tags_read", "tags_counted", "units_counted", "already_counted")
            },
            {"type": "rfid", "tags_read": 3, "tags_counted": 3, "units_counted": 3.0, "already_counted": 0},
        )
        self.assertEqual([line["product_name"] for line in answer["lines"]], ["Espresso Beans"])
        answer = self._read(tags[1:] + self._tags(self.beans.barcode, 4))
        self.assertEqual((answer["tags_counted"], answer["already_counted"]), (1, 2))
        self.assertEqual(self._counted(self.beans), 4.0)
        self.assertNotIn("expected", repr(answer).lower())

    def test_a_case_tag_counts_its_pack_and_a_serial_tag_its_serial(self):
        case = epc_tools.sgtin96(gtin14("1", self.beans.barcode), 1, PREFIX)
        cameras = self._tags(self.camera.barcode, 76, 77)
        answer = self._read([case, *cameras])
        self.assertEqual((answer["tags_counted"], answer["units_counted"]), (3, 8.0))
        self.assertEqual(self._counted(self.beans), 6.0)
        self.assertEqual(self._counted(self.camera, lot=self.serial_1), 1.0)
        self.assertEqual(self._counted(self.camera, lot=self.serial_2), 1.0)

    def test_the_read_rate_is_a_band_where_the_company_shows_it_and_nothing_elsewhere(self):
        self.env["stock.quant"]._update_available_quantity(self.camera, self.bin_a, 1, lot_id=self.serial_2)
        cameras = self._tags(self.camera.barcode, 76, 77)
        answer = self._read(cameras[:1])
        self.assertNotIn("read_rate_band", answer, "hidden by default: a blind count")
        self.company.rfid_read_rate = "band"
        answer = self._read(self._tags(self.beans.barcode, 1))
        self.assertEqual(answer["read_rate_band"], "50 to 89 % of the expected serials read")
        answer = self._read(cameras)
        self.assertEqual(answer["read_rate_band"], "all expected serials read")
        self.assertNotIn("2", answer["read_rate_band"], "never the number of serials expected")
        at_b = (
            self.env["stock.count.scanner"]
            .with_user(self.counter_2)
            .scan("PITEST-B01", session_ids=self.count_session.ids)
        )
        answer = self._read(
            self._tags(self.tea.barcode, 1),
            scanner=self.env["stock.count.scanner"].with_user(self.counter_2),
            where=at_b,
        )
        self.assertNotIn("read_rate_band", answer, "no serial expected at B-01: no band")

    def test_tags_that_cannot_count_are_listed_with_the_reason_and_the_rest_counts(self):
        read = [
            "NOT-AN-EPC",
            "3074257BF7194E4000001A8",
            GIAI,
            TDS_EXAMPLE,  # a GTIN no product has
            *self._tags(self.foreign.barcode, 1),
            *self._tags(self.camera.barcode, 99),  # a serial the system does not know
            *self._tags(self.honey.barcode, 1),  # tracked by lot: the tag holds no lot
            *self._tags(self.beans.barcode, 1),
        ]
        answer = self._read(read)
        reasons = {entry["epc"]: entry["reason"] for entry in answer["refused"]}
        self.assertEqual(len(reasons), 7)
        self.assertIn("not hexadecimal", reasons["NOT-AN-EPC"])
        self.assertIn("wrong length", reasons["3074257BF7194E4000001A8"])
        self.assertIn("not a product tag", reasons[GIAI])
        self.assertIn("80614141123458", reasons[TDS_EXAMPLE])
        self.assertIn("another company", reasons[read[4]])
        self.assertIn("not a known serial", reasons[read[5]])
        self.assertIn("tracked by lot", reasons[read[6]])
        self.assertEqual((answer["tags_read"], answer["tags_counted"]), (8, 1))
        self.assertEqual(self._counted(self.beans), 1.0)

    def test_a_pallet_tag_names_its_package_and_asks_for_its_items(self):
        pallet = self.env["stock.quant.package"].create({"name": "029999000000000013"})
        answer = self._read(
            ["3114B7197000000001000000", "3034B7197000004000000005".replace("3034", "303C", 1)]
        )
        reasons = [entry["reason"] for entry in answer["refused"]]
        self.assertEqual(reasons, [f"package {pallet.name}: count the items in it", "a malformed EPC"])
        self.assertEqual(answer["tags_counted"], 0)

    def test_a_tag_read_again_at_another_location_is_moved_not_counted_twice(self):
        tags = self._tags(self.tea.barcode, 1, 2)
        self._read(tags)
        scanner_2 = self.env["stock.count.scanner"].with_user(self.counter_2)
        at_b = scanner_2.scan("PITEST-B01", session_ids=self.count_session.ids)
        answer = self._read([*tags, *self._tags(self.tea.barcode, 3)], scanner=scanner_2, where=at_b)
        self.assertEqual(answer["tags_counted"], 1)
        self.assertEqual([entry["epc"] for entry in answer["moved"]], tags)
        self.assertEqual(answer["moved"][0]["location_name"], self.bin_a.complete_name)
        self.assertEqual(self._counted(self.tea, self.bin_a), 2.0)
        self.assertEqual(self._counted(self.tea, self.bin_b), 1.0)

    def test_undo_takes_the_whole_read_back_and_its_tags_count_again(self):
        tags = self._tags(self.beans.barcode, 1, 2) + self._tags(self.camera.barcode, 76)
        self._read(tags)
        undone = self.scanner.undo(self.count_session.ids)
        self.assertEqual(undone["type"], "undone")
        self.assertEqual(self._counted(self.beans), 0.0)
        self.assertEqual(self._counted(self.camera, lot=self.serial_1), 0.0)
        answer = self._read(tags)
        self.assertEqual(answer["tags_counted"], 3)
        self.assertEqual(self._counted(self.beans), 2.0)

    def test_the_same_read_sent_again_is_answered_once(self):
        tags = self._tags(self.beans.barcode, 1, 2)
        first = self._read(tags, request_id="rfid-read-1")
        again = self._read(tags, request_id="rfid-read-1")
        self.assertEqual(first, again)
        self.assertEqual(self._counted(self.beans), 2.0)

    def test_a_refused_item_leaves_its_tags_free_and_the_others_counted(self):
        # The serial was counted by a barcode scan already: its tag is refused, not the read.
        self.scanner.scan(
            self.camera.barcode,
            self.at_a["session_id"],
            self.at_a["location_id"],
            session_ids=self.count_session.ids,
        )
        self.scanner.scan(
            "76",
            self.at_a["session_id"],
            self.at_a["location_id"],
            pending_product_id=self.camera.id,
            session_ids=self.count_session.ids,
        )
        camera_tag = self._tags(self.camera.barcode, 76)
        answer = self._read(camera_tag + self._tags(self.beans.barcode, 1))
        self.assertEqual([entry["epc"] for entry in answer["refused"]], camera_tag)
        self.assertIn("already counted", answer["refused"][0]["reason"])
        self.assertEqual(self._counted(self.beans), 1.0)
        self.assertFalse(self.env["stock.epc.read"].search([("epc", "in", camera_tag)]))

    def test_bad_reads_answer_in_words_and_count_nothing(self):
        before = self._lines_snapshot()
        for read in ("", "\n\n", None, 12, ["3074257BF7194E4000001A85"]):
            answer = self.scanner.scan_epcs(read, self.at_a["session_id"], self.at_a["location_id"])
            self.assertEqual(answer["type"], "error", read)
        burst = "\n".join(f"{n:024X}" for n in range(epc_tools.MAX_TAGS_PER_READ + 1))
        answer = self.scanner.scan_epcs(burst, self.at_a["session_id"], self.at_a["location_id"])
        self.assertEqual(answer["type"], "error")
        self.assertIn("Read a shelf or a case at a time", answer["message"])
        answer = self.scanner.scan_epcs(TDS_EXAMPLE, self.at_a["session_id"], False)
        self.assertEqual(answer, {"type": "error", "message": "Scan a location first."})
        self.assertEqual(self._lines_snapshot(), before)
        self.assertFalse(self.env["stock.epc.read"].search([]))

    def _queries_of_read(self, serials):
        tags = [tag for product in (self.beans, self.tea) for tag in self._tags(product.barcode, *serials)]
        self.env.flush_all()
        before = self.env.cr.sql_log_count
        answer = self._read(tags)
        self.assertEqual(answer["tags_counted"], len(tags))
        return self.env.cr.sql_log_count - before

    def test_500_tags_take_as_many_queries_as_50(self):
        self._queries_of_read(range(1, 3))  # the lines of both products exist from here on
        self.assertEqual(self._queries_of_read(range(100, 125)), self._queries_of_read(range(200, 450)))


@tagged("post_install", "-at_install")
class TestRfidCountRpc(RpcCommon):
    """RFID reads through JSON-RPC, as a counter's handheld sends them."""

    def test_a_counter_counts_by_rfid_and_only_the_engine_writes_the_register(self):
        at_a = self.rpc(
            self.counter_1, "stock.count.scanner", "scan", "PITEST-A01", session_ids=self.count_session.ids
        )
        tags = [epc_tools.sgtin96(self.beans.barcode, serial, PREFIX) for serial in (1, 2)]
        answer = self.rpc(
            self.counter_1,
            "stock.count.scanner",
            "scan_epcs",
            "\n".join(tags),
            at_a["session_id"],
            at_a["location_id"],
            request_id="rpc-rfid-1",
        )
        self.assertEqual((answer["type"], answer["tags_counted"]), ("rfid", 2))
        self.assertRpcRefused(self.counter_1, "stock.epc.read", "search_read", [], ["epc"])
        read_ids = self.rpc(
            self.manager, "stock.epc.read", "search", [("session_id", "=", self.count_session.id)]
        )
        self.assertEqual(len(read_ids), 2)
        self.assertRpcRefused(
            self.manager, "stock.epc.read", "write", read_ids, {"location_id": self.bin_b.id}
        )
        self.assertRpcRefused(self.manager, "stock.epc.read", "unlink", read_ids)
        self.assertRpcRefused(
            self.manager,
            "stock.epc.read",
            "create",
            {"epc": "X", "session_id": self.count_session.id, "location_id": self.bin_a.id},
        )
        self.assertEqual(self.beans_line_qty(), 2.0)

    def beans_line_qty(self):
        self.env.invalidate_all()
        line = self.count_session.line_ids.filtered(
            lambda line: line.product_id == self.beans and line.location_id == self.bin_a
        )
        return line.counted_qty
