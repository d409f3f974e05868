from datetime import date

from odoo.tests import BaseCase, tagged

from ..tools.barcode_parsing import Gs1Error, gtin_candidates, parse_gs1

GTIN = "02999900000037"  # "0" + an EAN-13 with its check digit
SSCC = "012345678901234560"


@tagged("post_install", "-at_install")
class TestBarcodeParsing(BaseCase):
    """GS1 codes as scanners send them, read without the database."""

    def test_gtin_lot_expiry_and_count(self):
        parsed = parse_gs1(f"01{GTIN}17271231\x1d10L42\x1d3012")

        self.assertEqual(
            (parsed["gtin"], parsed["expiry"], parsed["lot"], parsed["quantity"]),
            (GTIN, date(2027, 12, 31), "L42", 12.0),
        )

    def test_variable_fields_end_at_any_separator_or_the_end(self):
        for separator in ("\x1d", "#", "Alt029"):
            parsed = parse_gs1(f"01{GTIN}21SN-7{separator}37000024")
            self.assertEqual((parsed["serial"], parsed["quantity"]), ("SN-7", 24.0), separator)
        self.assertEqual(parse_gs1(f"01{GTIN}10LOT-END")["lot"], "LOT-END")

    def test_symbology_prefix_and_human_readable_form(self):
        self.assertEqual(parse_gs1(f"]C101{GTIN}10L1")["lot"], "L1")
        self.assertEqual(parse_gs1(f"]d201{GTIN}")["gtin"], GTIN)
        self.assertEqual(parse_gs1(f"(01){GTIN}(10)L9(30)5")["quantity"], 5.0)

    def test_sscc_and_weight_with_decimals(self):
        self.assertEqual(parse_gs1(f"00{SSCC}")["sscc"], SSCC)
        self.assertEqual(parse_gs1(f"01{GTIN}3102001250")["quantity"], 12.5)

    def test_day_zero_is_the_last_day_of_the_month(self):
        self.assertEqual(parse_gs1(f"01{GTIN}17280200")["expiry"], date(2028, 2, 29))

    def test_codes_that_are_not_gs1_read_as_nothing(self):
        for barcode in (
            "2999900000037",  # an EAN-13
            f"01{GTIN[:-3]}",  # truncated GTIN
            "PITEST-A01",  # a location
            "10L42",  # a lot alone: no GTIN
            "",
            None,
            42,
        ):
            self.assertEqual(parse_gs1(barcode), {}, barcode)

    def test_malformed_parts_are_refused(self):
        for barcode in (
            f"01{GTIN}17271399",  # month 13
            f"01{GTIN}17270230",  # 30 February
            f"01{GTIN}3103ABCDEF",  # a weight that is not a number
            f"01{GTIN[:-1]}9",  # wrong check digit
            f"01{GTIN}30ABC",  # a count that is not a number
            f"01{GTIN}10" + "L" * 21,  # lot longer than GS1 allows
            f"01{GTIN}10",  # empty lot
        ):
            with self.assertRaises(Gs1Error, msg=repr(barcode)):
                parse_gs1(barcode)

    def test_gtin_candidates(self):
        self.assertEqual(gtin_candidates(GTIN), [GTIN, GTIN[1:]])
        self.assertEqual(gtin_candidates("0012345678905"), ["0012345678905", "012345678905"])
        self.assertEqual(gtin_candidates("PITEST-SOAP"), ["PITEST-SOAP"])
