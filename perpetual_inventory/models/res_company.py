from odoo import api, fields, models, _
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    count_tolerance_percent = fields.Float(
        string="Count Tolerance (%)",
        default=5.0,
        help="A counted quantity within this percentage of the expected "
        "quantity is accepted without a recount (per ABC class once classified).",
    )
    count_tolerance_value = fields.Monetary(
        string="Count Tolerance (Value)",
        currency_field="currency_id",
        default=50.0,
        help="A count difference worth no more than this is accepted without a recount.",
    )
    variance_manager_limit = fields.Monetary(
        string="Manager Approval Limit",
        currency_field="currency_id",
        default=1000.0,
        help="Variances worth more than this need a Finance approver as well "
        "as an Inventory manager.",
    )

    @api.constrains("count_tolerance_percent", "count_tolerance_value", "variance_manager_limit")
    def _check_count_settings(self):
        for company in self:
            if company.count_tolerance_percent < 0 or company.count_tolerance_percent > 100:
                raise ValidationError(_("The count tolerance must be between 0 % and 100 %."))
            if company.count_tolerance_value < 0:
                raise ValidationError(_("The count tolerance value cannot be negative."))
            if company.variance_manager_limit < 0:
                raise ValidationError(_("The manager approval limit cannot be negative."))
