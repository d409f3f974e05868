import io
import json
from unittest.mock import patch
from urllib.parse import urlencode

from PyPDF2 import PdfReader
from PyPDF2.generic import ContentStream

from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, HttpCase, TransactionCase, new_test_user, tagged

from ..tools import epc as epc_tools

PRODUCT_LABELS = "perpetual_inventory.action_report_product_label"
TEMPLATE_LABELS = "perpetual_inventory.action_report_product_template_label"
LOCATION_LABELS = "perpetual_inventory.action_report_location_label"

POINT_MM = 25.4 / 72
A4_POINTS = (595.28, 841.89)
# The sheet as label stock expects it: 3 x 8 labels of 70 x 37 mm, 0.5 mm above the first row.
LABEL_WIDTH_MM = 70
LABEL_HEIGHT_MM = 37
SHEET_TOP_MM = 0.5
LABEL_PADDING_MM = 3
EAN13_MODULE_MM = 0.33  # 100 % magnification
CODE128_MODULE_MM = 0.254
EAN13_SYMBOL_MM = (11 + 95 + 7) * EAN13_MODULE_MM  # quiet zone, bars, quiet zone: 37.29 mm
PRODUCT_BARS_TOP_MM = 15.6  # from the label's top edge
TOLERANCE_MM = 0.005


def multiply(first, second):
    """The product of two PDF matrices [a b c d e f]: ``first`` applied, then ``second``."""
    a, b, c, d, e, f = first
    a2, b2, c2, d2, e2, f2 = second
    return [
        a * a2 + b * c2,
        a * b2 + b * d2,
        c * a2 + d * c2,
        c * b2 + d * d2,
        e * a2 + f * c2 + e2,
        e * b2 + f * d2 + f2,
    ]


