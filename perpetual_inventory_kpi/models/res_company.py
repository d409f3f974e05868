from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# KPI targets in percent: the design's, plus count coverage.
KPI_TARGET_FIELDS = (
    "kpi_target_record_accuracy", "kpi_target_pick_accuracy",
    "kpi_target_stockout_rate", "kpi_target_count_coverage",
)


class ResCompany(models.Model):
    _inherit = "res.company"

    kpi_target_record_accuracy = fields.Float(
        string="Record Accuracy Target (%)", default=98.0, digits=(5, 2),
        help="Inventory record accuracy at or above this is green (design: > 98 % for A items).",
    )
    kpi_target_pick_accuracy = fields.Float(
        string="Pick Accuracy Target (%)", default=99.5, digits=(5, 2),
        help="Order pick accuracy at or above this is green.",
    )
    kpi_target_stockout_rate = fields.Float(
        string="Stockout Rate Target (%)", default=2.0, digits=(5, 2),
        help="A stockout rate at or below this is green.",
    )
    kpi_target_count_coverage = fields.Float(
        string="Count Coverage Target (%)", default=95.0, digits=(5, 2),
        help="Share of the scheduled cycle counts done by their due date at or above this is green.",
    )

    @api.constrains(*KPI_TARGET_FIELDS)
    def _check_kpi_targets(self):
        for company in self:
            for name in KPI_TARGET_FIELDS:
                if not 0.0 <= company[name] <= 100.0:
                    raise ValidationError(_(
                        "%(target)s must be between 0 and 100 %%.",
                        target=company._fields[name].get_description(self.env)["string"],
                    ))
