import math
from datetime import date, datetime, timedelta

from odoo import Command, fields
from odoo.tests import tagged

from odoo.addons.perpetual_inventory.tests.screen_common import open_window_action

from .common import CycleCountCommon

FEB_2 = date(2026, 2, 2)   # a Monday; 22 working days of 2026 before it


@tagged("post_install", "-at_install")
class TestSchedule(CycleCountCommon):
    """The daily cycle count of a warehouse counted Monday to Friday by two counters.

    Bins in walking order (corridor): Z-01, then A-02, then M-03 — not their alphabetical order.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        stock = cls.warehouse.lot_stock_id
        cls.bins = cls.env["stock.location"].create([
            {"name": name, "location_id": stock.id, "posx": posx}
            for name, posx in (("Z-01", 1), ("A-02", 2), ("M-03", 3))
        ])

    def _products(self, count, code, prefix):
        products = self.env["product.product"].create([{
            "name": f"{prefix} {number:03d}", "is_storable": True, "company_id": self.company.id,
        } for number in range(count)])
        self._set_class(products, code)
        return products

    def _stock_everywhere(self, products):
        for product in products:
            for location in self.bins:
                self._put(product, location, 5)

    def _build(self, day):
        return self.warehouse._build_cycle_count(day)

    # Due dates ------------------------------------------------------------------

    def test_exact_due_dates(self):
        self._set_class(self.beans, "A")
        self._set_class(self.soap, "B")
        self._set_class(self.tea, "C")
        never = self._products(1, "N", "Never counted")
        for product in self.beans | self.soap | self.tea | never:
            self._put(product, self.bin_a, 3)
        done = self._session(self.bin_a, self.counter_1, kind="cycle")
        # One line per stock and round: the tea counted on the 3rd was recounted on the 10th.
        done.sudo().line_ids = [Command.create({
            "product_id": product.id, "location_id": self.bin_a.id, "counter_id": self.counter_1.id,
            "state": "applied", "counted_at": datetime(2026, 1, day, 9, 0), "count_round": count_round,
        }) for product, day, count_round in ((self.beans, 10, 1), (self.soap, 10, 1), (self.tea, 3, 1),
                                             (self.tea, 10, 2))]
        items, _open = self.warehouse._cycle_count_items()
        due = {self.env["product.product"].browse(item.key[0]): item.due for item in items}
        self.assertEqual(due[self.beans], date(2026, 2, 9))     # A: + 30 days (365 / 12)
        self.assertEqual(due[self.soap], date(2026, 4, 11))     # B: + 91 days (365 / 4)
        self.assertEqual(due[self.tea], date(2026, 7, 11))      # C: + 182 days, from its last count
        self.assertIsNone(due[never], "never counted: due now")

    # A leveled month ----------------------------------------------------------

    def test_a_leveled_month_of_daily_lists(self):
        a_products = self._products(60, "A", "Alpha")
        b_products = self._products(15, "B", "Beta")
        c_products = self._products(15, "C", "Gamma")
        self._stock_everywhere(a_products | b_products | c_products)
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
        self.assertEqual(sum(sizes), math.floor(load * 42) - math.floor(load * 22))   # 415 - 217 = 198
        self.assertEqual(sum(sizes), 198)
        # Never counted, all due now: A items first, in walking order, then B.
        lines = sessions.line_ids.sorted(lambda line: (
            line.session_id.schedule_date, line.abc_class_id.sequence, line.location_id.posx, line.product_id.id))
        self.assertEqual(set(lines[:180].product_id), set(a_products))
        self.assertEqual(lines[180:].mapped(lambda line: (line.product_id, line.location_id)),
                         [(product, self.bins[0]) for product in b_products]
                         + [(product, self.bins[1]) for product in b_products[:3]],
                         "B items next, from the route's start")
        self.assertEqual(set(lines.mapped("schedule_reason")), {"cycle"})
        first = sessions.sorted("schedule_date")[0]
        self.assertEqual((first.kind, first.state, first.schedule_date, first.warehouse_id),
                         ("cycle", "in_progress", FEB_2, self.warehouse))
        self.assertEqual(first.line_ids.location_id, self.bins[0], "day one: the first ten A items of Z-01")
        # March 4: the A items of February 2 are due again (30 days).
        march_4 = self._build(date(2026, 3, 4))
        self.assertEqual(march_4.line_ids.product_id, first.line_ids.product_id)

    # Walking order, counters and capacity -----------------------------------

    def test_counters_get_whole_locations_along_the_route_and_capacity_caps_the_list(self):
        self.classes["A"].counts_per_year = 365   # due every day: the load asks for 18 lines a day
        products = self._products(4, "A", "Alpha")
        self._stock_everywhere(products)
        self.warehouse.count_capacity = 4    # 2 counters: 8 lines a day
        self.warehouse.count_counter_ids = self.counter_1 | self.counter_2
        session = self._build(FEB_2)
        lines = session.line_ids
        self.assertEqual(len(lines), 8, "the load asks for more: capacity caps the list")
        self.assertEqual([line.location_id for line in lines.sorted(lambda l: (l.location_id.posx, l.id))][::4],
                         [self.bins[0], self.bins[1]])
        self.assertEqual(lines.filtered(lambda line: line.location_id == self.bins[0]).counter_id, self.counter_1)
        self.assertEqual(lines.filtered(lambda line: line.location_id == self.bins[1]).counter_id, self.counter_2)
        schedule = self.env["stock.count.schedule"].search([("warehouse_id", "=", self.warehouse.id),
                                                            ("date", "=", FEB_2)])
        self.assertEqual((schedule.planned_count, schedule.overdue_count, schedule.counted_count), (8, 4, 0))

        self._count_list(session, FEB_2)
        self.assertEqual(schedule.counted_count, 8)
        tomorrow = self._build(date(2026, 2, 3))
        self.assertEqual(len(tomorrow.line_ids), 8)
        self.assertEqual(len(tomorrow.line_ids.filtered(lambda line: line.location_id == self.bins[2])), 4,
                         "what did not fit comes first")

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
        self.assertEqual(self.env["stock.count.session"].search_count(
            [("warehouse_id", "=", self.warehouse.id), ("schedule_date", "=", FEB_2)]), 1)
        self.assertFalse(self._build(date(2026, 2, 7)), "a Saturday")
        self.warehouse.count_counter_ids = False
        self.assertFalse(self._build(date(2026, 2, 9)), "no counters, no daily count")

    def test_forecast_of_the_coming_year(self):
        products = self._products(10, "B", "Beta")
        self._stock_everywhere(products)
        self._build(FEB_2)
        self.warehouse._refresh_count_forecast(FEB_2)
        rows = self.env["stock.count.schedule"].search([("warehouse_id", "=", self.warehouse.id)], order="date")
        self.assertEqual(rows[0].date, FEB_2)
        self.assertFalse(rows[0].is_forecast)
        forecast = rows[1:]
        self.assertEqual(len(forecast), 261)
        self.assertTrue(all(forecast.mapped("is_forecast")))
        # 30 B items: 30 × 365 / 91 × 1.05 / 261 = 0.4841 a day, from the 24th working day of 2026.
        load = 30 * 365 / 91 * 1.05 / 261
        self.assertEqual(rows[0].planned_count, math.floor(load * 23) - math.floor(load * 22))   # 1
        self.assertEqual(sum(forecast.mapped("planned_count")), math.floor(load * 284) - math.floor(load * 23))
        self.assertEqual(sum(forecast.mapped("planned_count")), 126, "each item four times and a little more")

    def test_todays_counts_open_in_the_count_screen(self):
        self.classes["A"].counts_per_year = 365
        products = self._products(2, "A", "Alpha")
        self._stock_everywhere(products)
        self.warehouse.count_calendar_id = False   # the company's: today may be any day
        self.warehouse.company_id.resource_calendar_id.attendance_ids = [Command.create({
            "name": f"Day {day}", "dayofweek": str(day), "hour_from": 8, "hour_to": 16,
            "day_period": "morning"}) for day in (5, 6)]
        self.env["stock.warehouse"]._cron_build_cycle_counts()
        session = self.env["stock.count.session"].search([("warehouse_id", "=", self.warehouse.id)])
        self.assertEqual(session.schedule_date, date.today())
        action = self.env["stock.count.session"].with_user(self.counter_1).action_open_todays_counts()
        self.assertEqual(action["tag"], "perpetual_inventory.count_screen")
        self.assertEqual(action["context"], {"active_model": "stock.count.session", "active_id": session.id,
                                             "active_ids": session.ids})
        screen = self.env["stock.count.scanner"].with_user(self.counter_1).get_screen_data(session.id)
        self.assertEqual(sum(len(group["lines"]) for group in screen["locations"]),
                         len(session.line_ids.filtered(lambda line: line.counter_id == self.counter_1)))
        self.assertNotIn("expected_qty", screen["locations"][0]["lines"][0], "blind")

    def test_count_schedule_opens_on_today_then_the_days_to_come(self):
        today = fields.Date.context_today(self.env["stock.count.schedule"])
        annex = self.env["stock.warehouse"].create({"name": "Annex", "code": "ANX", "company_id": self.company.id})
        rows = self.env["stock.count.schedule"].sudo().create([
            {"warehouse_id": warehouse.id, "date": day, "is_forecast": day > today, "planned_count": 3}
            for warehouse in (annex, self.warehouse)
            for day in (today - timedelta(days=1), today, today + timedelta(days=1), today + timedelta(days=364))
        ])
        _action, shown = open_window_action(self.env(user=self.manager),
                                            "perpetual_inventory_cyclecount.action_stock_count_schedule")
        first, second = (annex | self.warehouse).sorted()   # the warehouses' own order
        self.assertEqual([(row.date, row.warehouse_id) for row in shown], [
            (today, first), (today, second),
            (today + timedelta(days=1), first), (today + timedelta(days=1), second),
            (today + timedelta(days=364), first), (today + timedelta(days=364), second),
        ], "today's counts first, the days counted before today one filter away")
        self.assertEqual(len(rows - shown), 2)
