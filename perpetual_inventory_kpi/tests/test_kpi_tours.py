from datetime import date, datetime, time, timedelta

from odoo.tests import HttpCase, tagged

from .review_common import ReviewCommon


@tagged("post_install", "-at_install")
class TestKpiTours(ReviewCommon, HttpCase):
    """The manager's screens in Chromium: reorder suggestions applied, a review completed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager.password = cls.manager.login

    def test_reorder_suggestions_applied_from_the_list(self):
        self._receive(self.beans, 50, 5.0)
        delivery = self._deliver(self.beans, 6)
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE stock_move SET date = %s WHERE id IN %s",
            [datetime.combine(date.today(), time(12)) - timedelta(days=2), tuple(delivery.move_ids.ids)],
        )
        self.start_tour(
            "/odoo/action-perpetual_inventory_kpi.action_stock_reorder_suggestion_wizard",
            "perpetual_inventory_kpi_reorder_tour",
            login=self.manager.login,
        )
        rule = self.env["stock.warehouse.orderpoint"].search([("product_id", "=", self.beans.id)])
        self.assertEqual(rule.warehouse_id, self.warehouse)
        self.assertGreater(rule.product_min_qty, 6 / 5 * self.company.reorder_lead_time_days)

    def test_review_completed_with_a_corrective_action(self):
        review = self._review()
        self.start_tour(
            "/odoo/action-perpetual_inventory_kpi.action_stock_variance_review",
            "perpetual_inventory_kpi_review_tour",
            login=self.manager.login,
        )
        self.assertEqual(review.action_ids.mapped("name"), ["Lock the cage"])
        self.assertEqual(
            (review.activity_ids.user_id, review.activity_ids.date_deadline),
            (self.manager, date(2026, 9, 30)),
        )
