from datetime import datetime, time

from odoo import Command
from odoo.tests import tagged

from .kpi_common import KpiCommon


@tagged("post_install", "-at_install")
class TestKpiSnapshot(KpiCommon):
    """Every KPI of a day computed exactly from hand-made stock history."""

    def test_record_and_quantity_accuracy_by_class(self):
        session = self._count_session()
        self._decided_line(session, self.beans, 10, 10, True)
        self._decided_line(session, self.tea, 10, 8, False, state="confirmed")
        self._decided_line(session, self.soap, 20, 21, True, state="applied")
        self._decided_line(session, self.salt, 5, 5, True)
        # Not decided today: superseded by a recount, still to count, decided yesterday.
        self._decided_line(session, self.tea, 10, 3, False, state="recounted", location=self.bin_b)
        self._decided_line(session, self.beans, 0, 0, False, state="to_count", location=self.bin_b)
        self._decided_line(
            session, self.soap, 4, 0, False, state="variance", location=self.bin_b, day=self._days_ago(1)
        )

        rows = self._snapshot()

        self.assertEqual(
            set(rows), {"all", "A", "B"}, "unclassified sea salt counts in the all-classes row only"
        )
        self.assertEqual((rows["all"].count_lines, rows["all"].count_lines_ok), (4, 3))
        self.assertEqual(self._ratio(rows["all"], "record_accuracy"), 75.0)
        # 1 - (0 + 2 + 1 + 0) / (10 + 10 + 20 + 5)
        self.assertEqual(self._ratio(rows["all"], "quantity_accuracy"), 93.3333)
        self.assertEqual(self._ratio(rows["A"], "record_accuracy"), 50.0)
        self.assertEqual(self._ratio(rows["A"], "quantity_accuracy"), 90.0)
        self.assertEqual(self._ratio(rows["B"], "record_accuracy"), 100.0)
        self.assertEqual(self._ratio(rows["B"], "quantity_accuracy"), 95.0)

        yesterday = self._snapshot(self._days_ago(1))
        self.assertEqual((yesterday["all"].count_lines, yesterday["all"].count_lines_ok), (1, 0))
        self.assertEqual(self._ratio(yesterday["all"], "record_accuracy"), 0.0)
        self.assertEqual(self._ratio(yesterday["all"], "quantity_accuracy"), 0.0)

    def test_gains_never_offset_losses(self):
        session = self._count_session()
        self._decided_line(session, self.beans, 10, 12, False, state="confirmed")
        self._decided_line(session, self.tea, 10, 8, False, state="confirmed")

        row = self._snapshot()["all"]

        self.assertEqual(self._ratio(row, "record_accuracy"), 0.0)
        self.assertEqual(self._ratio(row, "quantity_accuracy"), 80.0, "1 - (2 + 2) / 20, not 1 - 0 / 20")

    def test_a_day_without_counts_or_sales_has_no_ratio(self):
        receipt = self._receive(self.salt, 1, 9.0)
        self._backdate(receipt, 5)

        row = self._snapshot(self._days_ago(2))["all"]

        self.assertEqual((row.count_lines, row.picked_lines, row.scheduled_lines), (0, 0, 0))
        for ratio in (
            "record_accuracy",
            "quantity_accuracy",
            "pick_accuracy",
            "dsi",
            "stockout_rate",
            "count_coverage",
        ):
            self.assertIsNone(self._ratio(row, ratio), ratio)
        self.assertEqual(self._ratio(row, "turnover"), 0.0, "stock that does not sell turns 0 times")
        self.assertEqual(row.inventory_value, 9.0)
        self.assertEqual((row.cogs_day, row.cogs_365), (0.0, 0.0))
        self.assertFalse(self._snapshot(self._days_ago(6)), "nothing existed yet: no row")

    def test_value_cogs_turnover_and_dsi(self):
        self._backdate(self._receive(self.beans, 10, 5.0), 100)  # +50.00
        self._backdate(self._deliver(self.beans, 2), 40)  # -10.00, COGS 10.00
        delivery = self._deliver(self.beans, 4)  # -20.00, COGS 20.00
        self._return(delivery, 1)  # +5.00, COGS -5.00

        rows = self._snapshot()

        for row in (rows["all"], rows["A"]):
            self.assertEqual(row.inventory_value, 25.0)
            self.assertEqual((row.cogs_day, row.cogs_30, row.cogs_365), (15.0, 15.0, 25.0))
            # Day-end values of the last 365 days: 50 x 101 days - 10 x 41 days - 20 + 5, / 365
            self.assertAlmostEqual(row.average_inventory_value, 4625 / 365, places=2)
            self.assertEqual(self._ratio(row, "turnover"), round(25 * 365 / 4625, 4))
            self.assertEqual(self._ratio(row, "dsi"), 185.0)
        self.assertNotIn("B", rows)

        yesterday = self._snapshot(self._days_ago(1))["all"]
        self.assertEqual(yesterday.inventory_value, 40.0)
        self.assertEqual((yesterday.cogs_day, yesterday.cogs_30, yesterday.cogs_365), (0.0, 0.0, 10.0))
        self.assertEqual(self._ratio(yesterday, "dsi"), 460.0)

    def _picks_shrinkage_and_stockouts_story(self):
        """Today: 4 delivery lines, a picking-error return of beans and a picking-error count
        variance on beans; tea scrapped to 0, salt delivered to -2."""
        self.company.scrap_requires_approval = False
        sample = self._create_stock_product("Free Sample", "fifo", self.company_data)  # no cost
        self._receive(self.beans, 10, 5.0)
        self._receive(self.tea, 5, 4.0)
        self._receive(sample, 2, 0.0)
        old_receipt, old_sale = self._receive(self.soap, 3, 2.0), self._deliver(self.soap, 3)
        self._backdate(old_receipt | old_sale, 100)  # sold 100 days ago: no longer stocked
        self.env["stock.warehouse.orderpoint"].create(
            {
                "product_id": self.tea.id,
                "warehouse_id": self.warehouse.id,
                "location_id": self.warehouse.lot_stock_id.id,
                "product_min_qty": 5,
                "product_max_qty": 10,
            }
        )

        first = self._deliver(self.beans, 1)
        self._deliver(self.beans, 1)
        self._deliver(self.salt, 2)  # none in stock: -2 on hand
        self._deliver(sample, 1)
        returned = self._return(first, 1)
        returned.return_reason_id = self.picking_error
        variance = self._posted_variance(self.beans, 8, 6, self.picking_error)  # -2 x 5.00
        scrap = self.env["stock.scrap"].create(
            {
                "product_id": self.tea.id,
                "scrap_qty": 5,
                "location_id": self.warehouse.lot_stock_id.id,
                "variance_reason_id": self.damage.id,
                "company_id": self.company.id,
            }
        )
        scrap.do_scrap()  # 5 x 4.00, no approval needed
        return returned, variance

    def test_picks_shrinkage_and_stockouts(self):
        self._picks_shrinkage_and_stockouts_story()

        rows = self._snapshot()

        all_row, a_row = rows["all"], rows["A"]
        self.assertEqual((all_row.picked_lines, all_row.pick_errors), (4, 2))
        self.assertEqual(self._ratio(all_row, "pick_accuracy"), 50.0)
        self.assertEqual((a_row.picked_lines, a_row.pick_errors), (2, 2))
        self.assertEqual(self._ratio(a_row, "pick_accuracy"), 0.0)

        # Stocked: beans (sold, 7 left), tea (reordering rule, 0 left), salt (sold, -2), sample (sold, 1).
        self.assertEqual((all_row.stocked_skus, all_row.stockout_skus), (4, 2))
        self.assertEqual(self._ratio(all_row, "stockout_rate"), 50.0)
        self.assertEqual((a_row.stocked_skus, a_row.stockout_skus), (2, 1))

        for row in (all_row, a_row):
            self.assertEqual(row.shrinkage_value, 30.0)
            self.assertEqual(
                {line.reason_id.code: line.value for line in row.shrinkage_ids}, {"PICK": 10.0, "DAMG": 20.0}
            )

    def _tile_records(self, kpi, day=None, abc_class=None):
        action = (
            self.env["stock.kpi.snapshot"]
            .with_user(self.manager)
            .action_open_kpi_records(
                kpi, str(day or self.today), self.warehouse.id, abc_class and self.classes[abc_class].id
            )
        )
        return self.env[action["res_model"]].with_user(self.manager).search(action["domain"])

    def test_pick_accuracy_and_stockout_tiles_open_the_records_they_counted(self):
        returned, variance = self._picks_shrinkage_and_stockouts_story()
        rows = self._snapshot()

        errors = self._tile_records("pick_accuracy")
        self.assertEqual(errors, returned.move_ids | variance.stock_move_id, "the return and the variance")
        self.assertEqual(len(errors), rows["all"].pick_errors)
        self.assertEqual(self._tile_records("pick_accuracy", abc_class="B"), self.env["stock.move"])
        self.assertFalse(self._tile_records("pick_accuracy", day=self._days_ago(1)))

        out = self._tile_records("stockout_rate")
        self.assertEqual(len(out), rows["all"].stockout_skus)
        self.assertEqual(
            {(line.product_id, line.warehouse_id, line.on_hand) for line in out},
            {(self.tea, self.warehouse, 0.0), (self.salt, self.warehouse, -2.0)},
        )
        class_a = self._tile_records("stockout_rate", abc_class="A")
        self.assertEqual((class_a.product_id, len(class_a)), (self.tea, rows["A"].stockout_skus))

        self._snapshot()  # the day taken again: its records are replaced, not added
        self.assertEqual(len(self._tile_records("stockout_rate")), 2)

    def test_stockouts_of_a_past_day_from_the_moves_since(self):
        self._backdate(self._receive(self.tea, 5, 4.0), 3)
        orderpoint = self.env["stock.warehouse.orderpoint"].create(
            {
                "product_id": self.tea.id,
                "warehouse_id": self.warehouse.id,
                "location_id": self.warehouse.lot_stock_id.id,
                "product_min_qty": 2,
                "product_max_qty": 5,
            }
        )
        self.env.cr.execute(
            "UPDATE stock_warehouse_orderpoint SET create_date = %s WHERE id = %s",
            [datetime.combine(self._days_ago(3), time(8)), orderpoint.id],
        )
        self._deliver(self.tea, 5)

        today, yesterday = self._snapshot()["all"], self._snapshot(self._days_ago(1))["all"]

        self.assertEqual((today.stocked_skus, today.stockout_skus), (1, 1))
        self.assertEqual((yesterday.stocked_skus, yesterday.stockout_skus), (1, 0), "5 on hand yesterday")
        self.assertEqual(self._ratio(yesterday, "stockout_rate"), 0.0)
        self.assertEqual(self._tile_records("stockout_rate").mapped("on_hand"), [0.0])
        self.assertFalse(self._tile_records("stockout_rate", day=self._days_ago(1)))

    def test_count_coverage_by_due_date(self):
        session = self._schedule_session(self.today)
        for product in (self.beans, self.tea, self.soap):
            self._scheduled_line(session, product, counted_day=self.today)
        self._scheduled_line(session, self.salt)
        self._scheduled_line(
            session, self.beans, reason="negative", location=self.bin_b, counted_day=self.today
        )
        late = self._schedule_session(self._days_ago(1))
        self._scheduled_line(late, self.beans, counted_day=self._days_ago(1))
        self._scheduled_line(late, self.tea, counted_day=self.today)

        rows = self._snapshot()

        self.assertEqual((rows["all"].scheduled_lines, rows["all"].scheduled_lines_done), (4, 3))
        self.assertEqual(self._ratio(rows["all"], "count_coverage"), 75.0)
        self.assertEqual(self._ratio(rows["A"], "count_coverage"), 100.0)
        yesterday = self._snapshot(self._days_ago(1))["all"]
        self.assertEqual(self._ratio(yesterday, "count_coverage"), 50.0, "the tea was counted a day late")

    def _schedule_session(self, day):
        return (
            self.env["stock.count.session"]
            .sudo()
            .create(
                {
                    "company_id": self.company.id,
                    "warehouse_id": self.warehouse.id,
                    "schedule_date": day,
                    "location_ids": [Command.set(self.bin_a.ids)],
                    "counter_ids": [Command.set(self.counter_1.ids)],
                }
            )
        )

    def _scheduled_line(self, session, product, reason="cycle", location=None, counted_day=None):
        return (
            self.env["stock.count.line"]
            .sudo()
            .create(
                {
                    "session_id": session.id,
                    "product_id": product.id,
                    "location_id": (location or self.bin_a).id,
                    "schedule_reason": reason,
                    "state": "counted" if counted_day else "to_count",
                    "counted_at": counted_day and datetime.combine(counted_day, time(15)),
                }
            )
        )
