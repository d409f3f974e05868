import logging
from datetime import date, datetime, time, timedelta

import pytz

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import planning

_logger = logging.getLogger(__name__)

# Items of a warehouse with stock, their class, last count and walking order, and
# whether a count still open (a line to count in a session in progress) holds them.
ITEMS_QUERY = """
WITH warehouse_locations AS (
    SELECT id, posx, posy, posz, complete_name
      FROM stock_location
     WHERE warehouse_id = %(warehouse)s AND usage = 'internal'
), items AS (
    SELECT quant.product_id, quant.location_id, COALESCE(quant.lot_id, 0) AS lot_id
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
       loc.posx, loc.posy, loc.posz, loc.complete_name, open_lines.product_id IS NOT NULL AS is_open
  FROM items
  JOIN warehouse_locations loc ON loc.id = items.location_id
  JOIN product_product product ON product.id = items.product_id
  JOIN product_template template ON template.id = product.product_tmpl_id AND template.is_storable
  LEFT JOIN stock_abc_class abc ON abc.id = product.abc_class_id AND abc.company_id = %(company)s
  LEFT JOIN last_counts USING (product_id, location_id, lot_id)
  LEFT JOIN open_lines USING (product_id, location_id, lot_id)
"""


class StockWarehouse(models.Model):
    _name = "stock.warehouse"
    _inherit = ["stock.warehouse", "perpetual.input.guard"]

    count_counter_ids = fields.Many2many(
        "res.users", "stock_warehouse_count_counter_rel", "warehouse_id", "user_id", string="Counters",
        domain=lambda self: [("groups_id", "in", self.env.ref("perpetual_inventory.group_counter").id)],
        help="Who counts this warehouse's daily cycle count; each gets whole locations. "
        "No counters: the warehouse gets no daily count.",
    )
    count_responsible_id = fields.Many2one(
        "res.users", string="Count Responsible",
        domain=lambda self: [("groups_id", "in", self.env.ref("perpetual_inventory.group_manager").id)],
        help="Responsible of the daily counts, who approves their variances first.",
    )
    count_calendar_id = fields.Many2one(
        "resource.calendar", string="Counting Calendar",
        default=lambda self: self.env.company.resource_calendar_id,
        help="Working days of the warehouse: daily counts are planned on these days only.",
    )
    count_capacity = fields.Integer(
        string="Lines per Counter and Day",
        help="Caps the daily count at this many lines per counter. Zero: no cap.",
    )

    _sql_constraints = [
        ("count_capacity_positive", "check(count_capacity >= 0)", "The daily counting capacity cannot be negative."),
    ]

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

    def _count_calendar_position(self, day):
        """(is ``day`` a working day, its index among the year's working days, working days
        in the 365 days from ``day``, the eve of the next working day)."""
        self.ensure_one()
        year_start = date(day.year, 1, 1)
        days = self._count_working_days(year_start, day + timedelta(days=366))
        index = sum(1 for working_day in days if working_day < day)
        ahead = sum(1 for working_day in days if day <= working_day < day + timedelta(days=365))
        next_day = next((working_day for working_day in days if working_day > day), day + timedelta(days=1))
        return day in days, index, ahead, next_day - timedelta(days=1)

    # Items --------------------------------------------------------------------

    def _cycle_count_items(self):
        """Items of the warehouse with their due dates: ([planning.Item], keys of the items
        waiting on a count still open)."""
        self.ensure_one()
        no_movement = self.company_id._abc_no_movement_class()
        calendar = self.count_calendar_id or self.company_id.resource_calendar_id
        self.env.flush_all()
        self.env.cr.execute(ITEMS_QUERY, {
            "warehouse": self.id,
            "company": self.company_id.id,
            "default_counts": no_movement.counts_per_year or 1,
            "default_sequence": no_movement.sequence or 1000,
            "tz": calendar.tz or "UTC",
        })
        rows = self.env.cr.fetchall()
        items = [
            planning.Item(
                key=(product_id, location_id, lot_id),
                due=planning.due_date(last_count, counts_per_year),
                interval=planning.count_interval(counts_per_year),
                class_sequence=class_sequence,
                walk=(posx, posy, posz, complete_name),
            )
            for product_id, location_id, lot_id, counts_per_year, class_sequence, last_count,
            posx, posy, posz, complete_name, _is_open in rows
        ]
        return items, {row[:3] for row in rows if row[-1]}

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
                    warehouse._build_cycle_count(today)
                    warehouse._refresh_count_forecast(today)
            except (UserError, ValidationError) as error:
                # One warehouse's set-up (e.g. no calendar) does not stop the others' counts.
                _logger.warning("No daily count for warehouse %s: %s", warehouse.name, error)

    def _build_cycle_count(self, day):
        """Today's cycle count of the warehouse: the pending exceptions, then the items
        due, as many as the day's share of the yearly load (and the capacity) allows.
        Safe to run twice: the day's count is built once."""
        self.ensure_one()
        Session = self.env["stock.count.session"].sudo()
        built = self.env["stock.count.schedule"].sudo().search(
            [("warehouse_id", "=", self.id), ("date", "=", day), ("is_forecast", "=", False)], limit=1)
        if built or not self.count_counter_ids:
            return built.session_id
        is_working_day, index, days_ahead, last_day = self._count_calendar_position(day)
        if not is_working_day:
            return Session
        items, open_keys = self._cycle_count_items()
        load = self._count_load(items, days_ahead)
        exceptions = self.env["stock.count.exception"].sudo().search(
            [("warehouse_id", "=", self.id), ("state", "=", "pending")], order="id")
        exception_of_key = {}
        for exception in exceptions:
            exception_of_key.setdefault(exception._item_key(), exception)
        capacity = None
        if self.count_capacity:
            capacity = max(self.count_capacity * len(self.count_counter_ids) - len(exception_of_key), 0)
        candidates = [item for item in items if item.key not in exception_of_key and item.key not in open_keys]
        planned = planning.select_items(candidates, planning.daily_target(load, index), last_day, capacity)
        planned_keys = {item.key for item in planned}
        overdue = sum(1 for item in candidates
                      if item.key not in planned_keys and (item.due is None or item.due <= day))
        walk_of = {item.key: item.walk for item in items}
        keys = [(item.key, "cycle") for item in planned] + [
            (key, exception.reason) for key, exception in exception_of_key.items()]
        session = self._create_cycle_session(day, keys, walk_of) if keys else Session
        exceptions._link_to_session(session)
        self.env["stock.count.schedule"].sudo()._record_day(self, day, session, load, overdue)
        return session

    def _create_cycle_session(self, day, keys, walk_of):
        """A cycle count in progress with one line per (item key, reason), in walking order,
        the warehouse's counters each getting a stretch of whole locations."""
        self.ensure_one()
        Location = self.env["stock.location"]
        keys = sorted(keys, key=lambda entry: (walk_of.get(entry[0]) or self._walk_key(Location.browse(entry[0][1])),
                                                entry[0]))
        counter_of_location = self._split_route([key[1] for key, _reason in keys])
        location_ids = list(dict.fromkeys(key[1] for key, _reason in keys))
        session = self.env["stock.count.session"].sudo().create({
            "kind": "cycle",
            "company_id": self.company_id.id,
            "warehouse_id": self.id,
            "schedule_date": day,
            "user_id": self.count_responsible_id.id or False,
            "location_ids": [Command.set(location_ids)],
            "include_child_locations": False,
            "counter_ids": [Command.set(self.count_counter_ids.ids)],
            "line_ids": [Command.create({
                "product_id": product_id,
                "location_id": location_id,
                "lot_id": lot_id or False,
                "counter_id": counter_of_location[location_id],
                "schedule_reason": reason,
            }) for (product_id, location_id, lot_id), reason in keys],
        })
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
        plan it if each day's count is done."""
        self.ensure_one()
        working_days = self._count_working_days(day + timedelta(days=1), day + timedelta(days=366))
        if not working_days:
            return
        _is_working_day, index, days_ahead, _last_day = self._count_calendar_position(working_days[0])
        items, _open_keys = self._cycle_count_items()
        load = self._count_load(items, days_ahead)
        capacity = self.count_capacity * len(self.count_counter_ids) if self.count_capacity else None
        sizes, _counts = planning.simulate(items, working_days, load, first_index=index, capacity=capacity)
        self.env["stock.count.schedule"].sudo()._record_forecast(self, dict(zip(working_days, sizes)), load)
