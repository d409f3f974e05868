import math
from collections import Counter
from datetime import date, datetime, time, timedelta

from psycopg2 import IntegrityError

from odoo import Command, fields
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.perpetual_inventory.tests.rpc_common import RpcCommon
from odoo.addons.perpetual_inventory.tests.screen_common import open_window_action

from .common import CycleCountCommon, counting_days

FEB_2 = date(2026, 2, 2)  # a Monday; 22 working days of 2026 before it


@tagged("post_install", "-at_install")
class TestSchedule(CycleCountCommon):
    """The daily cycle count of a warehouse counted Monday to Friday by two counters.

    Bins in walking order (corridor): Z-01, then A-02, then M-03 — not their alphabetical order.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        stock = cls.warehouse.lot_stock_id
        cls.bins = cls.env["stock.location"].create(
            [
                {"name": name, "location_id": stock.id, "posx": posx}
                for name, posx in (("Z-01", 1), ("A-02", 2), ("M-03", 3))
            ]
        )

    def _products(self, count, code, prefix):
        products = self.env["product.product"].create(
            [
                {
                    "name": f"{prefix} {number:03d}",
                    "is_storable": True,
                    "company_id": self.company.id,
                }
                for number in range(count)
            ]
        )
        self._set_class(products, code)
        return products

    def _stock_everywhere(self, products):
        for product in products:
            for location in self.bins:
                self._put(product, location, 5)

    def _build(self, day):
        return self.warehouse._build_cycle_count(day)

    def _stocked_on(self, products, day):
        """The products' stock was recorded on ``day`` (the day they became countable)."""
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE stock_quant SET create_date = %s WHERE product_id = ANY(%s)",
            (datetime.combine(day, time(9, 0)), products.ids),
        )
        self.env.invalidate_all()

    def _counted_on(self, entries):
        """History: a done count with lines [(product, location, day counted)]."""
        done = self._session(self.bins[0], self.counter_1, kind="cycle")
        done.sudo().line_ids = [
            Command.create(
                {
                    "product_id": product.id,
                    "location_id": location.id,
                    "counter_id": self.counter_1.id,
                    "state": "applied",
                    "counted_at": datetime.combine(day, time(9, 0)),
                    "count_round": 1,
                }
            )
            for product, location, day in entries
        ]

    def _schedule(self, day):
        return self.env["stock.count.schedule"].search(
            [("warehouse_id", "=", self.warehouse.id), ("date", "=", day), ("is_forecast", "=", False)]
        )

    def _run_days(self, days):
        """Build and count each day's list: [(lines, catch-up share, planned to clear by, overdue)]."""
        figures = []
        for day in days:
            session = self._build(day)
            self._count_list(session, day)
            schedule = self._schedule(day)
            figures.append(
                (
                    len(session.line_ids),
                    schedule.catch_up_count,
                    schedule.clear_by_date,
                    schedule.overdue_count,
                )
            )
        return figures

    # Due dates ------------------------------------------------------------------

    def test_exact_due_dates(self):
        self._set_class(self.beans, "A")
        self._set_class(self.soap, "B")
        self._set_class(self.tea, "C")
        never = self._products(1, "N", "Never counted")
        for product in self.beans | self.soap | self.tea | never:
            self._put(product, self.bin_a, 3)
        self._stocked_on(never, date(2026, 1, 10))  # a Saturday
        done = self._session(self.bin_a, self.counter_1, kind="cycle")
        # One line per stock and round: the tea counted on the 3rd was recounted on the 10th.
        done.sudo().line_ids = [
            Command.create(
                {
                    "product_id": product.id,
                    "location_id": self.bin_a.id,
                    "counter_id": self.counter_1.id,
                    "state": "applied",
                    "counted_at": datetime(2026, 1, day, 9, 0),
                    "count_round": count_round,
                }
            )
            for product, day, count_round in (
                (self.beans, 10, 1),
                (self.soap, 10, 1),
                (self.tea, 3, 1),
                (self.tea, 10, 2),
            )
        ]
        items, _open = self.warehouse._cycle_count_items(FEB_2)
        due = {self.env["product.product"].browse(item.key[0]): item.due for item in items}
        self.assertEqual(due[self.beans], date(2026, 2, 9))  # A: + 30 days (365 / 12)
        self.assertEqual(due[self.soap], date(2026, 4, 11))  # B: + 91 days (365 / 4)
        self.assertEqual(due[self.tea], date(2026, 7, 11))  # C: + 182 days, from its last count
        self.assertEqual(
            due[never],
            date(2026, 7, 13),
            "never counted, alone stocked that day: due in "
            "the middle of its interval (working day 130 of 261 from January 10)",
        )

    # A leveled month ----------------------------------------------------------

    def test_a_leveled_month_of_daily_lists(self):
        a_products = self._products(60, "A", "Alpha")
        b_products = self._products(15, "B", "Beta")
        c_products = self._products(15, "C", "Gamma")
        self._stock_everywhere(a_products | b_products | c_products)
        self._stocked_on(a_products | b_products | c_products, FEB_2)
        # 180 A items every 30 days, 45 B every 91, 45 C every 182; 261 working days a year.
        load = (180 * 365 / 30 + 45 * 365 / 91 + 45 * 365 / 182) / 261 * 1.05
        self.assertAlmostEqual(load, 9.8995, places=3)

        sessions = self.env["stock.count.session"]
        working_days = self.warehouse._count_working_days(FEB_2, date(2026, 3, 1))
        self.assertEqual(len(working_days), 20)
        for day in working_days:
            session = self._build(day)
            self._count_list(session, day)
            sessions |= session
        sizes = [len(session.line_ids) for session in sessions]
        self.assertEqual(set(sizes), {9, 10})
        self.assertTrue(all(abs(size - load) / load <= 0.10 for size in sizes))
        self.assertEqual(sum(sizes), math.floor(load * 42) - math.floor(load * 22))  # 415 - 217 = 198
        self.assertEqual(sum(sizes), 198)
        # First counts spread: A's 180 over its 22 working days to March 3, B's 45 over 65
        # and C's 45 over 130, each counted by its first due date, nothing overdue.
        schedules = self.env["stock.count.schedule"].search([("warehouse_id", "=", self.warehouse.id)])
        self.assertEqual(set(schedules.mapped("overdue_count")), {0})
        self.assertEqual(set(schedules.mapped("catch_up_count")), {0})
        lines = sessions.line_ids
        # Due in February: 164 A, 14 B and 7 C; 13 more lines take the next ones early.
        self.assertEqual(Counter(line.abc_class_id.code for line in lines), {"A": 176, "B": 15, "C": 7})
        self.assertEqual(set(lines.mapped("schedule_reason")), {"cycle"})
        first = sessions.sorted("schedule_date")[0]
        self.assertEqual(
            (first.kind, first.state, first.schedule_date, first.warehouse_id),
            ("cycle", "in_progress", FEB_2, self.warehouse),
        )
        self.assertEqual(first.line_ids.location_id, self.bins[0], "day one: the first A items of Z-01")
        # The A items of February 2 are due again on March 4 (30 days): counted again by then.
        again = self.env["stock.count.session"]
        for day in (date(2026, 3, 2), date(2026, 3, 3), date(2026, 3, 4)):
            again |= self._build(day)
            self._count_list(again[-1:], day)
        keys = again.line_ids.mapped(lambda line: (line.product_id, line.location_id))
        first_a = first.line_ids.filtered(lambda line: line.abc_class_id.code == "A")
        self.assertEqual(len(first_a), 9)
        self.assertLessEqual(set(first_a.mapped(lambda line: (line.product_id, line.location_id))), set(keys))

    # First counts ---------------------------------------------------------------

    def test_a_go_live_spreads_first_counts_over_each_class_interval(self):
        """A new warehouse: 90 A items and 60 C items stocked on Monday February 2, none
        counted. A's first counts are due over the 22 working days of its 30 days, C's over
        the 130 of its 182, in walking order; the week's lists are at the load."""
        a_products = self._products(30, "A", "Alpha")
        c_products = self._products(20, "C", "Gamma")
        self._stock_everywhere(a_products | c_products)
        self._stocked_on(a_products | c_products, FEB_2)
        items, _open = self.warehouse._cycle_count_items(FEB_2)
        a_dues = Counter(item.due for item in items if item.interval == 30)
        c_dues = Counter(item.due for item in items if item.interval == 182)
        week = self.warehouse._count_working_days(FEB_2, date(2026, 2, 7))
        # The r-th of 90 A items is due on working day (2r + 1) × 22 // 180: 4 or 5 a day.
        self.assertEqual([a_dues[day] for day in week], [4, 4, 4, 4, 4])
        self.assertEqual([c_dues[day] for day in week], [0, 1, 0, 1, 0])
        self.assertEqual((min(a_dues), max(a_dues), len(a_dues)), (FEB_2, date(2026, 3, 3), 22))
        self.assertEqual(
            (min(c_dues), max(c_dues), sum(c_dues.values())), (date(2026, 2, 3), date(2026, 7, 30), 60)
        )
        first_a = [item for item in items if item.interval == 30 and item.due <= date(2026, 2, 10)]
        self.assertEqual({item.key[1] for item in first_a}, {self.bins[0].id}, "the route's start first")
        # (90 × 365 / 30 + 60 × 365 / 182) / 261 × 1.05 = 4.89 lines a day
        load = (90 * 365 / 30 + 60 * 365 / 182) / 261 * 1.05
        self.assertAlmostEqual(load, 4.8893, places=4)

        figures = self._run_days(week)

        self.assertEqual(figures, [(5, 0, False, 0)] * 5, "at the load, no catch-up, none overdue")
        items, _open = self.warehouse._cycle_count_items(date(2026, 2, 9))
        self.assertFalse([item for item in items if item.due < date(2026, 2, 9)], "nothing overdue")

    def test_never_counted_items_of_a_tiny_warehouse_are_counted_within_their_interval(self):
        """Three unclassified items (counted once a year) stocked on February 2, and a load
        of 0.012 lines a day: their first counts are due over the year's 261 working days,
        at working days 43, 130 and 217, and each is planned by its due date."""
        product = self.env["product.product"].create(
            {"name": "Spare part", "is_storable": True, "company_id": self.company.id}
        )
        self._stock_everywhere(product)
        self._stocked_on(product, FEB_2)
        items, _open = self.warehouse._cycle_count_items(FEB_2)
        dues = [date(2026, 4, 2), date(2026, 8, 3), date(2026, 12, 2)]
        self.assertEqual(sorted(item.due for item in items), dues)

        self.assertFalse(self._build(FEB_2), "none due yet")
        self.warehouse._refresh_count_forecast(FEB_2)

        forecast = self.env["stock.count.schedule"].search(
            [("warehouse_id", "=", self.warehouse.id), ("is_forecast", "=", True), ("planned_count", ">", 0)],
            order="date",
        )
        # April 2: the first, on its due date; the load's whole lines then take the next
        # ones early (the one due on August 3 on April 27, December 2's on August 20), and
        # on December 15 the first again, ahead of its next count.
        self.assertEqual(
            forecast.mapped(lambda row: (row.date, row.planned_count)),
            [(date(2026, 4, 2), 1), (date(2026, 4, 27), 1), (date(2026, 8, 20), 1), (date(2026, 12, 15), 1)],
        )
        session = self._build(date(2026, 4, 2))
        self.assertEqual(
            session.line_ids.location_id, self.bins[0], "the forecast holds: the first, on its due date"
        )

    # Backlogs: catch-up plans -------------------------------------------------------

    def _a_programme_stopped_for_40_days(self):
        """60 A items counted from December 3 to 23, 2025, 4 a working day, then nothing for
        40 days: on February 2 all are overdue (due January 2 to 22)."""
        products = self._products(20, "A", "Alpha")
        self._stock_everywhere(products)
        days = self.warehouse._count_working_days(date(2025, 12, 3), date(2025, 12, 24))
        self.assertEqual(len(days), 15)
        items = [(product, location) for location in self.bins for product in products]
        self._counted_on(
            [(product, location, days[number // 4]) for number, (product, location) in enumerate(items)]
        )
        return items

    def test_after_a_40_day_gap_the_backlog_is_a_catch_up_plan(self):
        self._a_programme_stopped_for_40_days()
        # 60 × 365 / 30 / 261 × 1.05 = 2.94 lines a day; horizon: A's 30 days, to March 3
        # (22 working days); share: (60 - 3) / 22 -> 3 lines a day.
        figures = self._run_days(self.warehouse._count_working_days(FEB_2, date(2026, 2, 21)))
        march_3 = date(2026, 3, 3)
        self.assertEqual(
            figures,
            [
                (6, 3, march_3, 54),
                (6, 3, march_3, 48),
                (6, 3, march_3, 42),
                (6, 3, march_3, 36),
                (6, 3, march_3, 30),
                (6, 3, march_3, 24),
                (6, 3, march_3, 18),
                (6, 3, march_3, 12),
                (6, 3, march_3, 6),
                (5, 3, march_3, 1),
                (3, 0, False, 0),
                (3, 0, False, 0),
                (3, 0, False, 0),
                (3, 0, False, 0),
                (3, 0, False, 0),
            ],
            "load + 3 a day, most overdue first, until the backlog is counted; then the load",
        )
        first = self.env["stock.count.session"].search(
            [("warehouse_id", "=", self.warehouse.id), ("schedule_date", "=", FEB_2)]
        )
        self.assertEqual(
            set(first.line_ids.mapped("product_id.name")),
            {"Alpha 000", "Alpha 001", "Alpha 002", "Alpha 003", "Alpha 004", "Alpha 005"},
            "counted on December 3 and 4: the most overdue",
        )

    def test_capacity_caps_a_catch_up_and_replans_what_does_not_fit(self):
        items = self._a_programme_stopped_for_40_days()
        self.warehouse.count_capacity = 2  # two counters: 4 lines a day, 1.2 above the load's 2.8
        days = self.warehouse._count_working_days(FEB_2, date(2026, 2, 28))
        figures = self._run_days(days)
        self.assertEqual(
            [lines for lines, _share, _clear_by, _overdue in figures], [4] * 15 + [3, 3, 3, 3, 3]
        )
        self.assertEqual(
            [overdue for _lines, _share, _clear_by, overdue in figures[:15]], list(range(56, -1, -4))
        )
        self.assertEqual(
            {clear_by for _lines, _share, clear_by, _overdue in figures[:14]},
            {date(2026, 4, 8)},
            "56 left at 1.2 lines a day: 47 working days",
        )
        counted = self.env["stock.count.line"].search(
            [
                ("session_id.warehouse_id", "=", self.warehouse.id),
                ("session_id.schedule_date", "<=", days[14]),
            ]
        )
        self.assertEqual(len(counted), 60)
        self.assertEqual(
            set(counted.mapped(lambda line: (line.product_id, line.location_id))),
            set(items),
            "nothing dropped: every overdue item counted once in 15 days",
        )

    # Walking order, counters and capacity -----------------------------------

    def test_counters_get_whole_locations_along_the_route_and_capacity_caps_the_list(self):
        self.classes["A"].counts_per_year = 365  # due every day: the load asks for 18 lines a day
        products = self._products(4, "A", "Alpha")
        self._stock_everywhere(products)
        self._stocked_on(products, FEB_2)
        self.warehouse.count_capacity = 4  # 2 counters: 8 lines a day
        self.warehouse.count_counter_ids = self.counter_1 | self.counter_2
        session = self._build(FEB_2)
        lines = session.line_ids
        self.assertEqual(len(lines), 8, "the load asks for more: capacity caps the list")
        self.assertEqual(
            [line.location_id for line in lines.sorted(lambda item: (item.location_id.posx, item.id))][::4],
            [self.bins[0], self.bins[1]],
        )
        self.assertEqual(
            lines.filtered(lambda line: line.location_id == self.bins[0]).counter_id, self.counter_1
        )
        self.assertEqual(
            lines.filtered(lambda line: line.location_id == self.bins[1]).counter_id, self.counter_2
        )
        schedule = self.env["stock.count.schedule"].search(
            [("warehouse_id", "=", self.warehouse.id), ("date", "=", FEB_2)]
        )
        self.assertEqual((schedule.planned_count, schedule.overdue_count, schedule.counted_count), (8, 4, 0))
        self.assertEqual(
            (schedule.capacity_short, schedule.clear_by_date),
            (True, False),
            "8 lines a day for a load of 17.6: the backlog cannot clear",
        )

        self._count_list(session, FEB_2)
        self.assertEqual(schedule.counted_count, 8)
        tomorrow = self._build(date(2026, 2, 3))
        self.assertEqual(len(tomorrow.line_ids), 8)
        self.assertEqual(
            len(tomorrow.line_ids.filtered(lambda line: line.location_id == self.bins[2])),
            4,
            "what did not fit comes first",
        )

    def test_an_unfinished_list_is_not_planned_again(self):
        self.classes["A"].counts_per_year = 365
        products = self._products(4, "A", "Alpha")
        self._stock_everywhere(products)
        monday = self._build(FEB_2)
        monday.line_ids[:5].sudo().write({"state": "counted", "counted_at": datetime(2026, 2, 2, 10, 0)})
        tuesday = self._build(date(2026, 2, 3))
        self.assertEqual(len(monday.line_ids), 12)
        self.assertEqual(
            set(tuesday.line_ids.mapped(lambda line: (line.product_id, line.location_id))),
            set(monday.line_ids[:5].mapped(lambda line: (line.product_id, line.location_id))),
            "the 7 lines still to count wait on Monday's list",
        )

    def test_the_daily_action_builds_once_and_not_on_days_off(self):
        products = self._products(3, "A", "Alpha")
        self._stock_everywhere(products)
        session = self._build(FEB_2)
        self.assertEqual(self._build(FEB_2), session)
        self.assertEqual(
            self.env["stock.count.session"].search_count(
                [("warehouse_id", "=", self.warehouse.id), ("schedule_date", "=", FEB_2)]
            ),
            1,
        )
        self.assertFalse(self._build(date(2026, 2, 7)), "a Saturday")
        self.warehouse.count_counter_ids = False
        self.assertFalse(self._build(date(2026, 2, 9)), "no counters, no daily count")

    def test_forecast_of_the_coming_year(self):
        products = self._products(10, "B", "Beta")
        self._stock_everywhere(products)
        self._build(FEB_2)
        self.warehouse._refresh_count_forecast(FEB_2)
        rows = self.env["stock.count.schedule"].search(
            [("warehouse_id", "=", self.warehouse.id)], order="date"
        )
        self.assertEqual(rows[0].date, FEB_2)
        self.assertFalse(rows[0].is_forecast)
        forecast = rows[1:]
        self.assertEqual(len(forecast), 261)
        self.assertTrue(all(forecast.mapped("is_forecast")))
        # 30 B items: 30 × 365 / 91 × 1.05 / 261 = 0.4841 a day, from the 24th working day of 2026.
        load = 30 * 365 / 91 * 1.05 / 261
        self.assertEqual(rows[0].planned_count, math.floor(load * 23) - math.floor(load * 22))  # 1
        self.assertEqual(
            sum(forecast.mapped("planned_count")), math.floor(load * 284) - math.floor(load * 23)
        )
        self.assertEqual(sum(forecast.mapped("planned_count")), 126, "each item four times and a little more")

    def test_the_forecast_is_rebuilt_only_when_the_day_departs_from_it(self):
        products = self._products(10, "B", "Beta")
        self._stock_everywhere(products)
        self._stocked_on(products, FEB_2)
        Schedule = self.env["stock.count.schedule"]
        domain = [("warehouse_id", "=", self.warehouse.id), ("is_forecast", "=", True)]
        self.warehouse._build_cycle_count_and_forecast(FEB_2)
        forecast = Schedule.search(domain)
        self.assertEqual(len(forecast), 261)
        self._count_list(self._schedule(FEB_2).session_id, FEB_2)

        self.warehouse._build_cycle_count_and_forecast(date(2026, 2, 3))

        tuesday = self._schedule(date(2026, 2, 3))
        self.assertIn(tuesday, forecast, "the forecast row became the day's")
        self.assertEqual(Schedule.search(domain), forecast - tuesday, "as forecast: the forecast is kept")
        self.warehouse._build_cycle_count_and_forecast(date(2026, 2, 7))
        self.assertEqual(Schedule.search(domain), forecast - tuesday, "a Saturday leaves it as it is")
        self._count_list(tuesday.session_id, date(2026, 2, 3))
        new = self._products(10, "A", "Alpha")
        self._stock_everywhere(new)
        self._stocked_on(new, date(2026, 2, 4))

        self.warehouse._build_cycle_count_and_forecast(date(2026, 2, 4))

        self.assertFalse(Schedule.search(domain) & forecast, "30 A items more: another load, a new forecast")
        self.assertEqual(len(Schedule.search(domain)), 261, "a year ahead again")

    def test_the_catch_up_horizon_is_a_warehouse_setting(self):
        self._a_programme_stopped_for_40_days()
        self.warehouse.count_catch_up_days = 14  # to February 13: 10 working days, (60 - 3) / 10 -> 6
        figures = self._run_days(self.warehouse._count_working_days(FEB_2, date(2026, 2, 13)))
        self.assertEqual([figure[:3] for figure in figures[:2]], [(9, 6, date(2026, 2, 13))] * 2)
        self.assertEqual(sum(lines for lines, _share, _clear_by, _overdue in figures), 69)
        self.assertEqual(figures[-1][3], 0, "cleared by the horizon")
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            self.warehouse.count_catch_up_days = -1
            self.env.flush_all()

    def test_todays_counts_open_in_the_count_screen(self):
        self.classes["A"].counts_per_year = 365
        products = self._products(2, "A", "Alpha")
        self._stock_everywhere(products)
        self.warehouse.count_calendar_id = False  # the company's: today may be any day
        self.warehouse.company_id.resource_calendar_id.attendance_ids = counting_days((5, 6))
        self.env["stock.warehouse"]._cron_build_cycle_counts()
        session = self.env["stock.count.session"].search([("warehouse_id", "=", self.warehouse.id)])
        self.assertEqual(session.schedule_date, date.today())
        action = self.env["stock.count.session"].with_user(self.counter_1).action_open_todays_counts()
        self.assertEqual(action["tag"], "perpetual_inventory.count_screen")
        self.assertEqual(
            action["context"],
            {"active_model": "stock.count.session", "active_id": session.id, "active_ids": session.ids},
        )
        screen = self.env["stock.count.scanner"].with_user(self.counter_1).get_screen_data(session.id)
        self.assertEqual(
            sum(len(group["lines"]) for group in screen["locations"]),
            len(session.line_ids.filtered(lambda line: line.counter_id == self.counter_1)),
        )
        self.assertNotIn("expected_qty", screen["locations"][0]["lines"][0], "blind")

    def test_count_schedule_opens_on_today_then_the_days_to_come(self):
        today = fields.Date.context_today(self.env["stock.count.schedule"])
        annex = self.env["stock.warehouse"].create(
            {"name": "Annex", "code": "ANX", "company_id": self.company.id}
        )
        rows = (
            self.env["stock.count.schedule"]
            .sudo()
            .create(
                [
                    {
                        "warehouse_id": warehouse.id,
                        "date": day,
                        "is_forecast": day > today,
                        "planned_count": 3,
                    }
                    for warehouse in (annex, self.warehouse)
                    for day in (
                        today - timedelta(days=1),
                        today,
                        today + timedelta(days=1),
                        today + timedelta(days=364),
                    )
                ]
            )
        )
        _action, shown = open_window_action(
            self.env(user=self.manager), "perpetual_inventory_cyclecount.action_stock_count_schedule"
        )
        first, second = (annex | self.warehouse).sorted()  # the warehouses' own order
        self.assertEqual(
            [(row.date, row.warehouse_id) for row in shown],
            [
                (today, first),
                (today, second),
                (today + timedelta(days=1), first),
                (today + timedelta(days=1), second),
                (today + timedelta(days=364), first),
                (today + timedelta(days=364), second),
            ],
            "today's counts first, the days counted before today one filter away",
        )
        self.assertEqual(len(rows - shown), 2)


@tagged("post_install", "-at_install")
class TestScheduleSettingsRpc(RpcCommon):
    """The catch-up horizon as each role sets it over JSON-RPC; the schedule's catch-up
    figures are the daily action's alone."""

    def test_managers_set_the_catch_up_horizon_with_the_warehouse_counting(self):
        warehouse = self.company_data["default_warehouse"]
        self.assertRpcRefused(
            self.counter_3, "stock.warehouse", "write", [warehouse.id], {"count_catch_up_days": 10}
        )
        self.assertRpcRefused(
            self.manager,
            "stock.warehouse",
            "write",
            [warehouse.id],
            {"count_catch_up_days": -1},
            message="catch-up horizon cannot be negative",
        )
        self.rpc(self.manager, "stock.warehouse", "write", [warehouse.id], {"count_catch_up_days": 10})
        self.assertEqual(warehouse.count_catch_up_days, 10)
        schedule = (
            self.env["stock.count.schedule"]
            .sudo()
            .create({"warehouse_id": warehouse.id, "date": date(2026, 2, 2)})
        )
        self.assertRpcRefused(
            self.manager,
            "stock.count.schedule",
            "write",
            [schedule.id],
            {"clear_by_date": "2026-12-31", "catch_up_count": 0},
        )
