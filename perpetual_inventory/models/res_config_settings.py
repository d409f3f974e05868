from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _name = "res.config.settings"
    _inherit = ["res.config.settings", "perpetual.input.guard"]

    cogs_recognition = fields.Selection(related="company_id.cogs_recognition", readonly=False)
    stock_accountant_id = fields.Many2one(related="company_id.stock_accountant_id", readonly=False)
    count_adjustment_reason_id = fields.Many2one(
        related="company_id.count_adjustment_reason_id", readonly=False
    )
    double_count_value = fields.Monetary(related="company_id.double_count_value", readonly=False)
    scrap_requires_approval = fields.Boolean(related="company_id.scrap_requires_approval", readonly=False)
    count_tolerance_percent = fields.Float(related="company_id.count_tolerance_percent", readonly=False)
    count_tolerance_value = fields.Monetary(related="company_id.count_tolerance_value", readonly=False)
    count_plausible_qty = fields.Float(related="company_id.count_plausible_qty", readonly=False)
    count_plausible_packs = fields.Float(related="company_id.count_plausible_packs", readonly=False)
    variance_manager_limit = fields.Monetary(related="company_id.variance_manager_limit", readonly=False)
    variance_finance_approver_ids = fields.Many2many(
        related="company_id.variance_finance_approver_ids", readonly=False
    )
    internal_barcode_prefix = fields.Char(related="company_id.internal_barcode_prefix", readonly=False)
    gs1_company_prefix = fields.Char(related="company_id.gs1_company_prefix", readonly=False)
    rfid_read_rate = fields.Selection(related="company_id.rfid_read_rate", readonly=False)
