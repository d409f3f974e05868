"""The cycle-count planning rules, free of the database.

The daily scheduled action and the coverage simulation (bench/coverage.py, the
count forecast) share these functions, so that what is simulated is what runs.

An item is one product (and lot) at one location. Its plan key orders it for
counting: never counted first, then by due date (so overdue items come first),
then the most valuable class, then the walking order of its location.
"""
import heapq
import math
from collections import namedtuple
from datetime import date, timedelta

Item = namedtuple("Item", "key due interval class_sequence walk")
NEVER = date.min


def count_interval(counts_per_year):
    """Whole days between two counts: never later than the class asks."""
    return int(365 // counts_per_year)


def due_date(last_count, counts_per_year):
    """The next count date of an item counted last on ``last_count`` (None: due now)."""
    if not last_count:
        return None
    return last_count + timedelta(days=count_interval(counts_per_year))


def plan_key(item):
    return (item.due or NEVER, item.class_sequence, item.walk)


def average_load(counts_per_year, working_days_per_year):
    """Counts per working day that cover every item as often as its class asks."""
    if not working_days_per_year:
        return 0.0
    return sum(counts_per_year) / working_days_per_year


def daily_target(load, day_index):
    """Lines to plan on the ``day_index``-th working day: the whole-number steps of a
    running total of ``load`` a day, so that every day is within one line of the load."""
    return math.floor(load * (day_index + 1) + 1e-9) - math.floor(load * day_index + 1e-9)


def select_items(items, size):
    """The ``size`` items to count first."""
    return heapq.nsmallest(size, items, key=plan_key)


def simulate(items, working_days, load, first_index=0, capacity=None):
    """Plan ``items`` over ``working_days`` as the daily action does, each list being
    counted the day it is planned.

    :return: (list sizes per day, {item key: [count dates]})
    """
    heap = [(plan_key(item), index) for index, item in enumerate(items)]
    heapq.heapify(heap)
    sizes, counts = [], {item.key: [] for item in items}
    for offset, day in enumerate(working_days):
        size = daily_target(load, first_index + offset)
        if capacity is not None:
            size = min(size, capacity)
        planned = [heapq.heappop(heap) for _ in range(min(size, len(heap)))]
        for (_due, class_sequence, walk), index in planned:
            item = items[index]
            counts[item.key].append(day)
            heapq.heappush(heap, ((day + timedelta(days=item.interval), class_sequence, walk), index))
        sizes.append(len(planned))
    return sizes, counts


def coverage(items, counts, counts_per_year_of, days_in_period=365):
    """{class: share of items counted at least as often as the class asks over the period}."""
    per_class = {}
    for item in items:
        klass = counts_per_year_of[item.key]
        required = klass[1] * days_in_period / 365
        hits, total = per_class.get(klass[0], (0, 0))
        per_class[klass[0]] = (hits + (len(counts[item.key]) >= math.floor(required + 1e-9)), total + 1)
    return {name: hits / total for name, (hits, total) in per_class.items()}
