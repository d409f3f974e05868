from odoo import fields, models


class StockKpiShrinkage(models.Model):
    """The shrinkage of a KPI snapshot row, by variance reason."""

    _name = "stock.kpi.shrinkage"
    _description = "Inventory KPI Shrinkage by Reason"
    _order = "value desc"

    snapshot_id = fields.Many2one(
        "stock.kpi.snapshot", required=True, readonly=True, index=True, ondelete="cascade"
    )
    date = fields.Date(related="snapshot_id.date", store=True)
    company_id = fields.Many2one(related="snapshot_id.company_id", store=True, index=True)
    warehouse_id = fields.Many2one(related="snapshot_id.warehouse_id", store=True)
    abc_class_id = fields.Many2one(related="snapshot_id.abc_class_id", store=True)
    currency_id = fields.Many2one(related="snapshot_id.currency_id")
    reason_id = fields.Many2one(
        "stock.variance.reason",
        readonly=True,
        help="Empty: a write-off without a reason.",
    )
    value = fields.Monetary(readonly=True, help="Value lost on the day for this reason.")
