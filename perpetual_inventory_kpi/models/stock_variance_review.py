from datetime import date, datetime, time

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

# How many rows each ranking keeps (products, locations, counters); reasons are all kept.
TOP_ROWS = 20
TOP_SHRINKAGE_ROWS = 10

# The quarter's variances: every one not rejected, dated by its adjustment move once
# posted, by its opening before. Value: what was booked once posted, the estimate before.
QUARTER_VARIANCES = """
WITH variances AS (
    SELECT variance.id, variance.reason_id, variance.location_id, variance.product_id,
           variance.state, variance.posted_value,
           COALESCE(variance.difference_qty, 0) AS quantity,
           COALESCE(CASE WHEN variance.state = 'posted' THEN variance.posted_value
                         ELSE variance.difference_value END, 0) AS value
      FROM stock_variance variance
      LEFT JOIN stock_move move ON move.id = variance.stock_move_id
     WHERE variance.company_id = %(company)s
       AND variance.state != 'rejected'
       AND COALESCE(move.date, variance.create_date) >= %(start)s
       AND COALESCE(move.date, variance.create_date) < %(stop)s
)
"""

INSERT_LINES = """
INSERT INTO stock_variance_review_line
       (review_id, company_id, kind, sequence, {column}, variance_count, quantity, value,
        counted_lines, accurate_lines, accuracy, create_uid, create_date, write_uid, write_date)
SELECT %(review)s, %(company)s, %(kind)s, ROW_NUMBER() OVER (ORDER BY {order}), {key},
       {figures}, %(uid)s, NOW() AT TIME ZONE 'UTC', %(uid)s, NOW() AT TIME ZONE 'UTC'
  FROM ({source}) AS grouped
 ORDER BY {order}
 {limit}
"""

# Recurring causes: variances grouped by one dimension, most frequent first.
CAUSE_SOURCE = (
    QUARTER_VARIANCES
    + """
SELECT {key} AS key, COUNT(*) AS variance_count, SUM(quantity) AS quantity, SUM(value) AS value
  FROM variances {join}
 GROUP BY {key}
"""
)
CAUSE_FIGURES = "variance_count, quantity, value, 0, 0, 0"
CAUSE_ORDER = "variance_count DESC, ABS(value) DESC, key"

# Shrinkage: posted losses, as a positive value, largest first.
SHRINKAGE_SOURCE = (
    QUARTER_VARIANCES
    + """
SELECT product_id AS key, COUNT(*) AS variance_count, SUM(quantity) AS quantity, -SUM(posted_value) AS value
  FROM variances
 WHERE state = 'posted' AND posted_value < 0
 GROUP BY product_id
"""
)

# Record accuracy: one decided count line per stock counted (the last count when
# recounted), within tolerance or not, never netting gains against losses.
ACCURACY_SOURCE = """
SELECT product.abc_class_id AS key, COUNT(*) AS counted_lines,
       COUNT(*) FILTER (WHERE line.within_tolerance) AS accurate_lines
  FROM stock_count_line line
  JOIN product_product product ON product.id = line.product_id
 WHERE line.company_id = %(company)s
   AND line.state IN ('accepted', 'confirmed', 'applied', 'variance')
   AND line.counted_at >= %(start)s AND line.counted_at < %(stop)s
 GROUP BY product.abc_class_id
"""
ACCURACY_FIGURES = "0, 0, 0, counted_lines, accurate_lines, 100.0 * accurate_lines / counted_lines"

# kind: (column filled, source query, extra join for the key, key expression, order, limit)
FIGURE_QUERIES = {
    "reason": ("reason_id", CAUSE_SOURCE, "", "reason_id", CAUSE_ORDER, None),
    "location": ("location_id", CAUSE_SOURCE, "", "location_id", CAUSE_ORDER, TOP_ROWS),
    "product": ("product_id", CAUSE_SOURCE, "", "product_id", CAUSE_ORDER, TOP_ROWS),
    "counter": (
        "counter_id",
        CAUSE_SOURCE,
        "JOIN stock_variance_counter_rel counted ON counted.variance_id = variances.id",
        "counted.user_id",
        CAUSE_ORDER,
        TOP_ROWS,
    ),
    "shrinkage": ("product_id", SHRINKAGE_SOURCE, "", "product_id", "value DESC, key", TOP_SHRINKAGE_ROWS),
    "accuracy": ("abc_class_id", ACCURACY_SOURCE, "", "abc_class_id", "key NULLS LAST", None),
}


