"""Daily KPI snapshots: one row per day, company, warehouse and ABC class.

Each KPI family fills a temporary staging table with one INSERT ... SELECT grouped by
GROUPING SETS (per class, and all classes together); one final INSERT turns the staged
numerators and denominators into the stored rows. Ratios are stored, and so are the
figures behind them, so that the dashboard can add warehouses and days up exactly.
Days are UTC calendar days.
"""

from datetime import datetime, time, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.osv import expression
from odoo.tools.misc import format_date

from odoo.addons.perpetual_inventory.tools import (
    check_date,
    check_record_id,
    replica_env,
    try_job_lock,
)

DECIDED_LINE_STATES = ("accepted", "confirmed", "applied", "variance")
SALES_WINDOW_DAYS = 90
MAX_CATCH_UP_DAYS = 31
# KPIs whose figure covers the days up to the day shown, not the day alone.
KPI_WINDOW_DAYS = {"cogs_30": 30, "turnover": 365, "dsi": 365}

# The longest range the backfill wizard takes in one request (each day is a few seconds
# on a large database; a request must end before the worker's time limit).
MAX_BACKFILL_DAYS = 366
# Figures staged by the KPI families, summed per snapshot row.
STAGED_FIGURES = (
    "count_lines",
    "count_lines_ok",
    "count_expected_qty",
    "count_difference_qty",
    "inventory_value",
    "average_inventory_value",
    "cogs_day",
    "cogs_30",
    "cogs_365",
    "picked_lines",
    "pick_errors",
    "stocked_skus",
    "stockout_skus",
    "shrinkage_value",
    "scheduled_lines",
    "scheduled_lines_done",
    "scan_picked_lines",
    "scan_picked_lines_ok",
    *(
        f"scan_{kind}_{figure}"
        for kind in ("receipt", "pick", "internal")
        for figure in ("lines", "units", "hours")
    ),
)
# The Operations screen's kinds of transfer, by their operation type's code.
SCAN_KINDS = {"receipt": "incoming", "pick": "outgoing", "internal": "internal"}
# Two steps of a user further apart than this are two work stretches: the gap is not worked time.
WORK_GAP_MINUTES = 15
# A product's class in the company of the row, or none.
CLASS_JOIN = """
    JOIN product_product pp ON pp.id = base.product_id
    LEFT JOIN stock_abc_class ac ON ac.id = pp.abc_class_id AND ac.company_id = base.company_id
"""
GROUPING = """
    GROUP BY GROUPING SETS ((base.company_id, base.warehouse_id, ac.id), (base.company_id, base.warehouse_id))
"""
KEY_COLUMNS = "base.company_id, base.warehouse_id, ac.id, GROUPING(ac.id) = 1"


