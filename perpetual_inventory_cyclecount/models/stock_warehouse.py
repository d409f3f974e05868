import logging
from datetime import date, datetime, time, timedelta

import pytz

from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..tools import planning

_logger = logging.getLogger(__name__)

# Items of a warehouse with stock, their class, last count and walking order, the
# day they were stocked (their first quant's creation), and whether a count still open
# (a line to count in a session in progress) holds them. In walking order, so that the
# planning's sorts by walk find them (almost) sorted already.
ITEMS_QUERY = """
WITH warehouse_locations AS (
    SELECT id, posx, posy, posz, complete_name
      FROM stock_location
     WHERE warehouse_id = %(warehouse)s AND usage = 'internal'
), items AS (
    SELECT quant.product_id, quant.location_id, COALESCE(quant.lot_id, 0) AS lot_id,
           MIN(quant.create_date) AS stocked_at
      FROM stock_quant quant
      JOIN warehouse_locations loc ON loc.id = quant.location_id
     WHERE quant.company_id = %(company)s
     GROUP BY quant.product_id, quant.location_id, COALESCE(quant.lot_id, 0)
    HAVING SUM(quant.quantity) > 0
), last_counts AS (
    SELECT line.product_id, line.location_id, COALESCE(line.lot_id, 0) AS lot_id,
           MAX(line.counted_at) AS counted_at
      FROM stock_count_line line
      JOIN warehouse_locations loc ON loc.id = line.location_id
     WHERE line.counted_at IS NOT NULL AND line.state != 'cancel'
     GROUP BY line.product_id, line.location_id, COALESCE(line.lot_id, 0)
), open_lines AS (
    SELECT DISTINCT line.product_id, line.location_id, COALESCE(line.lot_id, 0) AS lot_id
      FROM stock_count_line line
      JOIN stock_count_session session ON session.id = line.session_id
      JOIN warehouse_locations loc ON loc.id = line.location_id
     WHERE session.state = 'in_progress' AND line.state = 'to_count'
)
SELECT items.product_id, items.location_id, items.lot_id,
       COALESCE(abc.counts_per_year, %(default_counts)s) AS counts_per_year,
       COALESCE(abc.sequence, %(default_sequence)s) AS class_sequence,
       (last_counts.counted_at AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date AS last_count,
       (items.stocked_at AT TIME ZONE 'UTC' AT TIME ZONE %(tz)s)::date AS stocked_on,
       loc.posx, loc.posy, loc.posz, loc.complete_name, open_lines.product_id IS NOT NULL AS is_open
  FROM items
  JOIN warehouse_locations loc ON loc.id = items.location_id
  JOIN product_product product ON product.id = items.product_id
  JOIN product_template template ON template.id = product.product_tmpl_id AND template.is_storable
  LEFT JOIN stock_abc_class abc ON abc.id = product.abc_class_id AND abc.company_id = %(company)s
  LEFT JOIN last_counts USING (product_id, location_id, lot_id)
  LEFT JOIN open_lines USING (product_id, location_id, lot_id)
 ORDER BY loc.posx, loc.posy, loc.posz, loc.complete_name, items.product_id, items.location_id, items.lot_id
"""


# The warehouse settings of the suite, which managers set.
COUNTING_FIELDS = {
    "count_counter_ids",
    "count_responsible_id",
    "count_calendar_id",
    "count_capacity",
    "count_catch_up_days",
}


