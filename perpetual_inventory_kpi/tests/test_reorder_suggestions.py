import math
from datetime import datetime, time, timedelta

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from odoo.addons.perpetual_inventory_cyclecount.tests.common import CycleCountCommon

Z_95 = 1.6448536269514722  # NormalDist().inv_cdf(0.95)
Z_99 = 2.3263478740408408  # NormalDist().inv_cdf(0.99)


@tagged("post_install", "-at_install")
class TestReorderSuggestions(CycleCountCommon):
    """Five days of sales of Espresso Beans in the main warehouse:

    day -5: 4, day -4: none, day -3: 2 + 1, day -2: none, day -1: 5 sold and 1 returned
    → daily 4, 0, 3, 0, 4: total 11, mean 2.2, squares 41, σ² = 41/5 - 2.2² = 3.36.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.write(
            {"reorder_lead_time_days": 9.0, "reorder_review_days": 7.0, "reorder_service_level": 95.0}
        )
        cls.today = fields.Date.context_today(cls.env["stock.move"])
        cls.vendor_info = cls.env["product.supplierinfo"].create(
            [
                {
                    "partner_id": cls.vendor.id,
                    "product_tmpl_id": cls.beans.product_tmpl_id.id,
                    "delay": 4,
                    "sequence": 1,
                    "price": 5.0,
                },
                {
                    "partner_id": cls.customer.id,
                    "product_tmpl_id": cls.beans.product_tmpl_id.id,
                    "delay": 30,
                    "sequence": 2,
                    "price": 4.0,
                },
            ]
        )

    def _sell(self, product, qty, days_ago, company_data=None, return_qty=0.0):
        delivery = self._deliver(product, qty, company_data=company_data)
        moves = delivery.move_ids
        if return_qty:
            moves |= self._return(delivery, return_qty).move_ids
        self._date_moves(moves, days_ago)
        return delivery

    def _date_moves(self, moves, days_ago):
        moment = datetime.combine(self.today, time(12, 0)) - timedelta(days=days_ago)
        self.env.flush_all()
        self.env.cr.execute("UPDATE stock_move SET date = %s WHERE id IN %s", [moment, tuple(moves.ids)])
        moves.invalidate_recordset(["date"])

    def _sell_beans_story(self):
        self._receive(self.beans, 100, 5.0)
        self._sell(self.beans, 4, 5)
        self._sell(self.beans, 2, 3)
        self._sell(self.beans, 1, 3)
        self._sell(self.beans, 5, 1, return_qty=1)
        self._sell(self.beans, 50, 6)  # before the window
        self._sell(self.beans, 20, 0)  # today: after it

    def _run(self, **values):
        wizard = self.env["stock.reorder.suggestion.wizard"].create(dict({"window_days": 5}, **values))
        wizard.action_compute()
        return wizard

    def _suggestion(self, wizard, product):
        return wizard.suggestion_ids.filtered(lambda suggestion: suggestion.product_id == product)

    def test_safety_stock_and_reorder_point_from_daily_demand(self):
        self._sell_beans_story()
        wizard = self._run()
        beans = self._suggestion(wizard, self.beans)
        sigma = math.sqrt(3.36)
        safety = Z_95 * sigma * math.sqrt(4.0)  # the first vendor's lead time: 4 days
        self.assertEqual(len(beans), 1)
        self.assertEqual(beans.warehouse_id, self.warehouse)
        self.assertAlmostEqual(beans.total_demand, 11.0)
        self.assertAlmostEqual(beans.daily_demand, 2.2, places=4)
        self.assertAlmostEqual(beans.demand_std, 1.8330, places=4)
        self.assertEqual(beans.lead_time_days, 4.0)
        self.assertTrue(beans.vendor_lead_time)
        self.assertEqual(beans.service_level, 95.0)
        # Units: whole units, rounded up so that the safety stock is kept
        self.assertAlmostEqual(safety, 6.0301, places=4)
        self.assertEqual(beans.uom_id, self.env.ref("uom.product_uom_unit"))
        self.assertEqual(beans.safety_stock, 7.0)
        self.assertEqual(beans.reorder_point, 15.0)  # 2.2 × 4 + 6.0301 = 14.8301
        self.assertEqual(beans.max_qty, 31.0)  # 14.8301 + 2.2 × 7 = 30.2301
        self.assertEqual(beans.status, "new")
        self.assertFalse(wizard.suggestion_ids - beans, "no sale, no suggestion")

    def test_default_lead_time_and_class_service_level(self):
        self.vendor_info.unlink()
        self.classes["A"].service_level = 99.0
        self._set_class(self.beans, "A")
        self._sell_beans_story()
        beans = self._suggestion(self._run(), self.beans)
        self.assertEqual(beans.lead_time_days, 9.0)
        self.assertFalse(beans.vendor_lead_time)
        self.assertEqual(beans.service_level, 99.0)
        self.assertEqual(beans.abc_class_id, self.classes["A"])
        safety = Z_99 * math.sqrt(3.36) * 3.0  # √9
        self.assertEqual(beans.safety_stock, math.ceil(safety))  # 12.79 → 13
        self.assertEqual(beans.reorder_point, math.ceil(2.2 * 9 + safety))  # 32.59 → 33

    def test_fractional_unit_rounded_up_to_its_rounding(self):
        """The beans' story in kilograms (rounding 0.01): the same figures, rounded up to 0.01."""
        kilogram = self.env.ref("uom.product_uom_kgm")
        self.assertEqual(kilogram.rounding, 0.01)
        grounds = self._create_stock_product("Coffee Grounds", "fifo", self.company_data, cost=5.0)
        grounds.write({"uom_id": kilogram.id, "uom_po_id": kilogram.id})
        self.env["product.supplierinfo"].create(
            {"partner_id": self.vendor.id, "delay": 4, "product_tmpl_id": grounds.product_tmpl_id.id}
        )
        self._receive(grounds, 100, 5.0)
        self._sell(grounds, 4, 5)
        self._sell(grounds, 3, 3)
        self._sell(grounds, 5, 1, return_qty=1)
        suggestion = self._suggestion(self._run(), grounds)
        self.assertEqual(suggestion.uom_id, kilogram)
        self.assertAlmostEqual(suggestion.daily_demand, 2.2, places=4)
        self.assertEqual(suggestion.safety_stock, 6.04)  # 6.0301 kg
        self.assertEqual(suggestion.reorder_point, 14.84)  # 14.8301 kg
        self.assertEqual(suggestion.max_qty, 30.24)  # 30.2301 kg

    def test_exact_figures_stay_as_they_are(self):
        """3 units of tea a day, every day: no deviation, nothing to round up."""
        self._receive(self.tea, 100, 4.0)
        for days_ago in range(1, 6):
            self._sell(self.tea, 3, days_ago)
        tea = self._suggestion(self._run(), self.tea)
        self.assertEqual((tea.demand_std, tea.lead_time_days), (0.0, 9.0))
        self.assertEqual((tea.safety_stock, tea.reorder_point, tea.max_qty), (0.0, 27.0, 48.0))

    def test_returns_outweighing_sales_give_no_suggestion(self):
        self._receive(self.tea, 20, 4.0)
        self._sell(self.tea, 2, 2, return_qty=2)
        self.assertFalse(self._suggestion(self._run(), self.tea))

    def test_other_company_sales_stay_in_their_company(self):
        company_data_2 = self.setup_other_company()
        self._setup_company_stock(company_data_2)
        company_2 = company_data_2["company"]
        company_2.reorder_lead_time_days = 1.0
        honey = self._create_stock_product("Honey", "fifo", company_data_2)
        self._receive(honey, 50, 2.0, company_data=company_data_2)
        self._sell(honey, 10, 1, company_data=company_data_2)
        self._sell_beans_story()
        mine = self._run()
        self.assertEqual(mine.suggestion_ids.product_id, self.beans)
        theirs = (
            self.env["stock.reorder.suggestion.wizard"].with_company(company_2).create({"window_days": 2})
        )
        self.assertEqual(theirs.default_lead_time_days, 1.0)
        theirs.action_compute()
        self.assertEqual(theirs.suggestion_ids.product_id, honey)
        self.assertEqual(theirs.suggestion_ids.company_id, company_2)
        # days 10, 0: mean 5, σ = 5, lead time 1
        self.assertEqual(theirs.suggestion_ids.reorder_point, math.ceil(5 + Z_95 * 5))  # 13.22 → 14

    def test_apply_creates_and_updates_rules_in_one_go(self):
        self._sell_beans_story()
        self._receive(self.soap, 30, 2.0)
        self._sell(self.soap, 5, 2)
        rule = self.env["stock.warehouse.orderpoint"].create(
            {
                "product_id": self.soap.id,
                "warehouse_id": self.warehouse.id,
                "location_id": self.warehouse.lot_stock_id.id,
                "product_min_qty": 1,
                "product_max_qty": 2,
            }
        )
        wizard = self._run(review_days=0.0)
        soap = self._suggestion(wizard, self.soap)
        self.assertEqual((soap.status, soap.orderpoint_id, soap.current_min_qty), ("change", rule, 1.0))
        wizard.suggestion_ids.action_apply()
        self.assertEqual(
            (rule.product_min_qty, rule.product_max_qty), (soap.reorder_point, soap.reorder_point)
        )
        beans_rule = self.env["stock.warehouse.orderpoint"].search([("product_id", "=", self.beans.id)])
        self.assertEqual(beans_rule.warehouse_id, self.warehouse)
        self.assertEqual(beans_rule.location_id, self.warehouse.lot_stock_id)
        self.assertEqual(beans_rule.product_min_qty, 15.0)
        self.assertEqual(set(wizard.suggestion_ids.mapped("status")), {"same"})
        rerun = self._run(review_days=0.0)
        self.assertEqual(set(rerun.suggestion_ids.mapped("status")), {"same"})

    def test_bad_input_is_refused_and_nothing_is_computed(self):
        self._sell_beans_story()
        Wizard = self.env["stock.reorder.suggestion.wizard"]
        for values, message in [
            ({"service_level": 49.9}, "service level lies between"),
            ({"service_level": 99.95}, "service level lies between"),
            ({"default_lead_time_days": -1.0}, "cannot be negative"),
            ({"review_days": -2.0}, "cannot be negative"),
            ({"window_days": 0}, "at least one day"),
            ({"window_days": -5}, "at least one day"),
        ]:
            with self.subTest(values=values), self.assertRaisesRegex(ValidationError, message):
                with self.env.cr.savepoint():
                    Wizard.create(values)
        self.assertFalse(Wizard.search([]))
        self.assertFalse(self.env["stock.reorder.suggestion"].search([]))
        for values in (
            {"reorder_service_level": 100.0},
            {"reorder_lead_time_days": -1.0},
            {"reorder_window_days": 0},
        ):
            with self.subTest(values=values), self.assertRaises(ValidationError):
                with self.env.cr.savepoint():
                    self.company.write(values)
        self.assertEqual(self.company.reorder_service_level, 95.0)
        with self.assertRaisesRegex(ValidationError, "service level lies between"):
            self.classes["A"].service_level = 99.99

    def test_defaults_are_company_settings(self):
        arch = self.env["res.config.settings"].get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="perpetual_inventory_reorder_setting_container"', arch)
        settings = self.env["res.config.settings"].create(
            {"reorder_service_level": 97.5, "reorder_window_days": 30}
        )
        settings.execute()
        self.assertEqual(
            (self.env.company.reorder_service_level, self.env.company.reorder_window_days), (97.5, 30)
        )
        wizard = self.env["stock.reorder.suggestion.wizard"].create({})
        self.assertEqual(
            (wizard.service_level, wizard.window_days, wizard.default_lead_time_days, wizard.review_days),
            (97.5, 30, 9.0, 7.0),
        )