def filled_rectangles(page):
    """Every filled rectangle the page's content stream draws, as (left, bottom, width,
    height) in millimetres from the page's lower left corner: the bars of the barcodes."""
    matrix, saved, pending, filled = [1, 0, 0, 1, 0, 0], [], [], []
    for operands, operator in ContentStream(page.get_contents(), page.pdf).operations:
        if operator == b"q":
            saved.append(matrix)
        elif operator == b"Q":
            matrix = saved.pop()
        elif operator == b"cm":
            matrix = multiply([float(value) for value in operands], matrix)
        elif operator == b"re":
            x, y, width, height = (float(value) for value in operands)
            scale_x, scale_y = matrix[0], matrix[3]  # the sheet neither rotates nor skews
            pending.append(
                (
                    (matrix[4] + x * scale_x) * POINT_MM,
                    (matrix[5] + y * scale_y) * POINT_MM,
                    width * scale_x * POINT_MM,
                    height * scale_y * POINT_MM,
                )
            )
        elif operator in (b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"):
            filled += pending
            pending = []
        elif operator in (b"n", b"S", b"s"):
            pending = []
    return filled


def page_text(page):
    return page.extract_text()


def labels_of_page(page):
    """The bars of a page grouped by the label they sit on: {(row, column): bars}."""
    page_height_mm = float(page.mediabox.height) * POINT_MM
    labels = {}
    for bar in filled_rectangles(page):
        left, bottom, _width, height = bar
        column = int(left // LABEL_WIDTH_MM)
        row = int((page_height_mm - SHEET_TOP_MM - (bottom + height)) // LABEL_HEIGHT_MM)
        labels.setdefault((row, column), []).append(bar)
    return labels


@tagged("post_install", "-at_install")
class TestBarcodeLabels(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.labels = cls.env["perpetual.barcode.label"]
        cls.company = cls.env.company
        cls.company.internal_barcode_prefix = "20"
        cls.sequence = cls.env.ref("perpetual_inventory.sequence_internal_barcode")
        warehouse = cls.env["stock.warehouse"].search([("company_id", "=", cls.company.id)], limit=1)
        cls.stock = warehouse.lot_stock_id
        cls.stock_manager = new_test_user(cls.env, "label_stock_manager", groups="stock.group_stock_manager")

    def _product(self, name, barcode=False, **values):
        return self.env["product.product"].create({"name": name, "barcode": barcode, **values})

    def _generator(self, records):
        return (
            self.env["product.barcode.generator"]
            .with_context(active_model=records._name, active_ids=records.ids)
            .create({})
        )

    def _next_internal_code(self, offset=0):
        self.sequence.invalidate_recordset(["number_next_actual"])
        number = self.sequence.number_next_actual + offset
        return self.labels._internal_ean13(self.company.internal_barcode_prefix, number)

    def _render_pdf(self, report, records):
        pdf, report_type = self.env["ir.actions.report"]._render_qweb_pdf(report, records.ids)
        self.assertEqual(report_type, "pdf")
        return pdf

    def _sheet(self, report, records):
        """The printed sheet's pages, checked to be A4 portrait."""
        pages = PdfReader(io.BytesIO(self._render_pdf(report, records))).pages
        for page in pages:
            self.assertAlmostEqual(float(page.mediabox.width), A4_POINTS[0], delta=0.01)
            self.assertAlmostEqual(float(page.mediabox.height), A4_POINTS[1], delta=0.01)
        return pages

    def assertBarcodeFitsLabel(self, bars, column, module_mm, quiet_left, quiet_right):
        """``bars`` (one label's) are ``module_mm`` wide at their narrowest, and their quiet
        zones, counted in modules, stay inside the label's printable width."""
        self.assertAlmostEqual(
            min(width for _left, _bottom, width, _height in bars), module_mm, delta=TOLERANCE_MM
        )
        first = min(left for left, _bottom, _width, _height in bars)
        last = max(left + width for left, _bottom, width, _height in bars)
        label_left = column * LABEL_WIDTH_MM
        self.assertGreaterEqual(first - quiet_left * module_mm, label_left + LABEL_PADDING_MM - TOLERANCE_MM)
        self.assertLessEqual(
            last + quiet_right * module_mm, label_left + LABEL_WIDTH_MM - LABEL_PADDING_MM + TOLERANCE_MM
        )
        self.assertAlmostEqual(
            (first + last) / 2 - label_left,
            LABEL_WIDTH_MM / 2,
            delta=quiet_left * module_mm,
            msg="the barcode is centred on its label",
        )

    # EAN-13 arithmetic ------------------------------------------------------

    def test_check_digit_of_known_ean13_codes(self):
        self.assertEqual(self.labels._ean13_check_digit("400638133393"), 1)
        self.assertEqual(self.labels._ean13_check_digit("590123412345"), 7)
        self.assertEqual(self.labels._ean13_check_digit("978020137962"), 4)
        self.assertEqual(self.labels._ean13_check_digit("200000000001"), 5)
        self.assertEqual(self.labels._ean13_check_digit("000000000000"), 0)
        for code in ("4006381333931", "5901234123457", "9780201379624", "2000000000015"):
            self.assertTrue(self.labels._is_valid_ean13(code), code)
        for code in (
            "4006381333932",
            "400638133393",
            "40063813339310",
            "40063813339A1",
            "",
            False,
            None,
            "٤٠٠٦٣٨١٣٣٣٩٣١",
        ):
            self.assertFalse(self.labels._is_valid_ean13(code), code)

    def test_internal_ean13_is_prefix_number_and_check_digit(self):
        self.assertEqual(self.labels._internal_ean13("20", 1), "2000000000015")
        self.assertEqual(self.labels._internal_ean13("2999999", 99999), "2999999999991")
        self.assertEqual(self.labels._internal_ean13("2012", 345), "2012000003453")
        with self.assertRaises(UserError):
            self.labels._internal_ean13("2999999", 100000)

    def test_valid_ean13_prints_as_ean13_anything_else_as_code128(self):
        self.assertEqual(self.labels._barcode_symbology("5901234123457"), "ean13")
        for code in ("5901234123458", "590123412345", "SHELF-A-01", "WH/Stock"):
            self.assertEqual(self.labels._barcode_symbology(code), "code128", code)

        self.assertEqual(self.labels._label_symbology("5901234123457"), "ean13")
        self.assertEqual(self.labels._label_symbology("5901234123457", "code128"), "code128")
        self.assertEqual(self.labels._label_symbology("SHELF-A-01"), "code128")
        self.assertFalse(self.labels._label_symbology("Café"), "Code 128 holds ASCII only")
        self.assertFalse(self.labels._label_symbology("TAB\tCODE"), "nor control characters")

    # Internal barcode generator -------------------------------------------

    def test_generator_numbers_products_without_barcode_and_skips_the_others(self):
        espresso = self._product("Espresso Beans")
        soap = self._product("Dish Soap")
        salt = self._product("Sea Salt")
        tea = self._product("Green Tea", barcode="TEA-0001")
        cocoa = self._product("Cocoa", barcode="4006381333931")
        wizard = self._generator(espresso | soap | salt | tea | cocoa)
        self.assertEqual(wizard.to_number_count, 3)
        self.assertEqual(wizard.skipped_count, 2)

        wizard.action_generate()

        codes = (espresso | soap | salt).mapped("barcode")
        self.assertEqual(len(set(codes)), 3)
        for code in codes:
            self.assertTrue(self.labels._is_valid_ean13(code), code)
            self.assertTrue(code.startswith("20"), code)
            self.assertEqual(
                self.env["product.product"]
                .with_context(active_test=False)
                .search_count([("barcode", "=", code)]),
                1,
            )
        self.assertEqual(tea.barcode, "TEA-0001")
        self.assertEqual(cocoa.barcode, "4006381333931")

    def test_generator_skips_a_number_another_product_already_uses(self):
        taken = self._next_internal_code()
        archived = self._product("Old Mug", barcode=taken, active=False)
        mug = self._product("New Mug")

        self._generator(mug).action_generate()

        self.assertEqual(mug.barcode, self._next_internal_code(offset=-1))
        self.assertNotEqual(mug.barcode, taken)
        self.assertEqual(archived.barcode, taken)

    def test_generator_uses_the_company_prefix(self):
        self.company.internal_barcode_prefix = "2712"
        candle = self._product("Candle")
        self._generator(candle).action_generate()
        self.assertTrue(candle.barcode.startswith("2712"))
        self.assertTrue(self.labels._is_valid_ean13(candle.barcode))

    def test_generator_from_templates_numbers_their_variants(self):
        template = self.env["product.template"].create({"name": "Notebook"})
        wizard_form = Form(
            self.env["product.barcode.generator"].with_context(
                active_model="product.template", active_ids=template.ids
            )
        )
        self.assertEqual(wizard_form.to_number_count, 1)
        self.assertEqual(wizard_form.skipped_count, 0)
        wizard = wizard_form.save()
        self.assertEqual(wizard.product_ids, template.product_variant_ids)
        wizard.action_generate()
        self.assertTrue(self.labels._is_valid_ean13(template.barcode))

    def test_generator_without_selection_takes_the_company_products_without_barcode(self):
        other_company = self.env["res.company"].create({"name": "Other Shop"})
        without = self._product("Paper Bag")
        shared = self._product("Gift Card")
        with_barcode = self._product("Jam", barcode="JAM-1")
        foreign = self._product("Foreign Jam", company_id=other_company.id)
        wizard = self.env["product.barcode.generator"].create({})
        self.assertIn(without, wizard.product_ids)
        self.assertIn(shared, wizard.product_ids)
        self.assertNotIn(with_barcode, wizard.product_ids)
        self.assertNotIn(foreign, wizard.product_ids)

    def test_generator_refuses_when_everything_has_a_barcode(self):
        wizard = self._generator(self._product("Honey", barcode="HONEY-1"))
        self.assertEqual(wizard.to_number_count, 0)
        with self.assertRaises(UserError):
            wizard.action_generate()

    def test_generator_refuses_a_prefix_the_nomenclature_reads_as_a_price(self):
        self.company.internal_barcode_prefix = "23"
        cheese = self._product("Cheese")
        with self.assertRaises(UserError):
            self._generator(cheese).action_generate()
        self.assertFalse(cheese.barcode)

    def test_stock_manager_generates_barcodes(self):
        bread = self._product("Bread")
        self._generator(bread).with_user(self.stock_manager).action_generate()
        self.assertTrue(self.labels._is_valid_ean13(bread.barcode))

    def test_bad_prefixes_are_refused(self):
        for prefix in ("2A", "AB", "2", "20123456", "30", "12", " 20", "２０", "2.5"):
            with self.subTest(prefix=prefix):
                with self.assertRaises(ValidationError):
                    with self.env.cr.savepoint():
                        self.company.internal_barcode_prefix = prefix
                        self.company.flush_recordset()
        for prefix in ("20", "29", "2012345"):
            self.company.internal_barcode_prefix = prefix
            self.assertEqual(self.company.internal_barcode_prefix, prefix)

    def test_prefix_setting_is_saved_on_the_company(self):
        self.assertEqual(self.env["res.company"].create({"name": "New Shop"}).internal_barcode_prefix, "20")
        with Form(self.env["res.config.settings"]) as settings:
            settings.internal_barcode_prefix = "245"
        settings.save().execute()
        self.assertEqual(self.company.internal_barcode_prefix, "245")

    # Label sheets -----------------------------------------------------------

    def test_product_labels_print_ean13_code128_and_skip_missing_barcodes(self):
        cocoa = self._product("Cocoa", barcode="5901234123457", default_code="COC-1", lst_price=4.5)
        tea = self._product("Green Tea", barcode="TEA-0001")
        salt = self._product("Sea Salt")

        pages = self._sheet(PRODUCT_LABELS, cocoa | tea | salt)

        self.assertEqual(len(pages), 1)
        text = page_text(pages[0])
        for shown in ("Cocoa", "COC-1", "4.50", "Green Tea", "TEA-0001"):
            self.assertIn(shown, text)
        # The EAN-13's digits under its bars: the first one left of them, then two groups of six.
        for digits in ("5\n", "901234", "123457"):
            self.assertIn(digits, text)
        self.assertNotIn("Sea Salt", text)
        self.assertNotIn("NOT PRINTABLE", text)
        labels = labels_of_page(pages[0])
        self.assertEqual(sorted(labels), [(0, 0), (0, 1)], "two labels, side by side on the first row")
        self.assertBarcodeFitsLabel(labels[0, 0], 0, EAN13_MODULE_MM, quiet_left=11, quiet_right=7)
        self.assertBarcodeFitsLabel(labels[0, 1], 1, CODE128_MODULE_MM, quiet_left=10, quiet_right=10)
        ean_width = max(left + width for left, _b, width, _h in labels[0, 0]) - min(
            left for left, _b, _w, _h in labels[0, 0]
        )
        self.assertAlmostEqual(
            ean_width,
            95 * EAN13_MODULE_MM,
            delta=TOLERANCE_MM,
            msg="95 modules from the first guard bar to the last",
        )

    def test_product_labels_carry_the_epc_of_a_new_rfid_tag_with_a_gs1_company_prefix(self):
        cocoa = self._product("Cocoa", barcode="5901234123457")
        tea = self._product("Green Tea", barcode="TEA-0001")
        other_prefix = self._product("Rice", barcode="4006381333931")
        self.assertNotIn("EPC", page_text(self._sheet(PRODUCT_LABELS, cocoa)[0]))
        self.company.gs1_company_prefix = "5901234"
        first = page_text(self._sheet(PRODUCT_LABELS, cocoa | tea | other_prefix)[0])
        second = page_text(self._sheet(PRODUCT_LABELS, cocoa)[0])
        # urn:epc:tag:sgtin-96:1.5901234.012345.<serial>, serials from the company's sequence
        self.assertEqual(
            [line.strip() for line in first.splitlines() if "EPC" in line], ["EPC 3035682EC80C0E4000000001"]
        )
        self.assertIn("EPC 3035682EC80C0E4000000002", second)
        self.assertEqual(epc_tools.decode("3035682EC80C0E4000000002").gtin, "05901234123457")
        for bad in ("12345", "12345678901234", "59O1234"):
            with self.assertRaises(ValidationError):
                self.company.gs1_company_prefix = bad

    def test_product_labels_from_templates(self):
        template = self.env["product.template"].create({"name": "Notebook", "barcode": "NOTE-1"})
        pages = self._sheet(TEMPLATE_LABELS, template)
        self.assertEqual(len(pages), 1)
        self.assertIn("Notebook", page_text(pages[0]))
        self.assertIn("NOTE-1", page_text(pages[0]))
        labels = labels_of_page(pages[0])
        self.assertEqual(list(labels), [(0, 0)])
        self.assertBarcodeFitsLabel(labels[0, 0], 0, CODE128_MODULE_MM, quiet_left=10, quiet_right=10)

    def test_product_labels_need_at_least_one_barcode(self):
        with self.assertRaises(UserError):
            self._render_pdf(PRODUCT_LABELS, self._product("Plain Bag") | self._product("Paper Bag"))

    def test_location_labels_print_code128_and_skip_missing_barcodes(self):
        shelf = self.env["stock.location"].create(
            {
                "name": "Shelf A1",
                "location_id": self.stock.id,
                "barcode": "5901234123457",
            }
        )
        bin_ = self.env["stock.location"].create({"name": "Bin 7", "location_id": self.stock.id})

        pages = self._sheet(LOCATION_LABELS, shelf | bin_)

        self.assertEqual(len(pages), 1)
        text = page_text(pages[0])
        self.assertIn(shelf.complete_name, text)
        self.assertIn("5901234123457", text)
        self.assertNotIn("Bin 7", text)
        labels = labels_of_page(pages[0])
        self.assertEqual(list(labels), [(0, 0)])
        # Code 128, even for a code that is a valid EAN-13.
        self.assertBarcodeFitsLabel(labels[0, 0], 0, CODE128_MODULE_MM, quiet_left=10, quiet_right=10)

    def test_location_labels_need_at_least_one_barcode(self):
        bin_ = self.env["stock.location"].create({"name": "Bin 8", "location_id": self.stock.id})
        with self.assertRaises(UserError):
            self._render_pdf(LOCATION_LABELS, bin_)

    def test_labels_fill_a4_sheets_of_three_by_eight_at_true_size(self):
        products = self.env["product.product"].create(
            [
                {
                    "name": f"Jam {number}",
                    "barcode": self.labels._internal_ean13("299", 90000 + number),
                }
                for number in range(25)
            ]
        )

        pages = self._sheet(PRODUCT_LABELS, products)

        self.assertEqual(len(pages), 2, "24 labels on the first sheet, the 25th on a second one")
        first, second = labels_of_page(pages[0]), labels_of_page(pages[1])
        self.assertEqual(sorted(first), [(row, column) for row in range(8) for column in range(3)])
        self.assertEqual(list(second), [(0, 0)])
        self.assertIn("Jam 0", page_text(pages[0]))
        self.assertIn("Jam 23", page_text(pages[0]))
        self.assertIn("Jam 24", page_text(pages[1]))
        self.assertNotIn("Jam 24", page_text(pages[0]))
        page_height = A4_POINTS[1] * POINT_MM
        # Every EAN-13 is 37.29 mm wide with its quiet zones, centred on its label, bars 15.6 mm
        # below the label's top edge: label n's bars sit exactly one label pitch from label n-1's.
        for (row, column), bars in [*first.items(), *[((0, 0), second[0, 0])]]:
            self.assertBarcodeFitsLabel(bars, column, EAN13_MODULE_MM, quiet_left=11, quiet_right=7)
            first_bar = min(left for left, _b, _w, _h in bars)
            top = max(bottom + height for _l, bottom, _w, height in bars)
            label_left = column * LABEL_WIDTH_MM
            symbol_left = label_left + (LABEL_WIDTH_MM - EAN13_SYMBOL_MM) / 2
            self.assertAlmostEqual(first_bar, symbol_left + 11 * EAN13_MODULE_MM, delta=TOLERANCE_MM)
            label_top = SHEET_TOP_MM + row * LABEL_HEIGHT_MM
            self.assertAlmostEqual(page_height - top, label_top + PRODUCT_BARS_TOP_MM, delta=TOLERANCE_MM)

    def test_long_names_are_cut_to_the_label(self):
        long_name = "Organic Fair Trade Dark Chocolate With Sea Salt And Caramelised Almonds Family Pack"
        chocolate = self._product(long_name, barcode="CHOC-1", default_code="CHOC-DARK-1")
        text = page_text(self._sheet(PRODUCT_LABELS, chocolate)[0])
        self.assertNotIn(long_name, text)
        self.assertIn("Organic Fair Trade", text)
        self.assertIn("\u2026", text, "what does not fit ends in an ellipsis")
        self.assertNotIn("Family Pack", text)

    def test_codes_no_barcode_can_hold_are_marked_not_drawn(self):
        cafe = self._product("Café Crème", barcode="Café-1")
        aisle = self.env["stock.location"].create(
            {
                "name": "Aisle",
                "location_id": self.stock.id,
                "barcode": "WH-STOCK-AISLE-01-SH-01",
            }
        )
        too_long = self.env["stock.location"].create(
            {
                "name": "Far Away",
                "location_id": self.stock.id,
                "barcode": "WH-STOCK-AISLE-0002-SHELF-01-BIN-0001-A",
            }
        )

        product_page = self._sheet(PRODUCT_LABELS, cafe)[0]
        self.assertIn("NOT PRINTABLE AS A BARCODE", page_text(product_page))
        self.assertIn("Café-1", page_text(product_page))
        self.assertFalse(labels_of_page(product_page), "no bars that would scan as another code")

        location_page = self._sheet(LOCATION_LABELS, aisle | too_long)[0]
        self.assertIn("NOT PRINTABLE AS A BARCODE", page_text(location_page))
        labels = labels_of_page(location_page)
        self.assertEqual(list(labels), [(0, 0)], "the code too long for the label gets no bars")
        # 23 characters: narrowed from 0.254 mm so that the code and its quiet zones fit.
        module = min(width for _l, _b, width, _h in labels[0, 0])
        self.assertLess(module, CODE128_MODULE_MM)
        self.assertGreaterEqual(module, 0.19)
        self.assertBarcodeFitsLabel(labels[0, 0], 0, module, quiet_left=10, quiet_right=10)

    def test_label_sheets_are_drawn_without_wkhtmltopdf(self):
        cocoa = self._product("Cocoa", barcode="5901234123457")
        report_model = type(self.env["ir.actions.report"])
        with patch.object(report_model, "_run_wkhtmltopdf", side_effect=AssertionError("wkhtmltopdf called")):
            self.assertTrue(self._render_pdf(PRODUCT_LABELS, cocoa).startswith(b"%PDF"))
        with self.assertRaises(UserError):
            self.env["ir.actions.report"]._render_qweb_html(PRODUCT_LABELS, cocoa.ids)
        self.assertEqual(self.env.ref(PRODUCT_LABELS).report_type, "qweb-pdf")

    def test_printing_lists_products_without_barcode_in_a_warning(self):
        cocoa = self._product("Cocoa", barcode="5901234123457")
        salt = self._product("Sea Salt")
        bag = self._product("Paper Bag")

        action = (cocoa | salt | bag).action_print_barcode_labels()

        self.assertEqual(action["tag"], "display_notification")
        self.assertEqual(action["params"]["type"], "warning")
        self.assertEqual(action["params"]["message"], "Sea Salt, Paper Bag")
        report = action["params"]["next"]
        self.assertEqual(report["report_name"], "perpetual_inventory.report_product_label")
        self.assertEqual(report["context"]["active_ids"], cocoa.ids)
        # All with a barcode: straight to the sheet.
        self.assertEqual(cocoa.action_print_barcode_labels()["type"], "ir.actions.report")
        with self.assertRaises(UserError):
            (salt | bag).action_print_barcode_labels()

    def test_print_menu_runs_through_the_warning(self):
        product_print = self.env.ref("perpetual_inventory.action_print_product_labels")
        self.assertEqual(product_print.binding_type, "report")
        self.assertFalse(self.env.ref(PRODUCT_LABELS).binding_model_id)
        template_print = self.env.ref("perpetual_inventory.action_print_product_template_labels")
        self.assertEqual(template_print.binding_type, "report")
        jar = self.env["product.template"].create({"name": "Jar", "barcode": "JAR-1"})
        lid = self.env["product.template"].create({"name": "Lid"})
        action = template_print.with_context(
            active_model="product.template",
            active_ids=(jar | lid).ids,
            active_id=jar.id,
        ).run()
        self.assertEqual(action["params"]["message"], "Lid")
        self.assertEqual(action["params"]["next"]["context"]["active_ids"], jar.product_variant_ids.ids)

    def test_label_sheet_has_three_columns_and_eight_rows(self):
        pages = self.labels._label_pages(list(range(50)))
        self.assertEqual([len(page) for page in pages], [8, 8, 1])
        self.assertEqual(pages[0][0], [0, 1, 2])
        self.assertEqual(pages[2], [[48, 49]])


@tagged("post_install", "-at_install")
class TestBarcodeLabelDownload(HttpCase):
    """The sheet as the web client gets it: Print › Barcode Labels runs a server action,
    whose report action the client then downloads."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clerk = new_test_user(
            cls.env, "label_clerk", password="label_clerk", groups="stock.group_stock_user"
        )
        cls.cocoa = cls.env["product.product"].create({"name": "Cocoa", "barcode": "5901234123457"})
        cls.salt = cls.env["product.product"].create({"name": "Sea Salt"})
        warehouse = cls.env["stock.warehouse"].search([("company_id", "=", cls.env.company.id)], limit=1)
        cls.shelf = cls.env["stock.location"].create(
            {
                "name": "Shelf Z9",
                "location_id": warehouse.lot_stock_id.id,
                "barcode": "SHELF-Z9",
            }
        )

    def _print_menu(self, action_xmlid, records):
        """The JSON-RPC answer of the Print menu entry ``action_xmlid`` run on ``records``."""
        payload = json.dumps(
            {
                "jsonrpc": "2.0",
                "method": "call",
                "id": 1,
                "params": {
                    "action_id": self.env.ref(action_xmlid).id,
                    "context": {
                        "active_model": records._name,
                        "active_ids": records.ids,
                        "active_id": records[:1].id,
                    },
                },
            }
        )
        response = self.url_open(
            "/web/action/run",
            data=payload,
            headers={"Content-Type": "application/json"},
        )
        self.assertEqual(response.status_code, 200)
        return response.json()

    def _download(self, report_action):
        ids = ",".join(str(record_id) for record_id in report_action["context"]["active_ids"])
        url = f"/report/pdf/{report_action['report_name']}/{ids}"
        return self.url_open(
            "/report/download?"
            + urlencode(
                {
                    "data": json.dumps([url, report_action["report_type"]]),
                    "context": json.dumps(report_action["context"]),
                }
            )
        )

    def test_inventory_user_prints_labels_without_write_access(self):
        self.assertFalse(self.env["product.template"].with_user(self.clerk).has_access("write"))
        self.authenticate("label_clerk", "label_clerk")
        template = self.cocoa.product_tmpl_id | self.salt.product_tmpl_id
        for action_xmlid, records, expected_name in (
            ("perpetual_inventory.action_print_product_labels", self.cocoa | self.salt, "Cocoa"),
            ("perpetual_inventory.action_print_product_template_labels", template, "Cocoa"),
            ("perpetual_inventory.action_print_location_labels", self.shelf, self.shelf.complete_name),
        ):
            with self.subTest(action=action_xmlid):
                answer = self._print_menu(action_xmlid, records)
                self.assertNotIn("error", answer, answer.get("error", {}).get("data", {}).get("message"))
                action = answer["result"]
                report = action["params"]["next"] if action["type"] == "ir.actions.client" else action
                self.assertTrue(
                    report["context"]["label_sheet"],
                    "the client downloads it without asking about wkhtmltopdf",
                )

                response = self._download(report)

                self.assertEqual(response.status_code, 200)
                self.assertEqual(response.headers["Content-Type"], "application/pdf")
                pages = PdfReader(io.BytesIO(response.content)).pages
                self.assertEqual(len(pages), 1)
                self.assertAlmostEqual(float(pages[0].mediabox.width), A4_POINTS[0], delta=0.01)
                self.assertIn(expected_name, page_text(pages[0]))
                self.assertEqual(len(labels_of_page(pages[0])), 1)
        disposition = response.headers["Content-Disposition"].replace("%20", " ").replace("%2F", "/")
        self.assertIn(f"Labels - {self.shelf.complete_name}.pdf", disposition)

    def test_users_outside_inventory_cannot_run_the_print_entries(self):
        new_test_user(self.env, "label_outsider", password="label_outsider", groups="base.group_user")
        self.authenticate("label_outsider", "label_outsider")
        answer = self._print_menu("perpetual_inventory.action_print_location_labels", self.shelf)
        self.assertEqual(answer["error"]["data"]["name"], "odoo.exceptions.AccessError")

    def test_print_entries_read_the_chosen_records_with_the_users_rights(self):
        other_company = self.env["res.company"].create({"name": "Other Shop"})
        foreign = self.env["product.product"].create(
            {
                "name": "Foreign Jam",
                "barcode": "JAM-9",
                "company_id": other_company.id,
            }
        )
        self.authenticate("label_clerk", "label_clerk")
        answer = self._print_menu("perpetual_inventory.action_print_product_labels", foreign)
        self.assertEqual(answer["error"]["data"]["name"], "odoo.exceptions.AccessError")

    def test_manager_prints_labels_from_the_product_list_whatever_wkhtmltopdf_says(self):
        """The web client downloads the sheet without asking about wkhtmltopdf, which would
        otherwise make it fall back to an HTML page when wkhtmltopdf is missing or broken."""
        espresso = self.env["product.template"].search([("name", "=", "Espresso Beans 1 kg")])
        self.assertTrue(espresso.barcode)
        label_report = type(self.env["report.perpetual_inventory.report_product_label"])
        render_label_sheet = label_report._render_label_sheet
        printed = []

        def record_print(report, docids):
            printed.append(list(docids))
            return render_label_sheet(report, docids)

        reports = type(self.env["ir.actions.report"])
        with (
            patch.object(reports, "get_wkhtmltopdf_state", return_value="broken"),
            patch.object(label_report, "_render_label_sheet", record_print),
        ):
            self.start_tour("/odoo", "perpetual_inventory_label_sheet_tour", login="manager")

        self.assertEqual(printed, [espresso.product_variant_ids.ids])