class StockKpiSnapshot(models.Model):
    _name = "stock.kpi.snapshot"
    _description = "Inventory KPI Snapshot"
    _order = "date desc, company_id, warehouse_id, abc_class_id"
    _rec_name = "date"

    date = fields.Date(required=True, readonly=True, index=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    warehouse_id = fields.Many2one(
        "stock.warehouse",
        readonly=True,
        index=True,
        ondelete="cascade",
        help="Empty: valuation layers that belong to no warehouse (revaluations, "
        "locations outside a warehouse).",
    )
    abc_class_id = fields.Many2one(
        "stock.abc.class",
        string="ABC Class",
        readonly=True,
        index=True,
        ondelete="cascade",
        help="Empty: all products of the warehouse, classified or not.",
    )

    # Record accuracy and quantity accuracy.
    count_lines = fields.Integer(
        string="Counted Lines",
        readonly=True,
        help="Count lines decided on the day (accepted or with a confirmed difference); "
        "each is judged on its own, so gains never offset losses.",
    )
    count_lines_ok = fields.Integer(
        string="Lines Within Tolerance",
        readonly=True,
        help="Decided count lines whose counted quantity was within the tolerance of the "
        "product's ABC class (or the company's).",
    )
    record_accuracy = fields.Float(
        string="Record Accuracy (%)",
        readonly=True,
        aggregator="avg",
        digits=(5, 2),
        help="Inventory record accuracy: counted lines within tolerance / counted lines of "
        "the day. Empty on a day without counts. Target: the company's record accuracy target.",
    )
    count_expected_qty = fields.Float(
        string="Expected Quantity Counted",
        readonly=True,
        help="Σ |expected quantity| of the day's decided count lines.",
    )
    count_difference_qty = fields.Float(
        string="Absolute Count Difference",
        readonly=True,
        help="Σ |counted − expected| of the day's decided count lines.",
    )
    quantity_accuracy = fields.Float(
        string="Quantity Accuracy (%)",
        readonly=True,
        aggregator="avg",
        digits=(5, 2),
        help="1 − Σ |counted − expected| / Σ |expected| over the day's decided count lines, "
        "never below 0 %. Empty on a day without counts.",
    )

    # Value, COGS, turnover.
    inventory_value = fields.Monetary(
        readonly=True,
        aggregator="sum",
        help="Value of the stock at the end of the day: Σ of the valuation layers created until then.",
    )
    average_inventory_value = fields.Monetary(
        readonly=True,
        aggregator="sum",
        help="Average of the day-end inventory values of the trailing 365 days.",
    )
    cogs_day = fields.Monetary(
        string="COGS of the Day",
        readonly=True,
        help="Cost of goods sold on the day: value of the valuation layers of deliveries to "
        "customers (and POS orders) net of customer returns.",
    )
    cogs_30 = fields.Monetary(string="COGS 30 Days", readonly=True, help="COGS of the trailing 30 days.")
    cogs_365 = fields.Monetary(string="COGS 365 Days", readonly=True, help="COGS of the trailing 365 days.")
    turnover = fields.Float(
        string="Inventory Turnover",
        readonly=True,
        aggregator="avg",
        digits=(16, 2),
        help="Annualised COGS (trailing 365 days) / average inventory value of those days. Should rise.",
    )
    dsi = fields.Float(
        string="Days Sales of Inventory",
        readonly=True,
        aggregator="avg",
        digits=(16, 1),
        help="Average inventory value / COGS of the trailing 365 days × 365. Should fall.",
    )

    # Pick accuracy.
    picked_lines = fields.Integer(
        readonly=True,
        help="Done delivery moves (customer deliveries and POS orders) of the day.",
    )
    pick_errors = fields.Integer(
        readonly=True,
        help="Customer return moves of the day whose return reason is a picking error, plus "
        "count variances posted on the day with a picking-error reason.",
    )
    pick_accuracy = fields.Float(
        string="Pick Accuracy (%)",
        readonly=True,
        aggregator="avg",
        digits=(5, 2),
        help="Order pick accuracy: (picked lines − picking errors) / picked lines, never below "
        "0 %. Empty on a day without deliveries. Target: the company's pick accuracy target.",
    )

    # Stockouts.
    stocked_skus = fields.Integer(
        string="Stocked SKUs",
        readonly=True,
        help="Storable products of the warehouse with a reordering rule or a sale in the "
        "90 days up to the day.",
    )
    stockout_skus = fields.Integer(
        string="SKUs Out of Stock",
        readonly=True,
        help="Stocked SKUs with on-hand ≤ 0 in the warehouse at the end of the day.",
    )
    stockout_rate = fields.Float(
        string="Stockout Rate (%)",
        readonly=True,
        aggregator="avg",
        digits=(5, 2),
        help="Stocked SKUs out of stock / stocked SKUs. Target: below the company's stockout target.",
    )

    # Shrinkage.
    shrinkage_value = fields.Monetary(
        readonly=True,
        help="Value lost on the day: posted negative variances plus write-offs (scraps), by "
        "their valuation layers. Should fall.",
    )
    shrinkage_ids = fields.One2many(
        "stock.kpi.shrinkage",
        "snapshot_id",
        string="Shrinkage by Reason",
        readonly=True,
    )

    # Count coverage.
    scheduled_lines = fields.Integer(
        readonly=True,
        help="Cycle-count lines due on the day (the daily count of the warehouse).",
    )
    scheduled_lines_done = fields.Integer(
        string="Done by Due Date",
        readonly=True,
        help="Of those, the lines counted by the end of the day.",
    )
    count_coverage = fields.Float(
        string="Count Coverage (%)",
        readonly=True,
        aggregator="avg",
        digits=(5, 2),
        help="Share of the cycle counts due on the day that were done by their due date.",
    )

    # Scan-verified pick accuracy (the Operations screen's scan log).
    scan_picked_lines = fields.Integer(
        string="Lines Picked by Scan",
        readonly=True,
        help="Delivery lines done on the day that were confirmed by a scan on the Operations screen.",
    )
    scan_picked_lines_ok = fields.Integer(
        string="Right First Time",
        readonly=True,
        help="Of those, the lines whose pick had no wrong product or wrong bin scanned before them: "
        "a pick error caught counts against the line its picker confirmed next on that transfer.",
    )
    scan_pick_accuracy = fields.Float(
        string="Pick Accuracy, Scan-Verified (%)",
        readonly=True,
        aggregator="avg",
        digits=(5, 2),
        help="Lines picked with every scan right first time / lines picked by scan. Empty on a day "
        "without scanned picks. Target: the company's pick accuracy target.",
    )

    # Productivity (the Operations screen's scan log), on the all-classes rows only: time
    # is a person's, not a product class's.
    scan_receipt_lines = fields.Integer(
        string="Receipt Lines Scanned",
        readonly=True,
        help="Receipt lines (transfer moves) given a quantity by scan or by hand on the Operations "
        "screen on the day, undone steps excepted.",
    )
    scan_receipt_units = fields.Float(
        string="Receipt Units Scanned",
        readonly=True,
        digits="Product Unit of Measure",
        help="Net quantity scanned or typed on those lines, in their units of measure.",
    )
    scan_receipt_hours = fields.Float(
        string="Receipt Person-Hours",
        readonly=True,
        digits=(16, 2),
        help="Time worked on receipt transfers: per user, the time between consecutive steps "
        "on the Operations screen at most 15 minutes apart, each given to the transfer of the "
        "later step.",
    )
    receipt_lines_per_hour = fields.Float(
        string="Receipt Lines per Person-Hour",
        readonly=True,
        aggregator="avg",
        digits=(16, 2),
        help="Receipt lines scanned / person-hours. Empty without scanning time. Should rise.",
    )
    receipt_units_per_hour = fields.Float(
        string="Receipt Units per Person-Hour",
        readonly=True,
        aggregator="avg",
        digits=(16, 2),
        help="Receipt units scanned / person-hours. Empty without scanning time. Should rise.",
    )
    scan_pick_lines = fields.Integer(
        string="Pick Lines Scanned",
        readonly=True,
        help="Pick lines (transfer moves) given a quantity by scan or by hand on the Operations "
        "screen on the day, undone steps excepted.",
    )
    scan_pick_units = fields.Float(
        string="Pick Units Scanned",
        readonly=True,
        digits="Product Unit of Measure",
        help="Net quantity scanned or typed on those lines, in their units of measure.",
    )
    scan_pick_hours = fields.Float(
        string="Pick Person-Hours",
        readonly=True,
        digits=(16, 2),
        help="Time worked on pick transfers: per user, the time between consecutive steps "
        "on the Operations screen at most 15 minutes apart, each given to the transfer of the "
        "later step.",
    )
    pick_lines_per_hour = fields.Float(
        string="Pick Lines per Person-Hour",
        readonly=True,
        aggregator="avg",
        digits=(16, 2),
        help="Pick lines scanned / person-hours. Empty without scanning time. Should rise.",
    )
    pick_units_per_hour = fields.Float(
        string="Pick Units per Person-Hour",
        readonly=True,
        aggregator="avg",
        digits=(16, 2),
        help="Pick units scanned / person-hours. Empty without scanning time. Should rise.",
    )
    scan_internal_lines = fields.Integer(
        string="Internal Lines Scanned",
        readonly=True,
        help="Internal lines (transfer moves) given a quantity by scan or by hand on the Operations "
        "screen on the day, undone steps excepted.",
    )
    scan_internal_units = fields.Float(
        string="Internal Units Scanned",
        readonly=True,
        digits="Product Unit of Measure",
        help="Net quantity scanned or typed on those lines, in their units of measure.",
    )
    scan_internal_hours = fields.Float(
        string="Internal Person-Hours",
        readonly=True,
        digits=(16, 2),
        help="Time worked on internal transfers: per user, the time between consecutive steps "
        "on the Operations screen at most 15 minutes apart, each given to the transfer of the "
        "later step.",
    )
    internal_lines_per_hour = fields.Float(
        string="Internal Lines per Person-Hour",
        readonly=True,
        aggregator="avg",
        digits=(16, 2),
        help="Internal lines scanned / person-hours. Empty without scanning time. Should rise.",
    )
    internal_units_per_hour = fields.Float(
        string="Internal Units per Person-Hour",
        readonly=True,
        aggregator="avg",
        digits=(16, 2),
        help="Internal units scanned / person-hours. Empty without scanning time. Should rise.",
    )

    def init(self):
        # One row per day, company, warehouse and class (empty ones included); the
        # dashboard reads a company's days through it.
        self.env.cr.execute("""
            CREATE UNIQUE INDEX IF NOT EXISTS stock_kpi_snapshot_day_row_unique
                ON stock_kpi_snapshot (company_id, date, COALESCE(warehouse_id, 0), COALESCE(abc_class_id, 0))
        """)
        # Productivity reads a day of the Operations scan log by its time.
        self.env.cr.execute("""
            CREATE INDEX IF NOT EXISTS stock_operation_scan_kpi_create_date_index
                ON stock_operation_scan (create_date)
        """)

    # ------------------------------------------------------------------
    # Building snapshots
    # ------------------------------------------------------------------

    @api.model
    def _cron_snapshot(self):
        """Today's figures so far, and the final figures of every day since the last run
        (yesterday's, or those of the days the job could not run, up to a month back)."""
        if not try_job_lock(self.env.cr, "stock_kpi_snapshot"):
            return
        today = fields.Date.today()
        companies = self.env["res.company"].sudo().search([])
        self.env.cr.execute(
            """
            SELECT MIN(COALESCE(last_day, %s))
              FROM (SELECT MAX(date) AS last_day FROM res_company company
                      LEFT JOIN stock_kpi_snapshot snapshot ON snapshot.company_id = company.id
                     WHERE company.id = ANY(%s)
                     GROUP BY company.id) last_days
        """,
            [today - timedelta(days=1), companies.ids],
        )
        last_day = self.env.cr.fetchone()[0]
        first_day = min(max(last_day, today - timedelta(days=MAX_CATCH_UP_DAYS)), today)
        self._build_range(first_day, today, companies)

    @api.model
    def _build_range(self, date_from, date_to, companies):
        """Replace the snapshots of every day of [date_from, date_to] for ``companies``."""
        self._check_range(date_from, date_to)
        day = date_from
        while day <= date_to:
            self._build_day(day, companies)
            day += timedelta(days=1)

    @api.model
    def _check_range(self, date_from, date_to):
        today = fields.Date.today()
        if not date_from or not date_to:
            raise UserError(_("Give the first and the last day to snapshot."))
        if date_from > date_to:
            raise UserError(
                _("The first day (%(start)s) is after the last day (%(end)s).", start=date_from, end=date_to)
            )
        if date_to > today:
            raise UserError(
                _(
                    "%(day)s is in the future: KPIs can be taken up to today (%(today)s).",
                    day=date_to,
                    today=today,
                )
            )
        if (date_to - date_from).days + 1 > MAX_BACKFILL_DAYS:
            raise UserError(
                _(
                    "Snapshots are taken for at most %(max)s days at a time, not %(days)s: split the range.",
                    max=MAX_BACKFILL_DAYS,
                    days=(date_to - date_from).days + 1,
                )
            )

    @api.model
    def _build_day(self, day, companies):
        """Replace the rows of ``day`` for ``companies``: one INSERT ... SELECT per KPI family."""
        params = {
            "day": day,
            "start": datetime.combine(day, time.min),
            "end": datetime.combine(day + timedelta(days=1), time.min),
            "company_ids": companies.ids,
        }
        cr = self.env.cr
        self.env.flush_all()
        # The staged column names come from STAGED_FIGURES, a constant of this module.
        # pylint: disable-next=sql-injection
        cr.execute(f"""
            CREATE TEMP TABLE IF NOT EXISTS kpi_stage (
                company_id int, warehouse_id int, abc_class_id int, is_total bool,
                {", ".join(f"{name} numeric" for name in STAGED_FIGURES)}
            ) ON COMMIT DROP;
            CREATE TEMP TABLE IF NOT EXISTS kpi_shrinkage_stage (
                company_id int, warehouse_id int, abc_class_id int, is_total bool,
                reason_id int, value numeric
            ) ON COMMIT DROP;
            TRUNCATE kpi_stage, kpi_shrinkage_stage;
        """)
        for query in self._kpi_family_queries():
            cr.execute(query, dict(params, uid=self.env.uid))
        self._store_day(params)
        self.invalidate_model()
        self.env["stock.kpi.shrinkage"].invalidate_model()

    def _kpi_family_queries(self):
        """The INSERT ... SELECT of each KPI family into the staging tables."""
        return [
            self._query_counts(),
            self._query_valuation(),
            self._query_picks(),
            self._query_stockouts(),
            self._query_shrinkage(),
            self._query_coverage(),
            self._query_scan_picks(),
            self._query_productivity(),
        ]

    def _stage(self, figures, base_query):
        """INSERT ... SELECT staging ``figures`` {column: aggregate} over ``base_query``'s rows
        (company_id, warehouse_id, product_id, ...), per class and for all classes."""
        return f"""
            INSERT INTO kpi_stage (company_id, warehouse_id, abc_class_id, is_total, {", ".join(figures)})
            SELECT {KEY_COLUMNS}, {", ".join(figures.values())}
              FROM ({base_query}) base
              {CLASS_JOIN}
              {GROUPING}
        """

    def _query_counts(self):
        return self._stage(
            {
                "count_lines": "COUNT(*)",
                "count_lines_ok": "COUNT(*) FILTER (WHERE base.within_tolerance)",
                "count_expected_qty": "SUM(ABS(base.expected_qty))",
                "count_difference_qty": "SUM(ABS(base.counted_qty - base.expected_qty))",
            },
            f"""
            SELECT line.company_id, loc.warehouse_id, line.product_id, line.within_tolerance,
                   COALESCE(line.expected_qty, 0) AS expected_qty, COALESCE(line.counted_qty, 0) AS counted_qty
              FROM stock_count_line line
              JOIN stock_location loc ON loc.id = line.location_id
             WHERE line.state IN {DECIDED_LINE_STATES}
               AND line.counted_at >= %(start)s AND line.counted_at < %(end)s
               AND line.company_id = ANY(%(company_ids)s)
            """,
        )

    def _query_valuation(self):
        """Day-end value, its 365-day average and COGS, in one pass over the valuation layers.

        The average of the day-end values of days D-364..D weighs each layer by the
        number of those days it existed on: LEAST(365, D - layer day + 1)."""
        cogs = "base.is_cogs AND base.create_date >= %(start)s - interval '{days} days'"
        return self._stage(
            {
                "inventory_value": "SUM(base.value)",
                "average_inventory_value": "SUM(base.value * LEAST(365, %(day)s::date - base.create_date::date + 1)) / 365.0",
                "cogs_day": f"COALESCE(-SUM(base.value) FILTER (WHERE {cogs.format(days=0)}), 0)",
                "cogs_30": f"COALESCE(-SUM(base.value) FILTER (WHERE {cogs.format(days=29)}), 0)",
                "cogs_365": f"COALESCE(-SUM(base.value) FILTER (WHERE {cogs.format(days=364)}), 0)",
            },
            """
            SELECT svl.company_id, svl.product_id, svl.value, svl.create_date,
                   COALESCE(CASE WHEN dest.usage = 'internal' THEN dest.warehouse_id END,
                            CASE WHEN src.usage = 'internal' THEN src.warehouse_id END) AS warehouse_id,
                   COALESCE((src.usage = 'internal' AND dest.usage = 'customer')
                            OR (src.usage = 'customer' AND dest.usage = 'internal'), FALSE) AS is_cogs
              FROM stock_valuation_layer svl
              LEFT JOIN stock_move move ON move.id = svl.stock_move_id
              LEFT JOIN stock_location src ON src.id = move.location_id
              LEFT JOIN stock_location dest ON dest.id = move.location_dest_id
             WHERE svl.create_date < %(end)s
               AND svl.company_id = ANY(%(company_ids)s)
            """,
        )

    def _query_picks(self):
        return self._stage(
            {"picked_lines": "SUM(base.picked)", "pick_errors": "SUM(base.error)"},
            """
            SELECT move.company_id, src.warehouse_id, move.product_id, 1 AS picked, 0 AS error
              FROM stock_move move
              JOIN stock_location src ON src.id = move.location_id AND src.usage = 'internal'
              JOIN stock_location dest ON dest.id = move.location_dest_id AND dest.usage = 'customer'
             WHERE move.state = 'done' AND move.date >= %(start)s AND move.date < %(end)s
               AND move.company_id = ANY(%(company_ids)s)
            UNION ALL
            SELECT move.company_id, dest.warehouse_id, move.product_id, 0, 1
              FROM stock_move move
              JOIN stock_picking picking ON picking.id = move.picking_id
              JOIN stock_variance_reason reason ON reason.id = picking.return_reason_id AND reason.is_picking_error
              JOIN stock_location src ON src.id = move.location_id AND src.usage = 'customer'
              JOIN stock_location dest ON dest.id = move.location_dest_id
             WHERE move.state = 'done' AND move.date >= %(start)s AND move.date < %(end)s
               AND move.company_id = ANY(%(company_ids)s)
            UNION ALL
            SELECT variance.company_id, loc.warehouse_id, variance.product_id, 0, 1
              FROM stock_variance variance
              JOIN stock_variance_reason reason ON reason.id = variance.reason_id AND reason.is_picking_error
              JOIN stock_move move ON move.id = variance.stock_move_id
              JOIN stock_location loc ON loc.id = variance.location_id
             WHERE variance.state = 'posted' AND variance.kind = 'count'
               AND move.date >= %(start)s AND move.date < %(end)s
               AND variance.company_id = ANY(%(company_ids)s)
            """,
        )

    def _query_stockouts(self):
        """Stocked SKUs and those out of stock at the day's end: today's quants, minus
        what moved in after the day, plus what moved out. The SKUs out of stock are kept
        as the day's stockout records, those a tile opens."""
        stage = self._stage(
            {
                "stocked_skus": "COUNT(*)",
                "stockout_skus": "COUNT(*) FILTER (WHERE COALESCE(base.on_hand, 0) <= 0)",
            },
            "SELECT * FROM kpi_stocked_skus",
        )
        return f"""
            CREATE TEMP TABLE IF NOT EXISTS kpi_stocked_skus (
                company_id int, warehouse_id int, product_id int, on_hand numeric
            ) ON COMMIT DROP;
            TRUNCATE kpi_stocked_skus;
            INSERT INTO kpi_stocked_skus (company_id, warehouse_id, product_id, on_hand)
            {self._stocked_skus_query()};
            DELETE FROM stock_kpi_stockout WHERE date = %(day)s AND company_id = ANY(%(company_ids)s);
            INSERT INTO stock_kpi_stockout (create_uid, write_uid, create_date, write_date,
                                            date, company_id, warehouse_id, product_id, abc_class_id, on_hand)
            SELECT %(uid)s, %(uid)s, NOW() AT TIME ZONE 'UTC', NOW() AT TIME ZONE 'UTC',
                   %(day)s, base.company_id, base.warehouse_id, base.product_id, ac.id, COALESCE(base.on_hand, 0)
              FROM kpi_stocked_skus base
              {CLASS_JOIN}
             WHERE COALESCE(base.on_hand, 0) <= 0;
            {stage}
        """

    def _stocked_skus_query(self):
        """(company, warehouse, product, on hand at the day's end) of every stocked SKU."""
        return f"""
            WITH stocked AS (
                SELECT op.company_id, op.warehouse_id, op.product_id
                  FROM stock_warehouse_orderpoint op
                 WHERE op.active AND op.create_date < %(end)s AND op.company_id = ANY(%(company_ids)s)
                 UNION
                SELECT move.company_id, src.warehouse_id, move.product_id
                  FROM stock_move move
                  JOIN stock_location src ON src.id = move.location_id AND src.usage = 'internal'
                  JOIN stock_location dest ON dest.id = move.location_dest_id AND dest.usage = 'customer'
                 WHERE move.state = 'done' AND move.company_id = ANY(%(company_ids)s)
                   AND move.date >= %(start)s - interval '{SALES_WINDOW_DAYS - 1} days' AND move.date < %(end)s
            ), quantities AS (
                SELECT quant.company_id, loc.warehouse_id, quant.product_id, quant.quantity
                  FROM stock_quant quant
                  JOIN stock_location loc ON loc.id = quant.location_id AND loc.usage = 'internal'
                 WHERE quant.company_id = ANY(%(company_ids)s)
                 UNION ALL
                SELECT line.company_id, loc.warehouse_id, line.product_id,
                       CASE WHEN loc.id = line.location_dest_id THEN -1 ELSE 1 END * line.quantity_product_uom
                  FROM stock_move_line line
                  JOIN stock_location loc ON loc.id IN (line.location_id, line.location_dest_id)
                       AND loc.usage = 'internal'
                 WHERE line.state = 'done' AND line.date >= %(end)s
                   AND line.company_id = ANY(%(company_ids)s)
                   AND line.location_id != line.location_dest_id
            ), on_hand AS (
                SELECT company_id, warehouse_id, product_id, SUM(quantity) AS on_hand
                  FROM quantities
                 GROUP BY company_id, warehouse_id, product_id
            )
            SELECT stocked.company_id, stocked.warehouse_id, stocked.product_id, on_hand.on_hand
              FROM stocked
              JOIN product_product product ON product.id = stocked.product_id
              JOIN product_template template ON template.id = product.product_tmpl_id AND template.is_storable
              LEFT JOIN on_hand ON on_hand.company_id = stocked.company_id
                   AND on_hand.warehouse_id = stocked.warehouse_id AND on_hand.product_id = stocked.product_id
             WHERE stocked.warehouse_id IS NOT NULL
        """

    def _query_shrinkage(self):
        """Losses by reason into their own staging table (kept per reason), then into
        the figures: posted negative variances, and write-offs that needed no approval."""
        return f"""
            INSERT INTO kpi_shrinkage_stage (company_id, warehouse_id, abc_class_id, is_total, reason_id, value)
            SELECT {KEY_COLUMNS}, base.reason_id, -SUM(base.value)
              FROM (
                SELECT variance.company_id, loc.warehouse_id, variance.product_id,
                       variance.reason_id, svl.value
                  FROM stock_variance variance
                  JOIN stock_valuation_layer svl ON svl.stock_move_id = variance.stock_move_id
                  JOIN stock_location loc ON loc.id = variance.location_id
                 WHERE variance.state = 'posted' AND variance.difference_qty < 0
                   AND svl.create_date >= %(start)s AND svl.create_date < %(end)s
                   AND variance.company_id = ANY(%(company_ids)s)
                 UNION ALL
                SELECT scrap.company_id, loc.warehouse_id, scrap.product_id,
                       scrap.variance_reason_id, svl.value
                  FROM stock_scrap scrap
                  JOIN stock_move move ON move.scrap_id = scrap.id
                  JOIN stock_valuation_layer svl ON svl.stock_move_id = move.id
                  JOIN stock_location loc ON loc.id = scrap.location_id
                 WHERE scrap.state = 'done'
                   AND svl.create_date >= %(start)s AND svl.create_date < %(end)s
                   AND scrap.company_id = ANY(%(company_ids)s)
                   AND NOT EXISTS (SELECT 1 FROM stock_variance posted
                                    WHERE posted.stock_move_id = move.id AND posted.state = 'posted')
              ) base
              {CLASS_JOIN}
             GROUP BY GROUPING SETS ((base.company_id, base.warehouse_id, ac.id, base.reason_id),
                                     (base.company_id, base.warehouse_id, base.reason_id));
            INSERT INTO kpi_stage (company_id, warehouse_id, abc_class_id, is_total, shrinkage_value)
            SELECT company_id, warehouse_id, abc_class_id, is_total, SUM(value)
              FROM kpi_shrinkage_stage
             GROUP BY company_id, warehouse_id, abc_class_id, is_total
        """

    def _query_coverage(self):
        return self._stage(
            {
                "scheduled_lines": "COUNT(*)",
                "scheduled_lines_done": "COUNT(*) FILTER (WHERE base.counted_at < %(end)s)",
            },
            """
            SELECT line.company_id, session.warehouse_id, line.product_id, line.counted_at
              FROM stock_count_line line
              JOIN stock_count_session session ON session.id = line.session_id
             WHERE session.schedule_date = %(day)s AND line.schedule_reason = 'cycle'
               AND line.count_round = 1 AND line.company_id = ANY(%(company_ids)s)
            """,
        )

    def _query_scan_picks(self):
        """Delivery lines done on the day and confirmed by scan, and those right first
        time. A pick error caught is the fault of the line its picker scanned next on that
        transfer: the one they were looking for."""
        return self._stage(
            {"scan_picked_lines": "COUNT(*)", "scan_picked_lines_ok": "COUNT(*) FILTER (WHERE base.ok)"},
            """
            WITH picked AS (
                SELECT move.id, move.picking_id, move.company_id, src.warehouse_id, move.product_id
                  FROM stock_move move
                  JOIN stock_picking_type ptype ON ptype.id = move.picking_type_id AND ptype.code = 'outgoing'
                  JOIN stock_location src ON src.id = move.location_id
                 WHERE move.state = 'done' AND move.date >= %(start)s AND move.date < %(end)s
                   AND move.company_id = ANY(%(company_ids)s)
                   AND EXISTS (SELECT 1 FROM stock_operation_scan scan
                                WHERE scan.move_id = move.id AND scan.action = 'scan' AND NOT scan.undone)
            ), faulted AS (
                SELECT next_scan.move_id
                  FROM stock_operation_scan error
                  CROSS JOIN LATERAL (
                      SELECT scan.move_id FROM stock_operation_scan scan
                       WHERE scan.picking_id = error.picking_id AND scan.user_id = error.user_id
                         AND scan.id > error.id AND scan.action = 'scan' AND NOT scan.undone
                       ORDER BY scan.id LIMIT 1) next_scan
                 WHERE error.action = 'pick_error' AND next_scan.move_id IS NOT NULL
                   AND error.picking_id IN (SELECT picking_id FROM picked)
            )
            SELECT picked.company_id, picked.warehouse_id, picked.product_id,
                   picked.id NOT IN (SELECT move_id FROM faulted) AS ok
              FROM picked
            """,
        )

    def _query_productivity(self):
        """Lines, units and person-hours scanned on the day by kind of transfer, on the
        all-classes rows. A user's time is the sum of the gaps between their consecutive
        steps (any transfer, any action) of at most WORK_GAP_MINUTES; a longer gap is a
        break. Each gap counts for the transfer of the step that ends it."""
        gap = f"interval '{WORK_GAP_MINUTES} minutes'"
        counted = "entry.action IN ('scan', 'typed') AND NOT entry.undone"
        figures = []
        for code in SCAN_KINDS.values():
            of_kind = f"entry.code = '{code}'"
            figures += [
                f"COUNT(DISTINCT entry.move_id) FILTER (WHERE {of_kind} AND {counted})",
                f"COALESCE(SUM(entry.qty_after - entry.qty_before) FILTER (WHERE {of_kind} AND {counted}), 0)",
                f"COALESCE(SUM(EXTRACT(EPOCH FROM entry.worked)) FILTER (WHERE {of_kind}), 0) / 3600.0",
            ]
        columns = [f"scan_{kind}_{figure}" for kind in SCAN_KINDS for figure in ("lines", "units", "hours")]
        return f"""
            INSERT INTO kpi_stage (company_id, warehouse_id, abc_class_id, is_total, {", ".join(columns)})
            SELECT entry.company_id, entry.warehouse_id, NULL, TRUE, {", ".join(figures)}
              FROM (
                SELECT steps.*,
                       CASE WHEN steps.create_date - steps.previous_date <= {gap}
                            THEN steps.create_date - steps.previous_date END AS worked
                  FROM (
                    SELECT scan.create_date, scan.action, scan.undone, scan.move_id,
                           COALESCE(scan.qty_before, 0) AS qty_before, COALESCE(scan.qty_after, 0) AS qty_after,
                           picking.company_id, ptype.warehouse_id, ptype.code,
                           LAG(scan.create_date) OVER (PARTITION BY scan.user_id
                                                       ORDER BY scan.create_date, scan.id) AS previous_date
                      FROM stock_operation_scan scan
                      JOIN stock_picking picking ON picking.id = scan.picking_id
                      JOIN stock_picking_type ptype ON ptype.id = picking.picking_type_id
                     WHERE scan.create_date >= %(start)s - {gap} AND scan.create_date < %(end)s
                  ) steps
                 WHERE steps.create_date >= %(start)s AND steps.company_id = ANY(%(company_ids)s)
              ) entry
             GROUP BY entry.company_id, entry.warehouse_id
        """

    def _store_day(self, params):
        """Replace the day's rows by the staged figures, and the shrinkage by reason."""
        sums = ", ".join(f"COALESCE(SUM({name}), 0) AS {name}" for name in STAGED_FIGURES)
        per_hour = {
            f"{kind}_{figure}_per_hour": f"scan_{kind}_{figure} / NULLIF(scan_{kind}_hours, 0)"
            for kind in SCAN_KINDS
            for figure in ("lines", "units")
        }
        self.env.cr.execute(
            f"""
            DELETE FROM stock_kpi_snapshot WHERE date = %(day)s AND company_id = ANY(%(company_ids)s);
            WITH figures AS (
                SELECT company_id, warehouse_id, abc_class_id, {sums}
                  FROM kpi_stage
                 WHERE is_total OR abc_class_id IS NOT NULL
                 GROUP BY company_id, warehouse_id, abc_class_id
            )
            INSERT INTO stock_kpi_snapshot (
                create_uid, write_uid, create_date, write_date, date, company_id, warehouse_id,
                abc_class_id, {", ".join(STAGED_FIGURES)}, record_accuracy, quantity_accuracy,
                turnover, dsi, pick_accuracy, stockout_rate, count_coverage, scan_pick_accuracy,
                {", ".join(per_hour)})
            SELECT %(uid)s, %(uid)s, NOW() AT TIME ZONE 'UTC', NOW() AT TIME ZONE 'UTC', %(day)s,
                   company_id, warehouse_id, abc_class_id, {", ".join(STAGED_FIGURES)},
                   100.0 * count_lines_ok / NULLIF(count_lines, 0),
                   CASE WHEN count_lines = 0 THEN NULL
                        WHEN count_expected_qty = 0 THEN CASE WHEN count_difference_qty = 0 THEN 100.0 ELSE 0.0 END
                        ELSE GREATEST(0, 100.0 * (1 - count_difference_qty / count_expected_qty)) END,
                   cogs_365 / NULLIF(average_inventory_value, 0),
                   365.0 * average_inventory_value / NULLIF(cogs_365, 0),
                   CASE WHEN picked_lines > 0
                        THEN GREATEST(0, 100.0 * (picked_lines - pick_errors) / picked_lines) END,
                   100.0 * stockout_skus / NULLIF(stocked_skus, 0),
                   100.0 * scheduled_lines_done / NULLIF(scheduled_lines, 0),
                   100.0 * scan_picked_lines_ok / NULLIF(scan_picked_lines, 0),
                   {", ".join(per_hour.values())}
              FROM figures;
            -- The stored related fields too (day, company, warehouse, class): the company
            -- rule and the pivot read them.
            INSERT INTO stock_kpi_shrinkage (create_uid, write_uid, create_date, write_date,
                                             snapshot_id, date, company_id, warehouse_id, abc_class_id,
                                             reason_id, value)
            SELECT %(uid)s, %(uid)s, NOW() AT TIME ZONE 'UTC', NOW() AT TIME ZONE 'UTC',
                   snapshot.id, snapshot.date, snapshot.company_id, snapshot.warehouse_id,
                   snapshot.abc_class_id, stage.reason_id, SUM(stage.value)
              FROM kpi_shrinkage_stage stage
              JOIN stock_kpi_snapshot snapshot ON snapshot.date = %(day)s
                   AND snapshot.company_id = stage.company_id
                   AND snapshot.warehouse_id IS NOT DISTINCT FROM stage.warehouse_id
                   AND snapshot.abc_class_id IS NOT DISTINCT FROM stage.abc_class_id
             WHERE stage.is_total OR stage.abc_class_id IS NOT NULL
             GROUP BY snapshot.id, stage.reason_id;
        """,
            dict(params, uid=self.env.uid),
        )

    # ------------------------------------------------------------------
    # Dashboard
    # ------------------------------------------------------------------

    def action_open_dashboard(self):
        return self.env["ir.actions.actions"]._for_xml_id("perpetual_inventory_kpi.action_kpi_dashboard")

    @api.model
    def get_dashboard_data(self, warehouse_id=False, abc_class_id=False):
        """Everything the dashboard shows, in one call: the tiles of the last snapshot day
        with their targets, statuses and 90-day trends, and the filter choices."""
        self.check_access("read")
        warehouse_id, abc_class_id = self._check_filters(warehouse_id, abc_class_id)
        companies = self.env.companies
        with replica_env(self.env) as read_env:
            days = read_env["stock.kpi.snapshot"]._dashboard_days(companies, warehouse_id, abc_class_id)
        company = self.env.company
        warehouses = self.env["stock.warehouse"].search_read([("company_id", "in", companies.ids)], ["name"])
        classes = self.env["stock.abc.class"].search_read([("company_id", "in", companies.ids)], ["name"])
        last_day = fields.Date.to_date(days[-1]["date"]) if days else False
        return {
            "date": days[-1]["date"] if days else False,
            "date_label": self._day_label(last_day),
            "dates": [day["date"] for day in days],
            "currency": {"symbol": company.currency_id.symbol, "position": company.currency_id.position},
            "warehouses": warehouses,
            "classes": classes,
            "tiles": [self._dashboard_tile(kpi, days, company) for kpi in self._dashboard_kpis()],
        }

    @api.model
    def _dashboard_days(self, companies, warehouse_id, abc_class_id):
        """The summed figures of each of the last 90 snapshot days, oldest first."""
        sums = ", ".join(f"SUM({name}) AS {name}" for name in STAGED_FIGURES)
        self.env.cr.execute(
            f"""
            WITH last_day AS (
                SELECT MAX(date) AS day FROM stock_kpi_snapshot WHERE company_id = ANY(%(companies)s)
            )
            SELECT date, {sums}
              FROM stock_kpi_snapshot, last_day
             WHERE company_id = ANY(%(companies)s)
               AND date > last_day.day - 90
               AND (%(warehouse)s IS NULL OR warehouse_id = %(warehouse)s)
               AND COALESCE(abc_class_id, 0) = %(class)s
             GROUP BY date
             ORDER BY date
        """,
            {"companies": companies.ids, "warehouse": warehouse_id or None, "class": abc_class_id or 0},
        )
        return [
            dict(
                row,
                date=fields.Date.to_string(row["date"]),
                **{name: float(row[name] or 0) for name in STAGED_FIGURES},
            )
            for row in self.env.cr.dictfetchall()
        ]

    @api.model
    def _dashboard_kpis(self):
        """(key, label, value of a day's figures, target field, better, unit)."""

        def ratio(numerator, denominator, complement=False):
            def value(day):
                if not day[denominator]:
                    return None
                share = day[numerator] / day[denominator]
                return max(0.0, 100.0 * (1 - share)) if complement else 100.0 * share

            return value

        def quantity_accuracy(day):
            if not day["count_lines"]:
                return None
            if not day["count_expected_qty"]:
                return 100.0 if not day["count_difference_qty"] else 0.0
            return max(0.0, 100.0 * (1 - day["count_difference_qty"] / day["count_expected_qty"]))

        def turnover(day):
            return (
                day["cogs_365"] / day["average_inventory_value"] if day["average_inventory_value"] else None
            )

        def dsi(day):
            return 365.0 * day["average_inventory_value"] / day["cogs_365"] if day["cogs_365"] else None

        def per_hour(kind):
            def value(day):
                hours = day[f"scan_{kind}_hours"]
                return day[f"scan_{kind}_lines"] / hours if hours else None

            return value

        return [
            (
                "record_accuracy",
                _("Record Accuracy"),
                ratio("count_lines_ok", "count_lines"),
                "kpi_target_record_accuracy",
                "higher",
                "%",
            ),
            ("quantity_accuracy", _("Quantity Accuracy"), quantity_accuracy, None, "higher", "%"),
            (
                "inventory_value",
                _("Inventory Value"),
                lambda day: day["inventory_value"],
                None,
                None,
                "money",
            ),
            ("cogs_30", _("COGS 30 Days"), lambda day: day["cogs_30"], None, None, "money"),
            ("turnover", _("Inventory Turnover"), turnover, None, "higher", "x"),
            ("dsi", _("Days Sales of Inventory"), dsi, None, "lower", "days"),
            (
                "pick_accuracy",
                _("Pick Accuracy"),
                ratio("pick_errors", "picked_lines", complement=True),
                "kpi_target_pick_accuracy",
                "higher",
                "%",
            ),
            (
                "scan_pick_accuracy",
                _("Pick Accuracy, Scan-Verified"),
                ratio("scan_picked_lines_ok", "scan_picked_lines"),
                "kpi_target_pick_accuracy",
                "higher",
                "%",
            ),
            (
                "stockout_rate",
                _("Stockout Rate"),
                ratio("stockout_skus", "stocked_skus"),
                "kpi_target_stockout_rate",
                "lower",
                "%",
            ),
            ("shrinkage_value", _("Shrinkage"), lambda day: day["shrinkage_value"], None, "lower", "money"),
            (
                "count_coverage",
                _("Count Coverage"),
                ratio("scheduled_lines_done", "scheduled_lines"),
                "kpi_target_count_coverage",
                "higher",
                "%",
            ),
            *(
                (f"{kind}_lines_per_hour", label, per_hour(kind), None, "higher", "per_hour")
                for kind, label in (
                    ("receipt", _("Receipt Lines per Person-Hour")),
                    ("pick", _("Pick Lines per Person-Hour")),
                    ("internal", _("Internal Lines per Person-Hour")),
                )
            ),
        ]

    @api.model
    def _dashboard_tile(self, kpi, days, company):
        key, label, value_of, target_field, better, unit = kpi
        trend = [value_of(day) for day in days]
        value = trend[-1] if trend else None
        target = company[target_field] if target_field else None
        last_day = fields.Date.to_date(days[-1]["date"]) if days else False
        return {
            "key": key,
            "label": label,
            "day_label": self._day_label(last_day, KPI_WINDOW_DAYS.get(key)),
            "help": self._fields[key].help if key in self._fields else "",
            "value": value,
            "target": target,
            "better": better,
            "unit": unit,
            "status": self._kpi_status(value, target, better),
            "trend": trend,
        }

    @api.model
    def _day_label(self, day, window_days=None):
        """Which day a figure shows, in the user's date format: today's figures are
        those of the day so far; a window figure says how many days it covers."""
        if not day:
            return ""
        label = format_date(self.env, day)
        if window_days:
            label = _("%(days)s days to %(day)s", days=window_days, day=label)
        if day == fields.Date.today():
            label = _("%(day)s, so far", day=label)
        return label

    @api.model
    def _kpi_status(self, value, target, better):
        """green at the target; amber within twice the allowed error; red beyond."""
        if value is None or target is None:
            return "none"
        if better == "higher":
            if value >= target:
                return "green"
            return "amber" if value >= target - (100.0 - target) else "red"
        if value <= target:
            return "green"
        return "amber" if value <= 2 * target else "red"

    @api.model
    def action_open_kpi_records(self, kpi, day, warehouse_id=False, abc_class_id=False):
        """The records behind a tile's figure of ``day``: count lines, returns, variances,
        quants or valuation layers."""
        self.check_access("read")
        if not isinstance(kpi, str):
            raise UserError(_("Choose a KPI tile, not “%(kpi)s”.", kpi=kpi))
        warehouse_id, abc_class_id = self._check_filters(warehouse_id, abc_class_id)
        day = check_date(day, _("Day")) or fields.Date.today()
        start = datetime.combine(day, time.min)
        end = start + timedelta(days=1)
        opener = {
            "record_accuracy": self._open_count_lines,
            "quantity_accuracy": self._open_count_lines,
            "count_coverage": self._open_scheduled_lines,
            "pick_accuracy": self._open_pick_errors,
            "scan_pick_accuracy": self._open_pick_errors_caught,
            "receipt_lines_per_hour": self._open_scan_log("incoming"),
            "pick_lines_per_hour": self._open_scan_log("outgoing"),
            "internal_lines_per_hour": self._open_scan_log("internal"),
            "stockout_rate": self._open_stockouts,
            "shrinkage_value": self._open_shrinkage,
        }.get(kpi, self._open_layers)
        action = opener(start, end, warehouse_id, abc_class_id)
        action.setdefault("type", "ir.actions.act_window")
        action.setdefault("views", [(False, "list"), (False, "form")])
        action.setdefault("target", "current")
        return action

    @api.model
    def _check_filters(self, warehouse_id, abc_class_id):
        """The dashboard's filters as a client sent them: one warehouse and one class id, or none."""
        return (
            check_record_id(warehouse_id, self._fields["warehouse_id"]._description_string(self.env)),
            check_record_id(abc_class_id, self._fields["abc_class_id"]._description_string(self.env)),
        )

    def _product_domain(self, abc_class_id, field="product_id"):
        return [(f"{field}.abc_class_id", "=", abc_class_id)] if abc_class_id else []

    def _open_count_lines(self, start, end, warehouse_id, abc_class_id):
        domain = [("state", "in", DECIDED_LINE_STATES), ("counted_at", ">=", start), ("counted_at", "<", end)]
        if warehouse_id:
            domain.append(("location_id.warehouse_id", "=", warehouse_id))
        return {
            "name": _("Counted Lines"),
            "res_model": "stock.count.line",
            "domain": domain + self._product_domain(abc_class_id),
        }

    def _open_scheduled_lines(self, start, end, warehouse_id, abc_class_id):
        domain = [
            ("session_id.schedule_date", "=", start.date()),
            ("schedule_reason", "=", "cycle"),
            ("count_round", "=", 1),
        ]
        if warehouse_id:
            domain.append(("session_id.warehouse_id", "=", warehouse_id))
        return {
            "name": _("Scheduled Counts"),
            "res_model": "stock.count.line",
            "domain": domain + self._product_domain(abc_class_id),
        }

    def _open_pick_errors(self, start, end, warehouse_id, abc_class_id):
        """The moves the day's pick accuracy counted as errors: returns with a picking-error
        reason, and the adjustments of count variances posted with one."""
        variance_domain = [
            ("state", "=", "posted"),
            ("kind", "=", "count"),
            ("reason_id.is_picking_error", "=", True),
            ("stock_move_id.date", ">=", start),
            ("stock_move_id.date", "<", end),
        ]
        return_domain = [
            ("picking_id.return_reason_id.is_picking_error", "=", True),
            ("location_id.usage", "=", "customer"),
        ]
        if warehouse_id:
            variance_domain.append(("location_id.warehouse_id", "=", warehouse_id))
            return_domain.append(("location_dest_id.warehouse_id", "=", warehouse_id))
        variance_moves = self.env["stock.variance"].search(variance_domain).stock_move_id
        domain = expression.AND(
            [
                [("state", "=", "done"), ("date", ">=", start), ("date", "<", end)],
                expression.OR([[("id", "in", variance_moves.ids)], return_domain]),
                self._product_domain(abc_class_id),
            ]
        )
        return {"name": _("Picking Errors"), "res_model": "stock.move", "domain": domain}

    def _scan_log_domain(self, start, end, warehouse_id, abc_class_id):
        domain = [("create_date", ">=", start), ("create_date", "<", end)]
        if warehouse_id:
            domain.append(("picking_id.picking_type_id.warehouse_id", "=", warehouse_id))
        return domain + self._product_domain(abc_class_id)

    def _open_pick_errors_caught(self, start, end, warehouse_id, abc_class_id):
        """The wrong products and bins scanned on the day's picks."""
        return {
            "name": _("Pick Errors Caught"),
            "res_model": "stock.operation.scan",
            "domain": [("action", "=", "pick_error")]
            + self._scan_log_domain(start, end, warehouse_id, abc_class_id),
        }

    def _open_scan_log(self, code):
        """An opener of the day's scan log of one kind of transfer (the steps timed)."""

        def opener(start, end, warehouse_id, abc_class_id):
            return {
                "name": _("Scan Log"),
                "res_model": "stock.operation.scan",
                "domain": [("picking_type_code", "=", code)]
                + self._scan_log_domain(start, end, warehouse_id, False),
            }

        return opener

    def _open_stockouts(self, start, end, warehouse_id, abc_class_id):
        """The SKUs the day's stockout rate counted, with their on-hand quantity at the day's end."""
        domain = [("date", "=", start.date())]
        if warehouse_id:
            domain.append(("warehouse_id", "=", warehouse_id))
        if abc_class_id:
            domain.append(("abc_class_id", "=", abc_class_id))
        return {
            "name": _("Out of Stock"),
            "res_model": "stock.kpi.stockout",
            "domain": domain,
            "views": [(False, "list")],
        }

    def _open_shrinkage(self, start, end, warehouse_id, abc_class_id):
        domain = [
            ("state", "=", "posted"),
            ("difference_qty", "<", 0),
            ("stock_move_id.date", ">=", start),
            ("stock_move_id.date", "<", end),
        ]
        if warehouse_id:
            domain.append(("location_id.warehouse_id", "=", warehouse_id))
        return {
            "name": _("Posted Losses"),
            "res_model": "stock.variance",
            "domain": domain + self._product_domain(abc_class_id),
        }

    def _open_layers(self, start, end, warehouse_id, abc_class_id):
        return {
            "name": _("Valuation Layers"),
            "res_model": "stock.valuation.layer",
            "domain": [("create_date", "<", end)] + self._product_domain(abc_class_id),
        }

    @api.model
    def _demo_backfill(self):
        today = fields.Date.today()
        self.sudo()._build_range(today - timedelta(days=89), today, self.env.ref("base.main_company"))
