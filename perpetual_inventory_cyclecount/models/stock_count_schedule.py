from odoo import api, fields, models


class StockCountSchedule(models.Model):
    """One warehouse on one working day of the cycle-count programme: the load planned
    (forecast for days to come, the actual list once the day's count is built), what
    was counted, what stayed overdue and the catch-up planned for it."""

    _name = "stock.count.schedule"
    _description = "Count Schedule"
    _order = "date desc, warehouse_id"
    _check_company_auto = True

    warehouse_id = fields.Many2one(
        "stock.warehouse", required=True, index=True, readonly=True, check_company=True
    )
    company_id = fields.Many2one(related="warehouse_id.company_id", store=True, index=True)
    date = fields.Date(required=True, index=True, readonly=True)
    is_forecast = fields.Boolean(
        string="Forecast",
        readonly=True,
        help="A day to come: its load is what the daily action will plan if each count is done.",
    )
    session_id = fields.Many2one("stock.count.session", string="Count", readonly=True, index="btree_not_null")
    average_load = fields.Float(string="Average Daily Load", readonly=True, digits=(16, 1), aggregator="avg")
    planned_count = fields.Integer(string="Planned Lines", readonly=True)
    exception_count = fields.Integer(string="Exception Lines", compute="_compute_session_figures", store=True)
    counted_count = fields.Integer(string="Counted Lines", compute="_compute_session_figures", store=True)
    overdue_count = fields.Integer(
        string="Overdue",
        readonly=True,
        help="Items due that did not fit in the day's count: the catch-up plans them on the coming days.",
    )
    catch_up_count = fields.Integer(
        string="Catch-up Lines",
        readonly=True,
        help="Lines beyond the day's load, counting a backlog of items overdue.",
    )
    clear_by_date = fields.Date(
        string="Planned to Clear By",
        readonly=True,
        help="A backlog is being caught up: the day by which the items overdue are planned to be "
        "counted and the coverage met again (with the counters' capacity, when the capacity left "
        "by the load has counted them).",
    )
    capacity_short = fields.Boolean(
        string="Capacity Below Load",
        readonly=True,
        help="The counters' capacity is below the daily load: the backlog cannot clear. "
        "Raise the capacity or add counters.",
    )

    _sql_constraints = [
        ("warehouse_date_uniq", "unique(warehouse_id, date)", "One schedule row per warehouse and day."),
    ]

    @api.depends("session_id.line_ids.state", "session_id.line_ids.schedule_reason")
    def _compute_session_figures(self):
        # Counted by the database: a daily count has thousands of lines.
        figures = {}
        for session, state, reason, count in (
            self.env["stock.count.line"]
            .sudo()
            ._read_group(
                [
                    ("session_id", "in", self.session_id.ids),
                    ("count_round", "=", 1),
                    ("state", "!=", "cancel"),
                ],
                ["session_id", "state", "schedule_reason"],
                ["__count"],
            )
        ):
            exceptions, counted = figures.get(session.id, (0, 0))
            figures[session.id] = (
                exceptions + (count if reason not in (False, "cycle") else 0),
                counted + (count if state != "to_count" else 0),
            )
        for day in self:
            day.exception_count, day.counted_count = figures.get(day.session_id.id, (0, 0))

    @api.model
    def _record_day(self, warehouse, day, session, load, overdue, plan):
        """The day's count, ``plan`` the day's planning.DayPlan."""
        vals = {
            "is_forecast": False,
            "session_id": session.id,
            "average_load": load,
            "planned_count": len(session.line_ids),
            "overdue_count": overdue,
            **self._catch_up_values(plan),
        }
        row = self.search([("warehouse_id", "=", warehouse.id), ("date", "=", day)])
        if row:
            row.write(vals)
        else:
            row = self.create({"warehouse_id": warehouse.id, "date": day, **vals})
        return row

    @api.model
    def _record_forecast(self, warehouse, plans, load):
        """Replace the forecast of the warehouse by {day: planning.DayPlan}."""
        self.search([("warehouse_id", "=", warehouse.id), ("is_forecast", "=", True)]).unlink()
        self.create(
            [
                {
                    "warehouse_id": warehouse.id,
                    "date": day,
                    "is_forecast": True,
                    "planned_count": plan.size,
                    "average_load": load,
                    **self._catch_up_values(plan),
                }
                for day, plan in plans.items()
            ]
        )

    @api.model
    def _catch_up_values(self, plan):
        return {
            "catch_up_count": plan.catch_up,
            "clear_by_date": plan.clear_by or False,
            "capacity_short": plan.capacity_short,
        }

    def action_open_session(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "stock.count.session",
            "view_mode": "form",
            "res_id": self.session_id.id,
        }
