"""The cycle-count planning rules, free of the database.

The daily scheduled action and the coverage simulation (bench/coverage.py, the
count forecast) share these functions, so that what is simulated is what runs.

An item is one product (and lot) at one location. Every item has a due date: its
last count plus its class interval, or, never counted, a first due date within its
class interval from the day it was stocked (``first_due_dates``). Its plan key
orders it for counting ahead of time: by due date, then the most valuable class,
then the walking order of its location (then the product, for a stable order).
A backlog (more items due than a day can take) is counted most urgent first
(``urgency_key``) over the working days of a catch-up (``plan_day``).
"""

import bisect
import heapq
import math
from collections import namedtuple
from datetime import timedelta

Item = namedtuple("Item", "key due interval class_sequence walk")

# A day's list stays within 10 % of the load (plus the day's catch-up share).
TOLERANCE = 0.10


def count_interval(counts_per_year):
    """Whole days between two counts: never later than the class asks."""
    return int(365 // counts_per_year)


def due_date(last_count, counts_per_year):
    """The next count date of an item counted last on ``last_count`` (None: never counted)."""
    if not last_count:
        return None
    return last_count + timedelta(days=count_interval(counts_per_year))


def first_due_dates(entries, working_days, covered_from=None, covered_to=None):
    """First due dates of items never counted, spread so that first counts level out.

    Items stocked on the same day with the same class interval share out the working days
    of [that day, that day + interval) in walking order: the r-th of n is due on working
    day floor((r + ½) × days / n), the middle of its share (rounding to the nearest, so
    that the classes' shares do not all round up on the first day). A new warehouse's
    30 000 class C items are thus due over C's interval, a stretch of the route a day;
    an item stocked alone is due in the middle of its interval. Counted items may be given too: they keep
    their place, so that the first due dates do not move as the others get counted.

    :param entries: [(key, day stocked, interval, walk)]
    :param working_days: sorted working days of [``covered_from``, ``covered_to``)
        (default: from the first of them, to the day after the last); an interval
        outside spreads over calendar days instead
    :return: {key: first due date}
    """
    if covered_from is None and working_days:
        covered_from = working_days[0]
    if covered_to is None and working_days:
        covered_to = working_days[-1] + timedelta(days=1)
    groups = {}
    for key, since, interval, walk in entries:
        groups.setdefault((since, interval), []).append((walk, key))
    dues = {}
    for (since, interval), members in groups.items():
        members.sort()
        end = since + timedelta(days=interval)
        days = []
        if covered_from is not None and covered_from <= since and end <= covered_to:
            days = working_days[
                bisect.bisect_left(working_days, since) : bisect.bisect_left(working_days, end)
            ]
        for rank, (_walk, key) in enumerate(members):
            if days:
                dues[key] = days[(2 * rank + 1) * len(days) // (2 * len(members))]
            else:
                dues[key] = since + timedelta(days=(2 * rank + 1) * interval // (2 * len(members)))
    return dues


def plan_key(item):
    return (item.due, item.class_sequence, item.walk, item.key)


def urgency_key(item, day):
    """Most urgent first: the days overdue counted in intervals of the item's class (an A
    item 15 days late, half its interval, before a C item 30 days late), then the plan key."""
    return (-(day - item.due).days / item.interval, item.class_sequence, item.walk, item.key)


def _urgency_of_entry(entry, intervals, day):
    (due, class_sequence, walk, key), index = entry
    return (-(day - due).days / intervals[index], class_sequence, walk, key)


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


DayPlan = namedtuple("DayPlan", "size catch_up clear_by capacity_short")


def plan_day(due_count, target, load, ahead, horizon, running=None, capacity=None):
    """How many lines a working day takes, with ``due_count`` items due by its eve.

    In rhythm (no more due than the load + 10 %) the day takes them all, topped up to
    ``target`` with the next ones due. Beyond, it is a backlog, caught up by the last
    working day of ``horizon`` days: each day takes ``target`` + a catch-up share, the
    backlog over the days left, fixed when the catch-up starts (``running``: the catch-up
    of the days before, a DayPlan) and raised only if more items fall due than planned.
    The capacity is a hard limit: the catch-up then clears when the capacity left over by
    the load has counted the backlog; never, when the load leaves none (capacity_short).

    :param ahead: the working days from this one on (this one first)
    :return: DayPlan(size: lines to plan, catch_up: the catch-up share,
             clear_by: the day the backlog is planned to be cleared, None without backlog,
             capacity_short: the capacity is below the load)
    """
    top = max(target, math.floor(load * (1 + TOLERANCE) + 1e-9))
    limit = top if capacity is None else min(top, capacity)
    capacity_short = capacity is not None and capacity < load / LOAD_MARGIN
    if due_count <= limit:
        size = max(due_count, target)
        return DayPlan(size if capacity is None else min(size, capacity), 0, None, capacity_short)
    day = ahead[0]
    if running and running.clear_by and running.clear_by >= day:
        clear_by, share = running.clear_by, running.catch_up
    else:
        clear_by = ahead[max(bisect.bisect_left(ahead, day + timedelta(days=max(horizon, 1))) - 1, 0)]
        share = 0
    days_left = bisect.bisect_right(ahead, clear_by)
    share = max(share, math.ceil(max(due_count - target, 0) / days_left))
    # The day the backlog clears is topped up with the next items due, as in rhythm.
    size = target + share
    if capacity is not None:
        size = min(size, capacity)
    left = max(due_count - size, 0)
    if not left:
        clear_by = day
    elif capacity_short:
        clear_by = None
    elif capacity is not None:
        spare = capacity - load / LOAD_MARGIN
        clear_by = max(clear_by, _working_day_after(ahead, math.ceil(left / spare)))
    return DayPlan(size, share, clear_by, capacity_short)


def _working_day_after(ahead, count):
    """The ``count``-th working day after ``ahead[0]``, extrapolated beyond ``ahead``."""
    if count < len(ahead):
        return ahead[count]
    days_a_working_day = (ahead[-1] - ahead[0]).days / (len(ahead) - 1) if len(ahead) > 1 else 1
    return ahead[-1] + timedelta(days=math.ceil((count - len(ahead) + 1) * days_a_working_day))


def select_items(items, day, last_day, plan):
    """The items a working day counts (``plan`` from ``plan_day``): in rhythm, those due by
    ``last_day`` (the eve of the next working day) and the next ones by plan key; in a
    backlog, the most urgent of the items due."""
    due = [item for item in items if item.due <= last_day]
    if plan.size >= len(due):
        due_keys = {item.key for item in due}
        due += heapq.nsmallest(
            plan.size - len(due), (item for item in items if item.key not in due_keys), key=plan_key
        )
        return sorted(due, key=plan_key)
    return sorted(heapq.nsmallest(plan.size, due, key=lambda item: urgency_key(item, day)), key=plan_key)


def simulate(
    items, working_days, load, first_index=0, capacity=None, horizon=30, running=None, later_days=()
):
    """Plan ``items`` over ``working_days`` as the daily action does, each list being
    counted the day it is planned; with a heap, so that a year of 100 000 items takes
    seconds. ``later_days``: the working days after them, for a catch-up that starts
    near the end.

    :return: (list sizes per day, {item key: [count dates]}, [DayPlan per day])
    """
    queue = [(plan_key(item), index) for index, item in enumerate(items)]
    intervals = [item.interval for item in items]
    heapq.heapify(queue)
    counts = {item.key: [] for item in items}
    sizes, plans = [], []
    pending = []  # (plan key, index) of the items due not yet counted
    for offset, day in enumerate(working_days):
        next_day = working_days[offset + 1] if offset + 1 < len(working_days) else day + timedelta(days=1)
        last_day = next_day - timedelta(days=1)
        while queue and queue[0][0][0] <= last_day:
            pending.append(heapq.heappop(queue))
        target = daily_target(load, first_index + offset)
        ahead = working_days[offset:] + list(later_days)
        plan = running = plan_day(len(pending), target, load, ahead, horizon, running, capacity)
        if plan.size >= len(pending):
            planned = pending
            while queue and len(planned) < plan.size:
                planned.append(heapq.heappop(queue))
            pending = []
        else:
            pending.sort(key=lambda entry: _urgency_of_entry(entry, intervals, day))
            planned, pending = pending[: plan.size], pending[plan.size :]
        for (_due, class_sequence, walk, key), index in planned:
            counts[key].append(day)
            heapq.heappush(
                queue, ((day + timedelta(days=intervals[index]), class_sequence, walk, key), index)
            )
        sizes.append(len(planned))
        plans.append(plan._replace(size=len(planned)))
    return sizes, counts, plans


def coverage_report(items, counts_per_year_of, working_days, load, first_index=0, horizon=30, since=None):
    """Simulate the daily lists over ``working_days`` (a year) and measure them.

    :param counts_per_year_of: {item key: (class code, counts per year)}
    :param since: the day the items were stocked, never counted (a go-live): also
        measures, per class, the share of items first counted within their interval
        plus the catch-up horizon
    :return: {"coverage": {class code: share of its items counted at least as often as
              the class asks}, "sizes": [lines per day], "load": load,
              "max_deviation": largest |size - load - catch-up| / (load + catch-up) over the days,
              "catch_up": [catch-up lines per day], "first_counts": {class code: share} (with since)}
    """
    sizes, counts, plans = simulate(items, working_days, load, first_index=first_index, horizon=horizon)
    per_class, first_in_time = {}, {}
    for item in items:
        code, counts_per_year = counts_per_year_of[item.key]
        hits, total = per_class.get(code, (0, 0))
        per_class[code] = (hits + (len(counts[item.key]) >= counts_per_year), total + 1)
        if since:
            in_time = bool(counts[item.key]) and (
                counts[item.key][0] <= since + timedelta(days=item.interval + horizon)
            )
            first_in_time[code] = first_in_time.get(code, 0) + in_time
    report = {
        "coverage": {code: hits / total for code, (hits, total) in sorted(per_class.items())},
        "sizes": sizes,
        "load": load,
        "catch_up": [plan.catch_up for plan in plans],
        "max_deviation": max(
            (abs(size - load - plan.catch_up) / (load + plan.catch_up) for size, plan in zip(sizes, plans)),
            default=0.0,
        )
        if load
        else 0.0,
    }
    if since:
        report["first_counts"] = {
            code: first_in_time[code] / per_class[code][1] for code in sorted(per_class)
        }
    return report


def generate_items(count, classes, start, rng, working_days=None):
    """``count`` items spread over ``classes`` [(code, sequence, counts per year, share of
    items)], in locations of 20 items along the route. Each was last counted at a random
    day of its class's interval before ``start`` (a programme already running) or, given
    the ``working_days`` from ``start`` on, none was ever counted: all stocked on
    ``start`` (a go-live), with their first due dates.

    :return: ([Item], {item key: (class code, counts per year)})
    """
    items, class_of = [], {}
    weights = [share for _code, _sequence, _counts, share in classes]
    for number in range(count):
        code, sequence, counts_per_year, _share = rng.choices(classes, weights)[0]
        interval = count_interval(counts_per_year)
        last_count = None if working_days else start - timedelta(days=rng.randrange(1, interval + 1))
        key = (number, number // 20, 0)
        items.append(Item(key, due_date(last_count, counts_per_year), interval, sequence, (number // 20, "")))
        class_of[key] = (code, counts_per_year)
    if working_days:
        first_dues = first_due_dates(
            [(item.key, start, item.interval, item.walk) for item in items], working_days
        )
        items = [item._replace(due=first_dues[item.key]) for item in items]
    return items, class_of