class StockVarianceReview(models.Model):
    """The quarterly review of a company's variances: where and why stock goes wrong,
    how accurate the records were, and what the manager decides to do about it."""

    _name = "stock.variance.review"
    _description = "Quarterly Variance Review"
    _inherit = ["mail.thread", "mail.activity.mixin", "perpetual.input.guard"]
    _order = "date_from desc, company_id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    year = fields.Integer(required=True, default=lambda self: self._default_period()[0])
    quarter = fields.Selection(
        [("1", "Q1"), ("2", "Q2"), ("3", "Q3"), ("4", "Q4")],
        required=True,
        default=lambda self: self._default_period()[1],
    )
    date_from = fields.Date(compute="_compute_dates", store=True, string="From")
    date_to = fields.Date(compute="_compute_dates", store=True, string="To")
    state = fields.Selection(
        [("draft", "In Review"), ("done", "Closed")],
        default="draft",
        required=True,
        tracking=True,
    )
    computed_at = fields.Datetime(string="Figures Computed On", readonly=True)
    reviewer_id = fields.Many2one(
        "res.users", string="Reviewed By", default=lambda self: self.env.user, tracking=True
    )

    line_ids = fields.One2many("stock.variance.review.line", "review_id", string="Figures", readonly=True)
    reason_line_ids = fields.One2many(
        "stock.variance.review.line",
        "review_id",
        domain=[("kind", "=", "reason")],
        readonly=True,
        string="By Reason",
    )
    location_line_ids = fields.One2many(
        "stock.variance.review.line",
        "review_id",
        domain=[("kind", "=", "location")],
        readonly=True,
        string="By Location",
    )
    product_line_ids = fields.One2many(
        "stock.variance.review.line",
        "review_id",
        domain=[("kind", "=", "product")],
        readonly=True,
        string="By Product",
    )
    counter_line_ids = fields.One2many(
        "stock.variance.review.line",
        "review_id",
        domain=[("kind", "=", "counter")],
        readonly=True,
        string="By Counter",
    )
    shrinkage_line_ids = fields.One2many(
        "stock.variance.review.line",
        "review_id",
        domain=[("kind", "=", "shrinkage")],
        readonly=True,
        string="Top Shrinkage",
    )
    accuracy_line_ids = fields.One2many(
        "stock.variance.review.line",
        "review_id",
        domain=[("kind", "=", "accuracy")],
        readonly=True,
        string="Accuracy by Class",
    )

    variance_count = fields.Integer(compute="_compute_totals", string="Variances")
    shrinkage_value = fields.Monetary(compute="_compute_totals", string="Shrinkage")
    record_accuracy = fields.Float(
        compute="_compute_totals",
        string="Record Accuracy (%)",
        digits=(5, 2),
        help="Counted stocks found within tolerance / counted stocks, over the quarter's counts.",
    )

    conclusion = fields.Html(string="Conclusions")
    action_ids = fields.One2many("stock.variance.review.action", "review_id", string="Corrective Actions")

    _sql_constraints = [
        (
            "company_quarter_uniq",
            "unique(company_id, year, quarter)",
            "A company has one variance review per quarter.",
        ),
    ]

    @api.model
    def _default_period(self):
        """The last finished quarter: the one a review is usually held for."""
        last = fields.Date.context_today(self) - relativedelta(months=3)
        return last.year, str((last.month - 1) // 3 + 1)

    @api.depends("year", "quarter", "company_id")
    def _compute_name(self):
        for review in self:
            review.name = _(
                "%(year)s Q%(quarter)s variance review - %(company)s",
                year=review.year,
                quarter=review.quarter,
                company=review.company_id.name,
            )

    @api.depends("year", "quarter")
    def _compute_dates(self):
        for review in self:
            if not review.year or not review.quarter:
                review.date_from = review.date_to = False
                continue
            review.date_from = date(review.year, 3 * int(review.quarter) - 2, 1)
            review.date_to = review.date_from + relativedelta(months=3, days=-1)

    @api.depends("line_ids")
    def _compute_totals(self):
        for review in self:
            reasons = review.reason_line_ids
            accuracy = review.accuracy_line_ids
            counted = sum(accuracy.mapped("counted_lines"))
            review.variance_count = sum(reasons.mapped("variance_count"))
            review.shrinkage_value = sum(review.shrinkage_line_ids.mapped("value"))
            review.record_accuracy = (
                100.0 * sum(accuracy.mapped("accurate_lines")) / counted if counted else 0.0
            )

    @api.constrains("year")
    def _check_year(self):
        for review in self:
            if not 2000 <= review.year <= 2999:
                raise ValidationError(_("%(year)s is not a year a review can cover.", year=review.year))

    @api.model_create_multi
    def create(self, vals_list):
        reviews = super().create(vals_list)
        reviews._compute_figures()
        return reviews

    def write(self, vals):
        if self.filtered(lambda review: review.state == "done") and set(vals) & {
            "year",
            "quarter",
            "company_id",
        }:
            raise UserError(_("A closed review keeps its company and quarter."))
        if "computed_at" in vals and not self.env.su:
            raise UserError(_("The date the figures were computed on is set by computing them."))
        result = super().write(vals)
        if set(vals) & {"year", "quarter", "company_id"}:
            self._compute_figures()
        return result

    @api.ondelete(at_uninstall=False)
    def _unlink_except_closed(self):
        if self.filtered(lambda review: review.state == "done"):
            raise UserError(_("A closed review is final: only reviews still in review can be deleted."))

    # Actions ------------------------------------------------------------------

    def action_compute_figures(self):
        self.check_access("write")
        if self.filtered(lambda review: review.state == "done"):
            raise UserError(_("The figures of a closed review are final: reopen it to recompute them."))
        self._compute_figures()
        return True

    def action_close(self):
        self.write({"state": "done"})
        return True

    def action_reopen(self):
        self.write({"state": "draft"})
        return True

    def action_print(self):
        return self.env.ref("perpetual_inventory_kpi.action_report_variance_review").report_action(self)

    # Figures ------------------------------------------------------------------

    def _compute_figures(self):
        """Replace the review's figures: one INSERT ... SELECT per ranking."""
        self.env.flush_all()
        self.env.cr.execute("DELETE FROM stock_variance_review_line WHERE review_id IN %s", [tuple(self.ids)])
        for review in self:
            params = review._figure_params()
            for kind, (column, source, join, key, order, limit) in FIGURE_QUERIES.items():
                figures = ACCURACY_FIGURES if kind == "accuracy" else CAUSE_FIGURES
                query = INSERT_LINES.format(
                    column=column,
                    key="key",
                    figures=figures,
                    order=order,
                    limit=f"LIMIT {int(limit)}" if limit else "",
                    source=source.format(key=key, join=join),
                )
                self.env.cr.execute(query, dict(params, kind=kind))
        self.env["stock.variance.review.line"].invalidate_model()
        self.invalidate_recordset(
            [
                "line_ids",
                "reason_line_ids",
                "location_line_ids",
                "product_line_ids",
                "counter_line_ids",
                "shrinkage_line_ids",
                "accuracy_line_ids",
            ]
        )
        self.sudo().write({"computed_at": fields.Datetime.now()})

    def _figure_params(self):
        self.ensure_one()
        return {
            "review": self.id,
            "company": self.company_id.id,
            "uid": self.env.uid,
            "start": datetime.combine(self.date_from, time.min),
            "stop": datetime.combine(self.date_to + relativedelta(days=1), time.min),
        }

    @api.model
    def _create_demo_review(self):
        """Demo: the review of the last quarter of the main company, with one corrective action."""
        year, quarter = self._default_period()
        company = self.env.ref("base.main_company")
        if self.search_count(
            [("company_id", "=", company.id), ("year", "=", year), ("quarter", "=", quarter)]
        ):
            return
        review = self.create(
            {
                "company_id": company.id,
                "year": year,
                "quarter": quarter,
                "conclusion": _(
                    "<p>Most differences come from picking errors in the main stock: "
                    "retrain the pickers and re-label the shelves.</p>"
                ),
            }
        )
        review.action_ids = [
            fields.Command.create(
                {
                    "name": _("Re-label the shelves of the fast movers"),
                    "owner_id": self.env.ref("base.user_admin").id,
                    "deadline": fields.Date.context_today(self) + relativedelta(days=30),
                }
            )
        ]
