from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    kpi_target_record_accuracy = fields.Float(related="company_id.kpi_target_record_accuracy", readonly=False)
    kpi_target_pick_accuracy = fields.Float(related="company_id.kpi_target_pick_accuracy", readonly=False)
    kpi_target_stockout_rate = fields.Float(related="company_id.kpi_target_stockout_rate", readonly=False)
    kpi_target_count_coverage = fields.Float(related="company_id.kpi_target_count_coverage", readonly=False)
    reorder_service_level = fields.Float(related="company_id.reorder_service_level", readonly=False)
    reorder_lead_time_days = fields.Float(related="company_id.reorder_lead_time_days", readonly=False)
    reorder_window_days = fields.Integer(related="company_id.reorder_window_days", readonly=False)
    reorder_review_days = fields.Float(related="company_id.reorder_review_days", readonly=False)