class StockWarehouse(models.Model):
    _name = "stock.warehouse"
    _inherit = ["stock.warehouse", "perpetual.input.guard"]

    count_counter_ids = fields.Many2many(
        "res.users",
        "stock_warehouse_count_counter_rel",
        "warehouse_id",
        "user_id",
        string="Counters",
        domain=lambda self: [("groups_id", "in", self.env.ref("perpetual_inventory.group_counter").id)],
        help="Who counts this warehouse's daily cycle count; each gets whole locations. "
        "No counters: the warehouse gets no daily count.",
    )
    count_responsible_id = fields.Many2one(
        "res.users",
        domain=lambda self: [("groups_id", "in", self.env.ref("perpetual_inventory.group_manager").id)],
        help="Responsible of the daily counts, who approves their variances first.",
    )
    count_calendar_id = fields.Many2one(
        "resource.calendar",
        string="Counting Calendar",
        default=lambda self: self.env.company.resource_calendar_id,
        help="Working days of the warehouse: daily counts are planned on these days only.",
    )
    count_capacity = fields.Integer(
        string="Lines per Counter and Day",
        help="Caps the daily count at this many lines per counter. Zero: no cap.",
    )

    count_catch_up_days = fields.Integer(
        string="Catch-up Horizon (days)",
        help="A backlog (after go-live, a gap, a holiday) is counted over the working days of this "
        "many days, on top of the daily load. Zero: the shortest interval of the ABC classes.",
    )

    _sql_constraints = [
        (
            "count_capacity_positive",
            "check(count_capacity >= 0)",
            "The daily counting capacity cannot be negative.",
        ),
        (
            "count_catch_up_days_positive",
            "check(count_catch_up_days >= 0)",
            "The catch-up horizon cannot be negative.",
        ),
    ]

    # Managers -----------------------------------------------------------------

    def write(self, vals):
        # Managers may write warehouses (access rights) for their counting settings only;
        # the rest of a warehouse's set-up stays with Inventory administrators.
        other_fields = set(vals) - COUNTING_FIELDS
        if other_fields and not self.env.su and not self.env.user.has_group("stock.group_stock_manager"):
            names = sorted(self._fields[name].string for name in other_fields if name in self._fields)
            raise AccessError(
                _(
                    "Only Inventory administrators change a warehouse's %(fields)s. Managers set its "
                    "counting: counters, count responsible, counting calendar and lines per counter.",
                    fields=", ".join(names) or ", ".join(sorted(other_fields)),
                )
            )
        return super().write(vals)

    # Calendar -----------------------------------------------------------------

    def _count_working_days(self, date_from, date_to):
        """The working days in [date_from, date_to) under the counting calendar."""
        self.ensure_one()
        calendar = self.count_calendar_id or self.company_id.resource_calendar_id
        if not calendar:
            raise UserError(_("Give %(warehouse)s a counting calendar.", warehouse=self.name))
        tz = pytz.timezone(calendar.tz or "UTC")
        start = tz.localize(datetime.combine(date_from, time.min))
        end = tz.localize(datetime.combine(date_to, time.min))
        intervals = calendar._work_intervals_batch(start, end)[False]
        return sorted({interval_start.astimezone(tz).date() for interval_start, _end, _rec in intervals})

    def _count_calendar(self, day):
        """The working days of the year before ``day`` and of the year from it (the calendar
        is read once a daily count: it is slow)."""
        return self._count_working_days(day - timedelta(days=366), day + timedelta(days=366))

    def _count_calendar_position(self, day, days=None):
        """(is ``day`` a working day, its index among the year's working days, working days
        in the 365 days from ``day``, the eve of the next working day, the working days of
        the 366 days from ``day``). ``days``: ``_count_calendar(day)``, if read already."""
        self.ensure_one()
        year_start = date(day.year, 1, 1)
        if days is None:
            days = self._count_working_days(year_start, day + timedelta(days=366))
        days = [working_day for working_day in days if working_day >= year_start]
        index = sum(1 for working_day in days if working_day < day)
        ahead = [working_day for working_day in days if working_day >= day]
        days_in_year = sum(1 for working_day in ahead if working_day < day + timedelta(days=365))
        next_day = next((working_day for working_day in ahead if working_day > day), day + timedelta(days=1))
        return day in days, index, days_in_year, next_day - timedelta(days=1), ahead

    def _count_catch_up_horizon(self):
        """Days over which a backlog is caught up: the warehouse's, or the shortest class interval."""
        self.ensure_one()
        if self.count_catch_up_days:
            return self.count_catch_up_days
        most = max(
            self.env["stock.abc.class"]
            .sudo()
            .search([("company_id", "=", self.company_id.id)])
            .mapped("counts_per_year"),
            default=12,
        )
        return planning.count_interval(most)

    # Items --------------------------------------------------------------------

    def _cycle_count_items(self, day=None, calendar_days=None):
        """Items of the warehouse with their due dates as of ``day`` (default: today):
        ([planning.Item], keys of the items waiting on a count still open).
        ``calendar_days``: ``_count_calendar(day)``, if read already."""
        self.ensure_one()
        day = day or fields.Date.context_today(self)
        no_movement = self.company_id._abc_no_movement_class()
        calendar = self.count_calendar_id or self.company_id.resource_calendar_id
        self.env.flush_all()
        self.env.cr.execute(
            ITEMS_QUERY,
            {
                "warehouse": self.id,
                "company": self.company_id.id,
                "default_counts": no_movement.counts_per_year or 1,
                "default_sequence": no_movement.sequence or 1000,
                "tz": calendar.tz or "UTC",
            },
        )
        rows = self.env.cr.fetchall()
        items, stocked_on, intervals = [], {}, {}
        for row in rows:
            product_id, location_id, lot_id, counts_per_year, class_sequence, last_count, stocked = row[:7]
            interval = intervals.get(counts_per_year)
            if interval is None:
                interval = intervals[counts_per_year] = planning.count_interval(counts_per_year)
            key = (product_id, location_id, lot_id)
            due = last_count + timedelta(days=interval) if last_count else None
            items.append(planning.Item(key, due, interval, class_sequence, row[7:11]))
            # Stock recorded after ``day`` (a day planned in the past) counts as stocked on it.
            stocked_on[key] = min(stocked or day, day)
        items = self._with_first_due_dates(items, stocked_on, day, calendar_days)
        return items, {row[:3] for row in rows if row[-1]}

    def _with_first_due_dates(self, items, stocked_on, day, calendar_days=None):
        """``items``, those never counted with their first due date (planning.first_due_dates).
        The items stocked on the same day in the same interval keep their places whether
        counted or not, so that the others' first due dates do not move."""
        groups = {(stocked_on[item.key], item.interval) for item in items if item.due is None}
        if not groups:
            return items
        entries = [
            (item.key, stocked_on[item.key], item.interval, item.walk)
            for item in items
            if (stocked_on[item.key], item.interval) in groups
        ]
        # Items stocked over a year ago and never counted are spread over calendar days:
        # they are overdue whatever their day.
        first_day = day - timedelta(days=366)
        if calendar_days is None:
            calendar_days = self._count_calendar(day)
        first_dues = planning.first_due_dates(
            entries, calendar_days, covered_from=first_day, covered_to=day + timedelta(days=366)
        )
        Item = planning.Item
        return [
            item
            if item.due
            else Item(item.key, first_dues[item.key], item.interval, item.class_sequence, item.walk)
            for item in items
        ]

    def _count_load(self, items, working_days_ahead):
        """Average lines a working day: every item as often as its class asks."""
        return planning.average_load([365 / item.interval for item in items], working_days_ahead)

    # The daily count ----------------------------------------------------------

    @api.model
    def _cron_build_cycle_counts(self):
        today = fields.Date.context_today(self)
        for warehouse in self.sudo().search([("count_counter_ids", "!=", False)]):
            warehouse = warehouse.with_company(warehouse.company_id)
            try:
                with self.env.cr.savepoint():
                    warehouse._build_cycle_count_and_forecast(today)
            except (UserError, ValidationError) as error:
                # One warehouse's set-up (e.g. no calendar) does not stop the others' counts.
                _logger.warning("No daily count for warehouse %s: %s", warehouse.name, error)

    def _build_cycle_count_and_forecast(self, day):
        """The day's count; the year's forecast again only when the day departs from it
        (another number of lines or load, a catch-up), or when there is none. A day off
        leaves it as it is."""
        self.ensure_one()
        Schedule = self.env["stock.count.schedule"].sudo()
        domain = [("warehouse_id", "=", self.id), ("date", "=", day)]
        forecast = Schedule.search(domain + [("is_forecast", "=", True)], limit=1)
        expected = (forecast.planned_count, round(forecast.average_load, 1)) if forecast else None
        self._build_cycle_count(day)
        built = Schedule.search(domain + [("is_forecast", "=", False)], limit=1)
        if not built:
            if not Schedule.search_count(
                [("warehouse_id", "=", self.id), ("is_forecast", "=", True), ("date", ">", day)], limit=1
            ):
                self._refresh_count_forecast(day)
            return
        if (
            expected != (built.planned_count - built.exception_count, round(built.average_load, 1))
            or built.clear_by_date
            or forecast.clear_by_date
        ):
            self._refresh_count_forecast(day)

    def _build_cycle_count(self, day):
        """Today's cycle count of the warehouse: the pending exceptions, then the items
        due, as many as the day's share of the load (and the capacity) allows; a backlog
        is a catch-up plan (planning.plan_day), most urgent first.
        Safe to run twice: the day's count is built once."""
        self.ensure_one()
        Session = self.env["stock.count.session"].sudo()
        built = (
            self.env["stock.count.schedule"]
            .sudo()
            .search(
                [("warehouse_id", "=", self.id), ("date", "=", day), ("is_forecast", "=", False)], limit=1
            )
        )
        if built or not self.count_counter_ids:
            return built.session_id
        calendar_days = self._count_calendar(day)
        is_working_day, index, days_ahead, last_day, ahead = self._count_calendar_position(day, calendar_days)
        if not is_working_day:
            return Session
        items, open_keys = self._cycle_count_items(day, calendar_days)
        load = self._count_load(items, days_ahead)
        exceptions = (
            self.env["stock.count.exception"]
            .sudo()
            .search([("warehouse_id", "=", self.id), ("state", "=", "pending")], order="id")
        )
        exception_of_key = {}
        for exception in exceptions:
            exception_of_key.setdefault(exception._item_key(), exception)
        capacity = None
        if self.count_capacity:
            capacity = max(self.count_capacity * len(self.count_counter_ids) - len(exception_of_key), 0)
        candidates = [
            item for item in items if item.key not in exception_of_key and item.key not in open_keys
        ]
        due_count = sum(1 for item in candidates if item.due <= last_day)
        plan = planning.plan_day(
            due_count,
            planning.daily_target(load, index),
            load,
            ahead,
            self._count_catch_up_horizon(),
            self._count_catch_up_running(day),
            capacity,
        )
        planned = planning.select_items(candidates, day, last_day, plan)
        walk_of = {item.key: item.walk for item in items}
        keys = [(item.key, "cycle") for item in planned] + [
            (key, exception.reason) for key, exception in exception_of_key.items()
        ]
        session = self._create_cycle_session(day, keys, walk_of) if keys else Session
        exceptions._link_to_session(session)
        self.env["stock.count.schedule"].sudo()._record_day(
            self, day, session, load, max(due_count - len(planned), 0), plan
        )
        return session

    def _count_catch_up_running(self, day):
        """The catch-up of the last day counted before ``day`` (a planning.DayPlan), if any."""
        last = (
            self.env["stock.count.schedule"]
            .sudo()
            .search(
                [("warehouse_id", "=", self.id), ("is_forecast", "=", False), ("date", "<", day)],
                order="date desc",
                limit=1,
            )
        )
        if not last.clear_by_date:
            return None
        return planning.DayPlan(
            last.planned_count, last.catch_up_count, last.clear_by_date, last.capacity_short
        )

    def _create_cycle_session(self, day, keys, walk_of):
        """A cycle count in progress with one line per (item key, reason), in walking order,
        the warehouse's counters each getting a stretch of whole locations."""
        self.ensure_one()
        Location = self.env["stock.location"]
        keys = sorted(
            keys,
            key=lambda entry: (
                walk_of.get(entry[0]) or self._walk_key(Location.browse(entry[0][1])),
                entry[0],
            ),
        )
        counter_of_location = self._split_route([key[1] for key, _reason in keys])
        location_ids = list(dict.fromkeys(key[1] for key, _reason in keys))
        session = (
            self.env["stock.count.session"]
            .sudo()
            .create(
                {
                    "kind": "cycle",
                    "company_id": self.company_id.id,
                    "warehouse_id": self.id,
                    "schedule_date": day,
                    "user_id": self.count_responsible_id.id or False,
                    "location_ids": [Command.set(location_ids)],
                    "include_child_locations": False,
                    "counter_ids": [Command.set(self.count_counter_ids.ids)],
                }
            )
        )
        self.env["stock.count.line"]._insert_lines_to_count(
            session,
            [
                {
                    "product_id": product_id,
                    "location_id": location_id,
                    "lot_id": lot_id,
                    "counter_id": counter_of_location[location_id],
                    "schedule_reason": reason,
                }
                for (product_id, location_id, lot_id), reason in keys
            ],
        )
        session.write({"state": "in_progress", "date_start": fields.Datetime.now()})
        return session

    @api.model
    def _walk_key(self, location):
        return (location.posx, location.posy, location.posz, location.complete_name)

    def _split_route(self, line_locations):
        """{location id: counter id}: the route (locations in walking order, one entry per
        line) cut into one stretch per counter of about the same number of lines."""
        counters = self.count_counter_ids.ids
        total = len(line_locations)
        assignment = {}
        for position, location_id in enumerate(line_locations):
            assignment.setdefault(location_id, counters[position * len(counters) // total])
        return assignment

    def _refresh_count_forecast(self, day):
        """The planned load of the coming year's working days, as the daily action will
        plan it if each day's count is done (the catch-up of a backlog included)."""
        self.ensure_one()
        horizon = self._count_catch_up_horizon()
        year_end = day + timedelta(days=366)
        days = self._count_working_days(day + timedelta(days=1), year_end + timedelta(days=horizon))
        working_days = [working_day for working_day in days if working_day < year_end]
        if not working_days:
            return
        _is_working_day, index, days_ahead, _last_day, _ahead = self._count_calendar_position(working_days[0])
        items, open_keys = self._cycle_count_items(working_days[0])
        # The lists still open are counted as planned, by the day.
        items = [
            item._replace(due=day + timedelta(days=item.interval)) if item.key in open_keys else item
            for item in items
        ]
        load = self._count_load(items, days_ahead)
        capacity = self.count_capacity * len(self.count_counter_ids) if self.count_capacity else None
        _sizes, _counts, plans = planning.simulate(
            items,
            working_days,
            load,
            first_index=index,
            capacity=capacity,
            horizon=horizon,
            running=self._count_catch_up_running(working_days[0]),
            later_days=days[len(working_days) :],
        )
        self.env["stock.count.schedule"].sudo()._record_forecast(self, dict(zip(working_days, plans)), load)
