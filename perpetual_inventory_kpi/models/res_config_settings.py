from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    reorder_service_level = fields.Float(related="company_id.reorder_service_level", readonly=False)
    reorder_lead_time_days = fields.Float(related="company_id.reorder_lead_time_days", readonly=False)
    reorder_window_days = fields.Integer(related="company_id.reorder_window_days", readonly=False)
    reorder_review_days = fields.Float(related="company_id.reorder_review_days", readonly=False)
