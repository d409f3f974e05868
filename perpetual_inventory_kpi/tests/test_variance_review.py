from datetime import date

from dateutil.relativedelta import relativedelta
from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .review_common import ReviewCommon


@tagged("post_install", "-at_install")
class TestVarianceReview(ReviewCommon):
    def test_recurring_causes_of_the_quarter(self):
        review = self._review()
        self.assertEqual((review.date_from, review.date_to), (date(2026, 4, 1), date(2026, 6, 30)))
        self.assertEqual(
            self._rows(review.reason_line_ids, "reason_id"),
            [
                (self.theft, 2, -4.0, -40.0),
                (self.found, 1, 2.0, 8.0),
            ],
        )
        self.assertEqual(
            self._rows(review.location_line_ids, "location_id"),
            [
                (self.bin_a, 2, -4.0, -40.0),
                (self.bin_b, 1, 2.0, 8.0),
            ],
        )
        self.assertEqual(
            self._rows(review.product_line_ids, "product_id"),
            [
                (self.beans, 2, -4.0, -40.0),
                (self.soap, 1, 2.0, 8.0),
            ],
        )
        # Colin counted V2 and V3: 2 variances like Carla, whose are worth more
        self.assertEqual(
            self._rows(review.counter_line_ids, "counter_id"),
            [
                (self.counter_1, 2, -4.0, -40.0),
                (self.counter_2, 2, 1.0, -2.0),
            ],
        )
        self.assertEqual(review.variance_count, 3)

    def test_shrinkage_and_accuracy_by_class(self):
        review = self._review()
        self.assertEqual(self._rows(review.shrinkage_line_ids, "product_id"), [(self.beans, 2, -4.0, 40.0)])
        self.assertEqual(review.shrinkage_value, 40.0)
        accuracy = [
            (line.abc_class_id.code, line.counted_lines, line.accurate_lines, round(line.accuracy, 2))
            for line in review.accuracy_line_ids
        ]
        self.assertEqual(accuracy, [("A", 3, 2, 66.67), ("C", 1, 1, 100.0)])
        self.assertEqual(review.record_accuracy, 75.0)

    def test_other_quarters_and_recomputation(self):
        review = self._review(quarter="3")
        self.assertEqual(self._rows(review.reason_line_ids, "reason_id"), [(self.theft, 1, -4.0, -16.0)])
        self.assertEqual(review.accuracy_line_ids.mapped("counted_lines"), [1])
        review.quarter = "2"
        self.assertEqual(review.variance_count, 3)
        self._variance(
            self.soap, self.bin_b, self.theft, 3, 2, "posted", -4.0, self.counter_1, "2026-05-20 10:00:00"
        )
        review.action_compute_figures()
        self.assertEqual(review.variance_count, 4)
        self.assertEqual(review.shrinkage_value, 44.0)
        review.action_close()
        with self.assertRaisesRegex(UserError, "closed review"):
            review.action_compute_figures()
        with self.assertRaisesRegex(UserError, "closed review"):
            review.quarter = "1"
        self.assertEqual(review.variance_count, 4)

    def test_one_review_per_company_and_quarter(self):
        self._review()
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"), self.env.cr.savepoint():
            self._review()
        with self.assertRaisesRegex(ValidationError, "not a year"):
            self._review(year=26)

    def test_corrective_action_gives_its_owner_an_activity(self):
        review = self._review()
        review.action_ids = [
            (0, 0, {"name": "Lock the cage", "owner_id": self.manager.id, "deadline": "2026-08-15"})
        ]
        action = review.action_ids
        activity = review.activity_ids
        self.assertEqual(
            (activity.user_id, activity.summary, activity.date_deadline),
            (self.manager, "Lock the cage", date(2026, 8, 15)),
        )
        self.assertEqual(action.activity_id, activity)
        action.write({"owner_id": self.counter_1.id, "deadline": "2026-09-01"})
        self.assertEqual(review.activity_ids, activity, "the same activity, moved")
        self.assertEqual((activity.user_id, activity.date_deadline), (self.counter_1, date(2026, 9, 1)))
        action.done = True
        self.assertFalse(review.activity_ids)
        self.assertIn(
            "Lock the cage",
            review.message_ids[0].body
            + (review.message_ids[0].subject or "")
            + " ".join(review.message_ids.mapped("preview")),
        )

    def test_pdf_report(self):
        review = self._review(conclusion="<p>Lock the coffee cage.</p>")
        report = self.env.ref("perpetual_inventory_kpi.action_report_variance_review")
        html = str(self.env["ir.actions.report"]._render_qweb_html(report.report_name, review.ids)[0])
        for text in (
            "Recurring causes by reason",
            "Theft",
            "Espresso Beans",
            "A-01",
            "Carla Counter",
            "66.67 %",
            "75.00 %",
            "Lock the coffee cage.",
        ):
            self.assertIn(text, html)
        pdf, kind = (
            self.env["ir.actions.report"]
            .with_context(force_report_rendering=True)
            ._render_qweb_pdf(report.report_name, review.ids)
        )
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        attachments = self.env["ir.attachment"].search(
            [("res_model", "=", review._name), ("res_id", "=", review.id)]
        )
        self.assertFalse(attachments, "a review in progress is not filed")
        review.action_close()
        self.env["ir.actions.report"].with_context(force_report_rendering=True)._render_qweb_pdf(
            report.report_name, review.ids
        )
        filed = self.env["ir.attachment"].search(
            [("res_model", "=", review._name), ("res_id", "=", review.id)]
        )
        self.assertEqual(filed.mapped("name"), ["Variance review 2026 Q2.pdf"])


@tagged("post_install", "-at_install")
class TestVarianceReviewDemo(ReviewCommon):
    def test_demo_has_the_review_of_the_last_quarter(self):
        last_quarter = date.today().replace(day=1) - relativedelta(months=3)
        review = (
            self.env["stock.variance.review"]
            .sudo()
            .search([("company_id", "=", self.env.ref("base.main_company").id)])
        )
        self.assertEqual(len(review), 1)
        self.assertEqual(
            (review.year, review.quarter), (last_quarter.year, str((last_quarter.month - 1) // 3 + 1))
        )
        self.assertTrue(review.computed_at)
        self.assertEqual(review.action_ids.activity_id.res_id, review.id)

    def test_menus_for_managers_only(self):
        manager_group = self.env.ref("perpetual_inventory.group_manager")
        for xmlid in (
            "perpetual_inventory_kpi.menu_stock_variance_review",
            "perpetual_inventory_kpi.menu_stock_reorder_suggestion",
        ):
            menu = self.env.ref(xmlid)
            self.assertTrue(menu.action)
            visible_to_manager = menu.with_user(self.manager)._filter_visible_menus()
            visible_to_counter = menu.with_user(self.counter_1)._filter_visible_menus()
            self.assertEqual((bool(visible_to_manager), bool(visible_to_counter)), (True, False), xmlid)
        self.assertIn(
            manager_group, self.env.ref("perpetual_inventory_kpi.menu_stock_reorder_suggestion").groups_id
        )
