"""The cycle-count planning rules, free of the database.

The daily scheduled action and the coverage simulation (bench/coverage.py, the
count forecast) share these functions, so that what is simulated is what runs.

An item is one product (and lot) at one location. Its plan key orders it for
counting: never counted first, then by due date (so overdue items come first),
then the most valuable class, then the walking order of its location (then the
product, for a stable order).
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
    return (item.due or NEVER, item.class_sequence, item.walk, item.key)


# Items are counted on working days and wait their turn once due: a list exactly as
# long as the demand leaves items due at weekends for Friday, on top of its list. 5 %
# more lines a day keeps the lists ahead of the due dates (bench/coverage.py).
LOAD_MARGIN = 1.05


def average_load(counts_per_year, working_days_per_year):
    """Lines per working day that count every item as often as its class asks."""
    if not working_days_per_year:
        return 0.0
    return sum(counts_per_year) / working_days_per_year * LOAD_MARGIN


def daily_target(load, day_index):
    """Lines to plan on the ``day_index``-th working day: the whole-number steps of a
    running total of ``load`` a day, so that every day is within one line of the load."""
    return math.floor(load * (day_index + 1) + 1e-9) - math.floor(load * day_index + 1e-9)


def select_items(items, size, last_day, capacity=None):
    """The items to count on a working day: first those that would otherwise be counted
    after their due date (due on or before ``last_day``, the eve of the next working
    day), then the next ones by plan key up to ``size``; never more than ``capacity``."""
    must = [item for item in items if item.due and item.due <= last_day]
    if len(must) < size:
        must_keys = {item.key for item in must}
        must += heapq.nsmallest(size - len(must), (item for item in items if item.key not in must_keys),
                                key=plan_key)
    must.sort(key=plan_key)
    return must[:capacity] if capacity is not None else must


def simulate(items, working_days, load, first_index=0, capacity=None):
    """Plan ``items`` over ``working_days`` as ``select_items`` does each day, each list
    being counted the day it is planned; with heaps, so that a year of 100 000 items
    takes seconds.

    :return: (list sizes per day, {item key: [count dates]})
    """
    never = [(plan_key(item), index) for index, item in enumerate(items) if not item.due]
    dated = [(plan_key(item), index) for index, item in enumerate(items) if item.due]
    heapq.heapify(never)
    heapq.heapify(dated)
    counts = {item.key: [] for item in items}
    sizes = []
    for offset, day in enumerate(working_days):
        next_day = working_days[offset + 1] if offset + 1 < len(working_days) else day + timedelta(days=1)
        last_day = next_day - timedelta(days=1)
        size = daily_target(load, first_index + offset)
        planned = []
        while dated and dated[0][0][0] <= last_day:
            planned.append(heapq.heappop(dated))
        for queue in (never, dated):
            while queue and len(planned) < size:
                planned.append(heapq.heappop(queue))
        planned.sort()
        if capacity is not None:
            for entry in planned[capacity:]:
                heapq.heappush(dated if entry[0][0] != NEVER else never, entry)
            planned = planned[:capacity]
        for (_due, class_sequence, walk, key), index in planned:
            counts[key].append(day)
            heapq.heappush(dated, ((day + timedelta(days=items[index].interval), class_sequence, walk, key), index))
        sizes.append(len(planned))
    return sizes, counts


def coverage_report(items, counts_per_year_of, working_days, load, first_index=0):
    """Simulate the daily lists over ``working_days`` (a year) and measure them.

    :param counts_per_year_of: {item key: (class code, counts per year)}
    :return: {"coverage": {class code: share of its items counted at least as often as
              the class asks}, "sizes": [lines per day], "load": load,
              "max_deviation": largest |size - load| / load over the days}
    """
    sizes, counts = simulate(items, working_days, load, first_index=first_index)
    per_class = {}
    for item in items:
        code, counts_per_year = counts_per_year_of[item.key]
        hits, total = per_class.get(code, (0, 0))
        per_class[code] = (hits + (len(counts[item.key]) >= counts_per_year), total + 1)
    return {
        "coverage": {code: hits / total for code, (hits, total) in sorted(per_class.items())},
        "sizes": sizes,
        "load": load,
        "max_deviation": max((abs(size - load) / load for size in sizes), default=0.0) if load else 0.0,
    }


def generate_items(count, classes, start, rng):
    """``count`` items spread over ``classes`` [(code, sequence, counts per year, share of
    items)], each last counted at a random day of its class's interval before ``start``
    (a programme already running), in locations of 20 items along the route.

    :return: ([Item], {item key: (class code, counts per year)})
    """
    items, class_of = [], {}
    weights = [share for _code, _sequence, _counts, share in classes]
    for number in range(count):
        code, sequence, counts_per_year, _share = rng.choices(classes, weights)[0]
        interval = count_interval(counts_per_year)
        last_count = start - timedelta(days=rng.randrange(1, interval + 1))
        key = (number, number // 20, 0)
        items.append(Item(key, due_date(last_count, counts_per_year), interval, sequence,
                          (number // 20, "")))
        class_of[key] = (code, counts_per_year)
    return items, class_of
