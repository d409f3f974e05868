from lxml import etree

from odoo.exceptions import ValidationError
from odoo.tests import Form, TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestSettings(TransactionCase):
    def test_settings_section_is_in_inventory_settings(self):
        arch = self.env["res.config.settings"].get_views([(False, "form")])["views"]["form"]["arch"]
        block = etree.fromstring(arch).xpath(
            "//app[@name='stock']//block[@name='perpetual_inventory_setting_container']"
        )
        self.assertEqual(len(block), 1)
        self.assertEqual(block[0].get("title"), "Perpetual Inventory")
        field_names = {node.get("name") for node in block[0].iter("field")}
        self.assertEqual(
            field_names,
            {
                "cogs_recognition",
                "stock_accountant_id",
                "count_tolerance_percent",
                "count_tolerance_value",
                "variance_manager_limit",
                "count_adjustment_reason_id",
                "variance_finance_approver_ids",
                "double_count_value",
                "scrap_requires_approval",
                "internal_barcode_prefix",
                "gs1_company_prefix",
                "rfid_read_rate",
                "count_plausible_qty",
                "count_plausible_packs",
            },
        )

    def test_settings_save_on_the_company(self):
        with Form(self.env["res.config.settings"]) as settings:
            settings.count_tolerance_percent = 2.0
            settings.count_tolerance_value = 25.0
            settings.variance_manager_limit = 5000.0
            settings.count_plausible_qty = 500.0
            settings.count_plausible_packs = 4.0
            settings.gs1_company_prefix = "5901234"
            settings.rfid_read_rate = "band"
        settings.save().execute()
        company = self.env.company
        self.assertEqual((company.gs1_company_prefix, company.rfid_read_rate), ("5901234", "band"))
        self.assertEqual(company.count_tolerance_percent, 2.0)
        self.assertEqual(company.count_tolerance_value, 25.0)
        self.assertEqual(company.variance_manager_limit, 5000.0)
        self.assertEqual((company.count_plausible_qty, company.count_plausible_packs), (500.0, 4.0))

    def test_new_company_gets_the_field_defaults(self):
        company = self.env["res.company"].create({"name": "Defaults Co"})
        self.assertEqual(company.count_tolerance_percent, 5.0)
        self.assertEqual(company.count_tolerance_value, 50.0)
        self.assertEqual((company.count_plausible_qty, company.count_plausible_packs), (1000.0, 10.0))
        self.assertEqual(company.variance_manager_limit, 1000.0)
        self.assertEqual(company.rfid_read_rate, "hidden", "counts stay blind unless a manager decides")

    def test_bad_settings_are_refused(self):
        company = self.env.company
        for field_name, value in [
            ("count_tolerance_percent", -1.0),
            ("count_tolerance_percent", 101.0),
            ("count_tolerance_value", -0.01),
            ("variance_manager_limit", -10.0),
        ]:
            with self.subTest(field=field_name, value=value):
                before = company[field_name]
                with self.assertRaises(ValidationError):
                    with self.env.cr.savepoint():
                        company.write({field_name: value})
                company.invalidate_recordset()
                self.assertEqual(company[field_name], before)
