from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools import check_lead_time, check_service_level

# KPI targets in percent: the design's, plus count coverage.
KPI_TARGET_FIELDS = (
    "kpi_target_record_accuracy",
    "kpi_target_pick_accuracy",
    "kpi_target_stockout_rate",
    "kpi_target_count_coverage",
)


class ResCompany(models.Model):
    _inherit = "res.company"

    kpi_target_record_accuracy = fields.Float(
        string="Record Accuracy Target (%)",
        default=98.0,
        digits=(5, 2),
        help="Inventory record accuracy at or above this is green (design: > 98 % for A items).",
    )
    kpi_target_pick_accuracy = fields.Float(
        string="Pick Accuracy Target (%)",
        default=99.5,
        digits=(5, 2),
        help="Order pick accuracy at or above this is green.",
    )
    kpi_target_stockout_rate = fields.Float(
        string="Stockout Rate Target (%)",
        default=2.0,
        digits=(5, 2),
        help="A stockout rate at or below this is green.",
    )
    kpi_target_count_coverage = fields.Float(
        string="Count Coverage Target (%)",
        default=95.0,
        digits=(5, 2),
        help="Share of the scheduled cycle counts done by their due date at or above this is green.",
    )

    @api.constrains(*KPI_TARGET_FIELDS)
    def _check_kpi_targets(self):
        for company in self:
            for name in KPI_TARGET_FIELDS:
                if not 0.0 <= company[name] <= 100.0:
                    raise ValidationError(
                        _(
                            "%(target)s must be between 0 and 100 %%.",
                            target=company._fields[name].get_description(self.env)["string"],
                        )
                    )

    reorder_service_level = fields.Float(
        string="Reorder Service Level (%)",
        default=95.0,
        digits=(4, 1),
        help="Chance of not running out during the vendor lead time, for products whose ABC class "
        "sets no service level of its own. Sets the safety stock of reorder-point suggestions.",
    )
    reorder_lead_time_days = fields.Float(
        string="Default Lead Time (days)",
        default=7.0,
        digits=(6, 1),
        help="Used for the reorder points of products whose vendor pricelist gives no delivery lead time.",
    )
    reorder_window_days = fields.Integer(
        string="Demand Window (days)",
        default=90,
        help="How many past days of customer and POS deliveries the reorder-point suggestions read.",
    )
    reorder_review_days = fields.Float(
        string="Review Period (days)",
        default=7.0,
        digits=(6, 1),
        help="Suggested maximum = reorder point + the average demand of this many days.",
    )

    @api.constrains(
        "reorder_service_level", "reorder_lead_time_days", "reorder_window_days", "reorder_review_days"
    )
    def _check_reorder_settings(self):
        for company in self:
            check_service_level(company.reorder_service_level)
            check_lead_time(company.reorder_lead_time_days)
            check_lead_time(company.reorder_review_days)
            if company.reorder_window_days <= 0:
                raise ValidationError(company.env._("The demand window must be at least one day."))
