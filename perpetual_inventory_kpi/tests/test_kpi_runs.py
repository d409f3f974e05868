from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from .kpi_common import KpiCommon


@tagged("post_install", "-at_install")
class TestKpiRuns(KpiCommon):
    """Re-runs, backfills, other companies, the job lock and bad input."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_data_2 = cls.setup_other_company(name="Second Shop Ltd")
        cls._setup_company_stock(cls.company_data_2)
        cls.olive_oil = cls._create_stock_product("Olive Oil", "fifo", cls.company_data_2)

    def _rows(self, company=None):
        return (
            self.env["stock.kpi.snapshot"]
            .sudo()
            .search(
                [("company_id", "=", (company or self.company).id)], order="date, warehouse_id, abc_class_id"
            )
        )

    def _figures(self, rows):
        return [
            (
                row.date,
                row.warehouse_id.id,
                row.abc_class_id.id,
                row.inventory_value,
                row.cogs_day,
                row.shrinkage_value,
                tuple(row.shrinkage_ids.mapped("value")),
            )
            for row in rows
        ]

    def test_rerunning_a_day_replaces_its_rows(self):
        self.company.scrap_requires_approval = False
        self._receive(self.beans, 10, 5.0)
        self._deliver(self.beans, 3)
        self.env["stock.scrap"].create(
            {
                "product_id": self.beans.id,
                "scrap_qty": 1,
                "location_id": self.warehouse.lot_stock_id.id,
                "variance_reason_id": self.damage.id,
                "company_id": self.company.id,
            }
        ).do_scrap()
        self._snapshot()
        first = self._rows()
        first_figures = self._figures(first)

        self._snapshot()

        again = self._rows()
        self.assertEqual(self._figures(again), first_figures)
        self.assertFalse(first.exists(), "the day's rows are replaced, not added to")
        self.assertEqual(len(again), 2, "all classes and class A")
        self.assertEqual(again.mapped("shrinkage_value"), [5.0, 5.0])

    def test_companies_have_their_own_rows(self):
        self._receive(self.beans, 10, 5.0)
        self._receive(self.olive_oil, 3, 7.0, company_data=self.company_data_2)
        both = self.company | self.company_data_2["company"]

        self.env["stock.kpi.snapshot"].sudo()._build_range(self.today, self.today, both)

        self.assertEqual(self._rows().filtered(lambda row: not row.abc_class_id).inventory_value, 50.0)
        second = self._rows(self.company_data_2["company"])
        self.assertEqual(second.mapped("inventory_value"), [21.0])
        self.assertEqual(second.warehouse_id, self.company_data_2["default_warehouse"])

        # Re-running one company's day leaves the other's rows alone.
        self._snapshot()
        self.assertEqual(self._rows(self.company_data_2["company"]), second)

    def test_backfill_takes_every_day_of_the_range(self):
        self._backdate(self._receive(self.beans, 10, 5.0), 3)
        wizard = (
            self.env["stock.kpi.backfill"]
            .with_user(self.manager)
            .create(
                {
                    "date_from": self._days_ago(4),
                    "date_to": self.today,
                }
            )
        )

        action = wizard.action_backfill()

        self.assertEqual(action["tag"], "perpetual_inventory_kpi.dashboard")
        rows = self._rows().filtered(lambda row: not row.abc_class_id)
        self.assertEqual(
            rows.mapped("date"),
            [self._days_ago(days) for days in (3, 2, 1, 0)],
            "4 days ago held nothing yet",
        )
        self.assertEqual(set(rows.mapped("inventory_value")), {50.0})

    def test_bad_ranges_are_refused_and_change_nothing(self):
        self._receive(self.beans, 10, 5.0)
        self._snapshot()
        before = self._figures(self._rows())
        Backfill = self.env["stock.kpi.backfill"].with_user(self.manager)
        cases = [
            (self._days_ago(1), self._days_ago(3), "after the last day"),
            (self._days_ago(1), self._days_ago(-1), "in the future"),
        ]
        for date_from, date_to, message in cases:
            with self.subTest(message), self.assertRaisesRegex(UserError, message):
                Backfill.create({"date_from": date_from, "date_to": date_to}).action_backfill()
        with self.assertRaisesRegex(UserError, "after the last day"):
            self.env["stock.kpi.snapshot"]._build_range(self.today, self._days_ago(1), self.company)
        self.assertEqual(self._figures(self._rows()), before)

    def test_targets_are_set_in_the_settings(self):
        arch = self.env["res.config.settings"].get_views([(False, "form")])["views"]["form"]["arch"]
        self.assertIn('name="kpi_target_count_coverage"', arch)
        self.assertEqual(
            (
                self.company.kpi_target_record_accuracy,
                self.company.kpi_target_pick_accuracy,
                self.company.kpi_target_stockout_rate,
            ),
            (98.0, 99.5, 2.0),
            "the design's targets",
        )
        self.env["res.config.settings"].with_company(self.company).create(
            {"kpi_target_pick_accuracy": 99.0}
        ).execute()
        self.assertEqual(self.company.kpi_target_pick_accuracy, 99.0)
        with self.assertRaisesRegex(ValidationError, "between 0 and 100"):
            self.company.kpi_target_pick_accuracy = 101.0

    def test_the_job_runs_once_when_two_workers_start_it(self):
        self._receive(self.beans, 10, 5.0)
        with self.env.registry.cursor() as other_worker:
            other_worker.execute(
                "SELECT pg_try_advisory_xact_lock(hashtext('perpetual_inventory'), "
                "hashtext('stock_kpi_snapshot'))"
            )
            self.env["stock.kpi.snapshot"]._cron_snapshot()
            self.assertFalse(self._rows(), "the other worker holds the job: this one does nothing")
            other_worker.rollback()

        self.env["stock.kpi.snapshot"]._cron_snapshot()

        self.assertEqual(
            self._rows().mapped("date"), [self.today] * 2, "yesterday had no stock: today's rows"
        )

    def test_the_job_catches_up_on_the_days_it_missed(self):
        self._backdate(self._receive(self.beans, 10, 5.0), 5)
        self._snapshot(self._days_ago(3))
        self._deliver(self.beans, 2)

        self.env["stock.kpi.snapshot"]._cron_snapshot()

        rows = self._rows().filtered(lambda row: not row.abc_class_id)
        self.assertEqual(rows.mapped("date"), [self._days_ago(days) for days in (3, 2, 1, 0)])
        self.assertEqual(rows.mapped("inventory_value"), [50.0, 50.0, 50.0, 40.0])
