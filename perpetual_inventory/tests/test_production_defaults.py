from odoo.tests import tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


@tagged("post_install", "-at_install")
class TestProductionDefaults(AccountTestInvoicingCommon):
    """A company with a chart of accounts and no demo data works without hand configuration:
    every variance reason posts somewhere sensible, small differences have their reason, and
    someone is the stock accountant."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.company_data["company"]  # created and given its chart by the test class
        cls.reasons = cls.env["stock.variance.reason"].with_company(cls.company).search([])

    def _account_of(self, xmlid):
        return self.env.ref(xmlid).with_company(self.company).account_id

    def test_every_reason_has_an_adjustment_account(self):
        self.assertTrue(self.reasons)
        self.assertFalse(self.reasons.filtered(lambda reason: not reason.account_id))
        shrinkage = self._account_of("perpetual_inventory.reason_theft")
        differences = self._account_of("perpetual_inventory.reason_counting_difference")
        self.assertEqual((shrinkage.name, shrinkage.account_type), ("Inventory Shrinkage", "expense"))
        self.assertEqual(
            (differences.name, differences.account_type), ("Inventory Count Differences", "expense")
        )
        self.assertEqual(self._account_of("perpetual_inventory.reason_found_stock"), differences)
        self.assertEqual(self._account_of("perpetual_inventory.reason_unrecorded_damage"), shrinkage)
        self.assertEqual(
            self._account_of("perpetual_inventory.reason_baseline"),
            self.company.get_unaffected_earnings_account(),
        )
        self.assertEqual(shrinkage.company_ids, self.company)

    def test_small_differences_and_the_stock_accountant_are_set(self):
        self.assertEqual(
            self.company.count_adjustment_reason_id,
            self.env.ref("perpetual_inventory.reason_counting_difference"),
        )
        self.assertTrue(self.company.stock_accountant_id)
        self.assertTrue(
            self.company.stock_accountant_id.has_group("perpetual_inventory.group_stock_accountant")
        )

    def test_setting_up_again_keeps_what_the_accountant_chose(self):
        own = (
            self.env["account.account"]
            .with_company(self.company)
            .create(
                {
                    "name": "Theft (own)",
                    "code": "THEFT1",
                    "account_type": "expense",
                }
            )
        )
        self.env.ref("perpetual_inventory.reason_theft").with_company(self.company).account_id = own
        accounts_before = self.env["account.account"].search_count([("company_ids", "in", self.company.id)])

        self.company._setup_perpetual_inventory_defaults()

        self.assertEqual(self._account_of("perpetual_inventory.reason_theft"), own)
        self.assertEqual(
            self.env["account.account"].search_count([("company_ids", "in", self.company.id)]),
            accounts_before,
            "no duplicate accounts",
        )

    def test_a_new_company_gets_them_with_its_chart(self):
        company = self.env["res.company"].create({"name": "Second Shop"})
        self.env.user.company_ids += company
        self.env["account.chart.template"].try_loading("generic_coa", company=company, install_demo=False)
        theft_account = self.env.ref("perpetual_inventory.reason_theft").with_company(company).account_id
        self.assertEqual(theft_account.name, "Inventory Shrinkage")
        self.assertEqual(theft_account.company_ids, company)
        self.assertTrue(company.count_adjustment_reason_id)
        self.assertEqual(company.cogs_recognition, "delivery")
