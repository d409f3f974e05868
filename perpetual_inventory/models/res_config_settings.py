from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    count_tolerance_percent = fields.Float(
        related="company_id.count_tolerance_percent", readonly=False
    )
    count_tolerance_value = fields.Monetary(
        related="company_id.count_tolerance_value", readonly=False
    )
    variance_manager_limit = fields.Monetary(
        related="company_id.variance_manager_limit", readonly=False
    )
