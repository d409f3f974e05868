from odoo import fields
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestDemoData(TransactionCase):
    """The demo company is classified, has a year's schedule and today's counts."""

    def test_demo_company_is_classified(self):
        company = self.env.ref("base.main_company")
        retail = self.env["product.product"].search([("default_code", "=like", "RT%")])
        self.assertEqual(len(retail), 40)
        self.assertEqual(retail.abc_class_id.company_id, company)
        self.assertEqual(set(retail.abc_class_id.mapped("code")), {"A", "B", "C"})
        self.assertTrue(all(retail.mapped("abc_classified_date")))

    def test_shop_has_todays_count_and_a_year_of_schedule(self):
        shop = self.env.ref("perpetual_inventory.warehouse_shop")
        today = fields.Date.context_today(shop)
        counters = self.env.ref("perpetual_inventory.user_counter") | self.env.ref(
            "perpetual_inventory.user_counter_2"
        )
        self.assertEqual(shop.count_counter_ids, counters)
        session = self.env["stock.count.session"].search(
            [("warehouse_id", "=", shop.id), ("schedule_date", "=", today)]
        )
        self.assertEqual((session.kind, session.state), ("cycle", "in_progress"))
        self.assertTrue(session.line_ids)
        self.assertLessEqual(session.line_ids.counter_id, counters)
        schedule = self.env["stock.count.schedule"].search([("warehouse_id", "=", shop.id)])
        self.assertEqual(len(schedule.filtered("is_forecast")), 365, "the shop counts every day")
        action = (
            self.env["stock.count.session"]
            .with_user(session.line_ids.counter_id[0])
            .action_open_todays_counts()
        )
        self.assertEqual(action["tag"], "perpetual_inventory.count_screen")

    def test_the_waiting_variance_asked_for_a_recount(self):
        exception = self.env["stock.count.exception"].search([("reason", "=", "recount")])
        self.assertEqual(len(exception), 1)
        self.assertEqual(exception.warehouse_id, self.env.ref("stock.warehouse0"))
