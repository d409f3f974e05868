from datetime import timedelta

from odoo import fields
from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestKpiDemo(TransactionCase):
    """The demo company has 90 days of snapshots, backfilled from its history."""

    def test_ninety_days_of_trends(self):
        company = self.env.ref("base.main_company")
        rows = self.env["stock.kpi.snapshot"].search(
            [("company_id", "=", company.id), ("abc_class_id", "=", False)]
        )
        days = sorted(set(rows.mapped("date")))
        self.assertEqual(len(days), 90)
        self.assertEqual(days[-1] - days[0], timedelta(days=89))
        self.assertLessEqual(days[-1], fields.Date.today())
        self.assertTrue(all(rows.mapped("inventory_value")))
        self.assertGreater(len(rows.filtered("cogs_day").mapped("date")), 30, "sales on most days")
        self.assertTrue(rows.filtered("count_lines"), "the demo counts are in")
        self.assertTrue(rows.filtered("shrinkage_value"), "and the demo's posted losses")
        self.assertTrue(
            self.env["stock.kpi.snapshot"].search_count(
                [("company_id", "=", company.id), ("abc_class_id", "!=", False)]
            ),
            "rows per ABC class too",
        )
