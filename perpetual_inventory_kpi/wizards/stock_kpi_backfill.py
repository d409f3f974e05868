from datetime import timedelta

from odoo import fields, models


class StockKpiBackfill(models.TransientModel):
    """Take (or take again) the KPI snapshots of a range of past days."""

    _name = "stock.kpi.backfill"
    _inherit = ["perpetual.input.guard"]
    _description = "Backfill KPI Snapshots"

    date_from = fields.Date(
        string="From",
        required=True,
        default=lambda self: fields.Date.today() - timedelta(days=89),
        help="Days are UTC calendar days, as in the daily snapshots.",
    )
    date_to = fields.Date(string="To", required=True, default=fields.Date.today)
    company_ids = fields.Many2many(
        "res.company",
        string="Companies",
        required=True,
        default=lambda self: self.env.company,
        domain=lambda self: [("id", "in", self.env.companies.ids)],
        help="The days' rows of these companies are replaced.",
    )

    def action_backfill(self):
        self.ensure_one()
        snapshots = self.env["stock.kpi.snapshot"]
        snapshots._check_range(self.date_from, self.date_to)
        # Only the user's own companies; the rows are written by the job, not the user.
        companies = self.company_ids & self.env.user.company_ids
        snapshots.sudo()._build_range(self.date_from, self.date_to, companies)
        return snapshots.action_open_dashboard()
