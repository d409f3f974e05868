from odoo.exceptions import UserError, ValidationError
from odoo.tests import Form, TransactionCase, new_test_user, tagged

PRODUCT_LABELS = "perpetual_inventory.action_report_product_label"
TEMPLATE_LABELS = "perpetual_inventory.action_report_product_template_label"
LOCATION_LABELS = "perpetual_inventory.action_report_location_label"


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
        return self.env["product.barcode.generator"].with_context(
            active_model=records._name, active_ids=records.ids
        ).create({})

    def _next_internal_code(self, offset=0):
        self.sequence.invalidate_recordset(["number_next_actual"])
        number = self.sequence.number_next_actual + offset
        return self.labels._internal_ean13(self.company.internal_barcode_prefix, number)

    def _render_html(self, report, records):
        html, _report_type = self.env["ir.actions.report"]._render_qweb_html(report, records.ids)
        return html.decode()

    def _render_pdf(self, report, records):
        pdf, report_type = self.env["ir.actions.report"].with_context(
            force_report_rendering=True
        )._render_qweb_pdf(report, records.ids)
        self.assertEqual(report_type, "pdf")
        return pdf

    # EAN-13 arithmetic ------------------------------------------------------

    def test_check_digit_of_known_ean13_codes(self):
        self.assertEqual(self.labels._ean13_check_digit("400638133393"), 1)
        self.assertEqual(self.labels._ean13_check_digit("590123412345"), 7)
        self.assertEqual(self.labels._ean13_check_digit("978020137962"), 4)
        self.assertEqual(self.labels._ean13_check_digit("200000000001"), 5)
        self.assertEqual(self.labels._ean13_check_digit("000000000000"), 0)
        for code in ("4006381333931", "5901234123457", "9780201379624", "2000000000015"):
            self.assertTrue(self.labels._is_valid_ean13(code), code)
        for code in ("4006381333932", "400638133393", "40063813339310", "40063813339A1", "", False, None,
                     "٤٠٠٦٣٨١٣٣٣٩٣١"):
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

        ean_image = self.labels._barcode_image("5901234123457")
        self.assertTrue(ean_image.startswith("data:image/png;base64,"))
        self.assertEqual(ean_image, self.labels._barcode_image("5901234123457", "ean13"))
        self.assertNotEqual(ean_image, self.labels._barcode_image("5901234123457", "code128"))
        shelf_image = self.labels._barcode_image("SHELF-A-01")
        self.assertEqual(shelf_image, self.labels._barcode_image("SHELF-A-01", "code128"))
        self.assertFalse(self.labels._barcode_image("Café"), "Code 128 holds ASCII only")

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
            self.assertEqual(self.env["product.product"].with_context(active_test=False).search_count(
                [("barcode", "=", code)]), 1)
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
        wizard_form = Form(self.env["product.barcode.generator"].with_context(
            active_model="product.template", active_ids=template.ids
        ))
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
        cocoa = self._product("Cocoa", barcode="5901234123457", default_code="COC-1")
        tea = self._product("Green Tea", barcode="TEA-0001")
        salt = self._product("Sea Salt")
        products = cocoa | tea | salt

        html = self._render_html(PRODUCT_LABELS, products)

        self.assertIn(self.labels._barcode_image("5901234123457", "ean13"), html)
        self.assertIn(self.labels._barcode_image("TEA-0001", "code128"), html)
        self.assertIn('<div class="o_pi_label_code">5901234123457</div>', html)
        self.assertIn('<div class="o_pi_label_code">TEA-0001</div>', html)
        self.assertIn("COC-1", html)
        self.assertNotIn("Sea Salt", html)
        self.assertNotIn('class="o_pi_label_missing"', html)
        self.assertTrue(self._render_pdf(PRODUCT_LABELS, products).startswith(b"%PDF"))

    def test_product_labels_from_templates(self):
        template = self.env["product.template"].create({"name": "Notebook", "barcode": "NOTE-1"})
        html = self._render_html(TEMPLATE_LABELS, template)
        self.assertIn(self.labels._barcode_image("NOTE-1", "code128"), html)
        self.assertIn('<div class="o_pi_label_code">NOTE-1</div>', html)

    def test_product_labels_need_at_least_one_barcode(self):
        with self.assertRaises(UserError):
            self._render_html(PRODUCT_LABELS, self._product("Plain Bag") | self._product("Paper Bag"))

    def test_location_labels_print_code128_and_skip_missing_barcodes(self):
        shelf = self.env["stock.location"].create({
            "name": "Shelf A1", "location_id": self.stock.id, "barcode": "5901234123457",
        })
        bin_ = self.env["stock.location"].create({"name": "Bin 7", "location_id": self.stock.id})
        locations = shelf | bin_

        html = self._render_html(LOCATION_LABELS, locations)

        self.assertIn(self.labels._barcode_image("5901234123457", "code128", height=15.0), html,
                      "location labels are Code 128, even for a code that is a valid EAN-13")
        self.assertIn('<div class="o_pi_label_code">5901234123457</div>', html)
        self.assertIn(shelf.complete_name, html)
        self.assertNotIn(bin_.complete_name, html)
        self.assertNotIn('class="o_pi_label_missing"', html)
        self.assertTrue(self._render_pdf(LOCATION_LABELS, locations).startswith(b"%PDF"))

    def test_location_labels_need_at_least_one_barcode(self):
        bin_ = self.env["stock.location"].create({"name": "Bin 8", "location_id": self.stock.id})
        with self.assertRaises(UserError):
            self._render_html(LOCATION_LABELS, bin_)

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
            active_model="product.template", active_ids=(jar | lid).ids, active_id=jar.id,
        ).run()
        self.assertEqual(action["params"]["message"], "Lid")
        self.assertEqual(action["params"]["next"]["context"]["active_ids"], jar.product_variant_ids.ids)

    def test_label_paper_format_prints_true_size_with_patched_wkhtmltopdf(self):
        paperformat = self.env.ref(PRODUCT_LABELS).paperformat_id
        self.assertEqual(paperformat, self.env.ref(LOCATION_LABELS).paperformat_id)
        args = self.env["ir.actions.report"]._build_wkhtmltopdf_args(paperformat, False)
        pairs = dict(zip(args, args[1:]))
        self.assertEqual(pairs["--page-size"], "A4")
        for margin in ("--margin-top", "--margin-bottom", "--margin-left", "--margin-right"):
            self.assertEqual(float(pairs[margin]), 0.0, margin)
        self.assertEqual(pairs["--dpi"], "96")
        self.assertIn("--disable-smart-shrinking", args)
        self.assertNotIn("--header-spacing", args)

    def test_label_sheet_has_three_columns_and_eight_rows(self):
        pages = self.labels._label_pages(list(range(50)))
        self.assertEqual([len(page) for page in pages], [8, 8, 1])
        self.assertEqual(pages[0][0], [0, 1, 2])
        self.assertEqual(pages[2], [[48, 49]])
