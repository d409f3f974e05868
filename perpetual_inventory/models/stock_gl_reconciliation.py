import logging
from datetime import datetime, time, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..tools import replica_env, try_job_lock

_logger = logging.getLogger(__name__)

# What a reconciliation states: set when it is made, its figures by the computation only.
FIXED_FIELDS = {"company_id", "date", "gl_balance", "layer_value", "difference", "difference_line_count"}


class StockGlReconciliation(models.Model):
    """Stock value by valuation layers beside the general ledger, as of a date.

    The figures are computed in one SQL statement per check and stored as lines,
    one per (valuation account, product).
    """

    _name = "stock.gl.reconciliation"
    _description = "Stock-vs-GL Reconciliation"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "date desc, id desc"

    name = fields.Char(compute="_compute_name", store=True)
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(string="As of", required=True, default=fields.Date.context_today, tracking=True)
    line_ids = fields.One2many("stock.gl.reconciliation.line", "reconciliation_id", readonly=True)
    gl_balance = fields.Monetary(string="GL Balance", readonly=True)
    layer_value = fields.Monetary(string="Valuation Layers", readonly=True)
    difference = fields.Monetary(readonly=True)
    difference_line_count = fields.Integer(string="Rows with a Difference", readonly=True)

    @api.depends("company_id", "date")
    def _compute_name(self):
        for reconciliation in self:
            reconciliation.name = _(
                "Stock vs GL %(company)s as of %(date)s",
                company=reconciliation.company_id.name,
                date=reconciliation.date,
            )

    @api.constrains("date")
    def _check_date_not_in_future(self):
        for reconciliation in self:
            if reconciliation.date > fields.Date.context_today(reconciliation):
                raise UserError(
                    _(
                        "The stock-vs-GL reconciliation cannot be made as of %(date)s: "
                        "that date is in the future.",
                        date=reconciliation.date,
                    )
                )

    @api.model_create_multi
    def create(self, vals_list):
        reconciliations = super().create(vals_list)
        reconciliations._compute_lines()
        return reconciliations

    def write(self, vals):
        # The computation writes as superuser; stock accountants may write (chatter,
        # activities) but never type a figure or move a check to another date.
        if FIXED_FIELDS & set(vals) and not self.env.su:
            raise UserError(
                _(
                    "A stock-vs-GL reconciliation shows the general ledger and the valuation layers "
                    "as of its date: its date, company and figures cannot be changed. Recompute it, "
                    "or make a new reconciliation for another date."
                )
            )
        return super().write(vals)

    def action_recompute(self):
        self.check_access("write")
        self._compute_lines()

    def _compute_lines(self):
        self.env.flush_all()
        for reconciliation in self:
            self.env.cr.execute(
                "DELETE FROM stock_gl_reconciliation_line WHERE reconciliation_id = %s", (reconciliation.id,)
            )
            rows = reconciliation._insert_lines()
            self.env["stock.gl.reconciliation.line"].invalidate_model()
            reconciliation.invalidate_recordset(["line_ids"])
            reconciliation.sudo().write(
                {
                    "gl_balance": sum(gl_balance for gl_balance, _layer_value in rows),
                    "layer_value": sum(layer_value for _gl_balance, layer_value in rows),
                    "difference": sum(gl_balance - layer_value for gl_balance, layer_value in rows),
                    "difference_line_count": len(
                        [1 for gl_balance, layer_value in rows if gl_balance != layer_value]
                    ),
                }
            )

    def _valuation_accounts_by_category(self):
        """{category id: valuation account id} of the categories valued in real time."""
        categories = self.env["product.category"].with_company(self.company_id).search([])
        return {
            category.id: category.property_stock_valuation_account_id.id
            for category in categories
            if category.property_valuation == "real_time" and category.property_stock_valuation_account_id
        }

    def _balances_query(self):
        """SQL of a ``balances`` CTE: one row per (valuation account, product) with its GL
        balance and layer value as of the date; with its parameters. None, None when the
        company values no category in real time."""
        self.ensure_one()
        accounts_by_category = self._valuation_accounts_by_category()
        if not accounts_by_category:
            return None, None
        query = """
            WITH category_account AS (
                SELECT * FROM unnest(%(categories)s::int[], %(accounts)s::int[]) AS c(categ_id, account_id)
            ), layers AS (
                SELECT ca.account_id, svl.product_id, SUM(svl.value) AS value
                  FROM stock_valuation_layer svl
                  JOIN category_account ca ON ca.categ_id = svl.categ_id
                 WHERE svl.company_id = %(company)s AND svl.create_date < %(end)s
              GROUP BY ca.account_id, svl.product_id
            ), ledger AS (
                SELECT aml.account_id, aml.product_id, SUM(aml.balance) AS balance
                  FROM account_move_line aml
                 WHERE aml.company_id = %(company)s
                   AND aml.parent_state = 'posted'
                   AND aml.date <= %(date)s
                   AND aml.account_id IN (SELECT account_id FROM category_account)
              GROUP BY aml.account_id, aml.product_id
            ), balances AS (
                SELECT COALESCE(ledger.account_id, layers.account_id) AS account_id,
                       COALESCE(ledger.product_id, layers.product_id) AS product_id,
                       ROUND(COALESCE(ledger.balance, 0), %(digits)s) AS gl_balance,
                       ROUND(COALESCE(layers.value, 0), %(digits)s) AS layer_value
                  FROM ledger
             FULL JOIN layers ON layers.account_id = ledger.account_id
                             -- Items without product meet as 0: an equality join, hashable.
                             AND COALESCE(layers.product_id, 0) = COALESCE(ledger.product_id, 0)
            )
        """
        params = {
            "categories": list(accounts_by_category),
            "accounts": list(accounts_by_category.values()),
            "company": self.company_id.id,
            "date": self.date,
            "end": datetime.combine(self.date + timedelta(days=1), time.min),
            "digits": self.currency_id.decimal_places,
        }
        return query, params

    def _insert_lines(self):
        """Store one line per (valuation account, product) whose GL balance or layer
        value is not zero as of the date; return their (GL balance, layer value)."""
        query, params = self._balances_query()
        if query is None:
            return []
        self.env.cr.execute(
            query
            + """
            INSERT INTO stock_gl_reconciliation_line
                   (reconciliation_id, company_id, account_id, product_id, gl_balance, layer_value,
                    difference, create_uid, write_uid, create_date, write_date)
            SELECT %(reconciliation)s, %(company)s, account_id, product_id, gl_balance, layer_value,
                   gl_balance - layer_value, %(uid)s, %(uid)s,
                   now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'
              FROM balances
             WHERE gl_balance != 0 OR layer_value != 0
         RETURNING gl_balance, layer_value
            """,
            {**params, "reconciliation": self.id, "uid": self.env.uid},
        )
        return self.env.cr.fetchall()

    def _has_difference(self):
        """Whether any (valuation account, product) differs as of the date; stores nothing,
        so that it can read on a read-only cursor."""
        query, params = self._balances_query()
        if query is None:
            return False
        self.env.flush_all()
        self.env.cr.execute(
            query + "SELECT EXISTS (SELECT 1 FROM balances WHERE gl_balance != layer_value)", params
        )
        return self.env.cr.fetchone()[0]

    @api.model
    def _companies_with_difference(self, companies, date):
        """Those of ``companies`` whose stock value differs from the GL as of ``date``."""
        return companies.filtered(
            lambda company: (
                self.with_company(company).new({"company_id": company.id, "date": date})._has_difference()
            )
        )

    @api.model
    def _run_check(self, company, date=None):
        """Run a check for ``company`` (usable from code); returns the reconciliation."""
        return self.with_company(company).create(
            {
                "company_id": company.id,
                "date": date or fields.Date.context_today(self),
            }
        )

    @api.model
    def _cron_check_stock_against_gl(self):
        """Daily check of every company. Safe when several cron workers or nodes run it at
        once: the first takes the job's lock and the others return at once. The read runs
        on the replica when one is configured; a check is stored, and its accountant
        notified, only for a company whose stock value differs from the GL. A second run
        on the same day refreshes the open check of that day instead of adding another."""
        if not try_job_lock(self.env.cr, "stock_gl_reconciliation_check"):
            _logger.info("The stock-vs-GL check is running in another worker: this run does nothing.")
            return
        self = self.sudo()  # every company is checked, whoever runs the job
        today = fields.Date.context_today(self)
        companies = self.env["res.company"].search([])
        with replica_env(self.env) as read_env:
            differing = self.with_env(read_env)._companies_with_difference(
                companies.with_env(read_env), today
            )
        for company in companies.browse(differing.ids):
            open_check = self.search(
                [
                    ("company_id", "=", company.id),
                    ("date", "=", today),
                    ("activity_ids", "!=", False),
                ],
                order="id desc",
                limit=1,
            )
            if open_check:
                open_check._compute_lines()
                continue
            reconciliation = self._run_check(company, today)
            if reconciliation.difference_line_count:
                reconciliation._notify_accountant()
            else:  # the replica lagged behind a correction
                reconciliation.unlink()

    def _notify_accountant(self):
        self.ensure_one()
        accountant = self.company_id.stock_accountant_id or self.env["res.users"].search(
            [
                ("groups_id", "in", self.env.ref("account.group_account_manager").id),
                ("company_ids", "in", self.company_id.id),
                ("share", "=", False),
            ],
            order="id",
            limit=1,
        )
        self.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=_("Stock value differs from the general ledger"),
            note=_(
                "%(count)s account/product rows differ, %(difference)s in total. "
                "Open the reconciliation to see the entries and moves behind them.",
                count=self.difference_line_count,
                difference=self.currency_id.format(self.difference),
            ),
            user_id=(accountant or self.env.ref("base.user_admin")).id,
        )
