import random
from datetime import date, timedelta

from odoo.tests import BaseCase, tagged

from odoo.addons.perpetual_inventory_cyclecount.tools import planning

# The design's classes: code, sequence, counts a year, share of the items.
CLASSES = [("A", 10, 12, 0.2), ("B", 20, 4, 0.3), ("C", 30, 2, 0.4), ("N", 40, 1, 0.1)]


@tagged("post_install", "-at_install")
class TestCoverage(BaseCase):
    """The short version of bench/coverage.py: 2 000 items of a programme already
    running, a year of Monday-to-Friday lists planned by the daily action's rules."""

    def test_a_year_counts_every_item_as_often_as_its_class_asks(self):
        start = date(2027, 1, 4)
        days = [start + timedelta(days=n) for n in range(365) if (start + timedelta(days=n)).weekday() < 5]
        items, class_of = planning.generate_items(2000, CLASSES, start, random.Random(1))
        load = planning.average_load([365 / item.interval for item in items], len(days))

        report = planning.coverage_report(items, class_of, days, load)

        self.assertEqual(len(days), 261)
        self.assertEqual(report["coverage"], {"A": 1.0, "B": 1.0, "C": 1.0, "N": 1.0})
        self.assertAlmostEqual(report["load"], 36.7615, places=4)
        self.assertEqual(sum(report["sizes"]), 9602)
        self.assertEqual((min(report["sizes"]), max(report["sizes"])), (36, 43))
        outside = [size for size in report["sizes"] if abs(size - load) / load > 0.10]
        self.assertEqual(outside, [43], "one day of 261 beyond ±10 %: a Friday taking the weekend's due items")
        self.assertAlmostEqual(report["max_deviation"], 0.1697, places=4)

    def test_capacity_caps_every_day(self):
        start = date(2027, 1, 4)
        days = [start + timedelta(days=n) for n in range(28) if (start + timedelta(days=n)).weekday() < 5]
        items, _class_of = planning.generate_items(200, CLASSES, start, random.Random(2))
        sizes, counts = planning.simulate(items, days, load=10.0, capacity=6)
        self.assertEqual(sizes, [6] * 20)
        self.assertEqual(sum(len(dates) for dates in counts.values()), 120)

    def test_daily_target_steps(self):
        self.assertEqual([planning.daily_target(2.5, day) for day in range(4)], [2, 3, 2, 3])
        self.assertEqual([planning.daily_target(0.4, day) for day in range(5)], [0, 0, 1, 0, 1])
        self.assertEqual(planning.count_interval(12), 30)
        self.assertEqual(planning.due_date(date(2027, 1, 31), 4), date(2027, 5, 2))
