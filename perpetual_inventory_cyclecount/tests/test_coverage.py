import random
from collections import Counter
from datetime import date, timedelta

from odoo.tests import BaseCase, tagged

from odoo.addons.perpetual_inventory_cyclecount.tools import planning

# The design's classes: code, sequence, counts a year, share of the items.
CLASSES = [("A", 10, 12, 0.2), ("B", 20, 4, 0.3), ("C", 30, 2, 0.4), ("N", 40, 1, 0.1)]
START = date(2027, 1, 4)  # a Monday


def weekdays(start, days):
    return [start + timedelta(days=n) for n in range(days) if (start + timedelta(days=n)).weekday() < 5]


@tagged("post_install", "-at_install")
class TestCoverage(BaseCase):
    """The short version of bench/coverage.py: 2 000 items, a year of Monday-to-Friday
    lists planned by the daily action's rules."""

    def test_a_year_counts_every_item_as_often_as_its_class_asks(self):
        days = weekdays(START, 365)
        items, class_of = planning.generate_items(2000, CLASSES, START, random.Random(1))
        load = planning.average_load([365 / item.interval for item in items], len(days))

        report = planning.coverage_report(items, class_of, days, load)

        self.assertEqual(len(days), 261)
        self.assertEqual(report["coverage"], {"A": 1.0, "B": 1.0, "C": 1.0, "N": 1.0})
        self.assertAlmostEqual(report["load"], 36.7615, places=4)
        self.assertEqual(sum(report["sizes"]), 9597)
        self.assertEqual((min(report["sizes"]), max(report["sizes"])), (36, 39))
        outside = [size for size in report["sizes"] if abs(size - load) / load > 0.10]
        self.assertEqual(outside, [], "no day beyond ±10 %: more due than that is caught up")
        # The one Friday with more due than the load + 10 % (the weekend's due items) took
        # one line of catch-up; its last items were counted on Monday.
        self.assertEqual([(day, share) for day, share in enumerate(report["catch_up"]) if share], [(39, 1)])
        self.assertAlmostEqual(report["max_deviation"], 0.0609, places=4)

    def test_a_go_live_year(self):
        """A new warehouse: 2 000 items stocked on the first day, none counted. First counts
        are spread over each class's interval, and every day is at the load."""
        days = weekdays(START, 365)
        items, class_of = planning.generate_items(
            2000, CLASSES, START, random.Random(1), working_days=weekdays(START, 800)
        )
        load = planning.average_load([365 / item.interval for item in items], len(days))
        first_dues = Counter(item.due for item in items if item.interval == 30)
        self.assertEqual(
            sorted(first_dues.items())[:5],
            [
                (date(2027, 1, 4), 18),
                (date(2027, 1, 5), 17),
                (date(2027, 1, 6), 18),
                (date(2027, 1, 7), 17),
                (date(2027, 1, 8), 18),
            ],
            "A items: 374 over the 22 working days of 30 days",
        )
        self.assertEqual(max(first_dues), date(2027, 2, 2))
        self.assertEqual(max(item.due for item in items if item.interval == 182), date(2027, 7, 2))

        report = planning.coverage_report(items, class_of, days, load, since=START)

        self.assertEqual(report["coverage"], {"A": 1.0, "B": 1.0, "C": 1.0, "N": 1.0})
        self.assertEqual(
            report["first_counts"],
            {"A": 1.0, "B": 1.0, "C": 1.0, "N": 1.0},
            "every item first counted within its interval and the catch-up horizon",
        )
        self.assertAlmostEqual(load, 35.8825, places=4)
        self.assertEqual(report["sizes"][:5], [35, 36, 36, 36, 36])
        self.assertEqual((min(report["sizes"]), max(report["sizes"])), (35, 36))
        self.assertEqual(sum(report["catch_up"]), 0, "a go-live is no backlog")

    def test_after_a_40_day_gap_the_backlog_is_caught_up_within_the_horizon(self):
        """The programme stopped 40 days: 874 of 2 000 items are overdue. The first day
        takes the load and a catch-up share of 39 lines, 75-76 lines a day."""
        days = weekdays(START, 365)
        items, class_of = planning.generate_items(2000, CLASSES, START - timedelta(days=40), random.Random(1))
        overdue = [item for item in items if item.due < START]
        load = planning.average_load([365 / item.interval for item in items], len(days))

        sizes, counts, plans = planning.simulate(items, days, load)

        self.assertEqual(len(overdue), 874)
        self.assertEqual(sizes[:17], [75, 76, 76, 76, 75, 76, 76, 76, 75, 76, 76, 76, 75, 76, 76, 37, 36])
        self.assertEqual([plan.catch_up for plan in plans[:16]], [39] * 15 + [0])
        self.assertEqual(
            {plan.clear_by for plan in plans[:15]}, {date(2027, 2, 2)}, "the last working day of 30 days"
        )
        self.assertIsNone(plans[15].clear_by, "cleared on the 15th day: back in rhythm")
        self.assertEqual(max((counts[item.key][0] - START).days for item in overdue), 17)
        report = planning.coverage_report(items, class_of, days, load)
        self.assertEqual(report["coverage"], {"A": 1.0, "B": 1.0, "C": 1.0, "N": 1.0})
        self.assertLessEqual(report["max_deviation"], 0.10)

    def test_capacity_caps_every_day(self):
        days = weekdays(START, 28)
        items, _class_of = planning.generate_items(200, CLASSES, START, random.Random(2))
        sizes, counts, plans = planning.simulate(items, days, load=10.0, capacity=6)
        self.assertEqual(sizes, [6] * 20)
        self.assertEqual(sum(len(dates) for dates in counts.values()), 120)
        self.assertTrue(all(plan.capacity_short for plan in plans), "6 lines a day for a load of 9.5")

    def test_a_capped_backlog_is_replanned_not_dropped(self):
        """40 A items overdue, a load of 2.1 lines (2 a day of demand) and a cap of 3 where
        the catch-up asks for 4: 3 lines a day, the most overdue first, every item counted.
        The backlog is planned to clear when the line a day left over by the load has
        counted it: 37 working days after the first (the demand of the other items is
        assumed to come)."""
        days = weekdays(START, 90)
        items = [
            planning.Item((number,), START - timedelta(days=1 + number // 4), 30, 10, (number, ""))
            for number in range(40)
        ]
        sizes, counts, plans = planning.simulate(items, days, load=2.1, capacity=3)
        self.assertEqual(sizes[:15], [3] * 13 + [2, 2], "39 items in 13 days of 3, then back to the load")
        self.assertEqual((plans[0].catch_up, plans[0].clear_by), (2, days[37]))
        self.assertEqual(days[37], date(2027, 2, 24))
        self.assertEqual(plans[1].clear_by, days[37], "the plan holds")
        self.assertIsNone(plans[14].clear_by)
        first_counts = [counts[(number,)][0] for number in range(40)]
        latest_by_due = [max(first_counts[number : number + 4]) for number in range(0, 40, 4)]
        self.assertEqual(latest_by_due, sorted(latest_by_due, reverse=True), "the most overdue first")
        self.assertEqual(Counter(first_counts)[START], 3)
        self.assertEqual(sum(len(dates) for dates in counts.values()), sum(sizes))

    def test_daily_target_steps(self):
        self.assertEqual([planning.daily_target(2.5, day) for day in range(4)], [2, 3, 2, 3])
        self.assertEqual([planning.daily_target(0.4, day) for day in range(5)], [0, 0, 1, 0, 1])
        self.assertEqual(planning.count_interval(12), 30)
        self.assertEqual(planning.due_date(date(2027, 1, 31), 4), date(2027, 5, 2))

    def test_first_due_dates_spread_in_walking_order(self):
        """Five items stocked on a Monday, interval 7 days (5 working days): one a day, along
        the route; a sixth stocked the next day starts its own spread; an item stocked
        before the calendar known spreads over calendar days."""
        monday = date(2027, 1, 4)
        entries = [((number,), monday, 7, (5 - number, "")) for number in range(5)]
        entries += [(("late",), monday + timedelta(days=1), 7, (0, ""))]
        entries += [(("old", number), monday - timedelta(days=10), 7, (number, "")) for number in range(2)]
        dues = planning.first_due_dates(entries, weekdays(monday, 30), covered_from=monday)
        self.assertEqual(
            [dues[(number,)] for number in range(5)],
            [date(2027, 1, 8), date(2027, 1, 7), date(2027, 1, 6), date(2027, 1, 5), date(2027, 1, 4)],
        )
        self.assertEqual(dues[("late",)], date(2027, 1, 7), "alone: the middle of Tuesday to Monday")
        self.assertEqual([dues[("old", 0)], dues[("old", 1)]], [date(2026, 12, 26), date(2026, 12, 30)])
