from odoo import fields, models
from odoo.tools.sql import table_exists


class StockKpiShrinkage(models.Model):
    """The shrinkage of a KPI snapshot row, by variance reason."""

    _name = "stock.kpi.shrinkage"
    _description = "Inventory KPI Shrinkage by Reason"
    _order = "value desc"

    snapshot_id = fields.Many2one("stock.kpi.snapshot", required=True, readonly=True, index=True, ondelete="cascade")
    date = fields.Date(related="snapshot_id.date", store=True)
    company_id = fields.Many2one(related="snapshot_id.company_id", store=True, index=True)
    warehouse_id = fields.Many2one(related="snapshot_id.warehouse_id", store=True)
    abc_class_id = fields.Many2one(related="snapshot_id.abc_class_id", store=True)
    currency_id = fields.Many2one(related="snapshot_id.currency_id")
    reason_id = fields.Many2one(
        "stock.variance.reason", string="Reason", readonly=True,
        help="Empty: a write-off without a reason.",
    )
    value = fields.Monetary(readonly=True, help="Value lost on the day for this reason.")

    def init(self):
        # Rows stored by earlier versions lacked their day, company, warehouse and class,
        # so the company rule hid them: complete them from their snapshot row.
        if table_exists(self.env.cr, "stock_kpi_snapshot"):
            self.env.cr.execute("""
                UPDATE stock_kpi_shrinkage shrinkage
                   SET date = snapshot.date, company_id = snapshot.company_id,
                       warehouse_id = snapshot.warehouse_id, abc_class_id = snapshot.abc_class_id
                  FROM stock_kpi_snapshot snapshot
                 WHERE snapshot.id = shrinkage.snapshot_id AND shrinkage.company_id IS NULL
            """)
