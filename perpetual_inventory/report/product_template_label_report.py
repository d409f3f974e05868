from odoo import api, models


class ReportProductTemplateLabel(models.AbstractModel):
    """Product labels printed from templates: one label per variant."""

    _name = "report.perpetual_inventory.report_product_template_label"
    _description = "Product Labels (Templates)"

    @api.model
    def _render_label_sheet(self, docids):
        variants = self.env["product.template"].browse(docids).product_variant_ids
        return self.env["report.perpetual_inventory.report_product_label"]._render_label_sheet(variants.ids)
