from odoo import api, models


class ReportProductTemplateLabel(models.AbstractModel):
    """Product labels printed from templates: one label per variant."""

    _name = "report.perpetual_inventory.report_product_template_label"
    _description = "Product Labels (Templates)"

    @api.model
    def _get_report_values(self, docids, data=None):
        variants = self.env["product.template"].browse(docids).product_variant_ids
        product_report = self.env["report.perpetual_inventory.report_product_label"]
        return product_report._get_report_values(variants.ids, data)
