from odoo import _, models
from odoo.exceptions import UserError

# Reports whose PDF is drawn by their report model (``_render_label_sheet``) with reportlab,
# at true size, instead of being converted from HTML by wkhtmltopdf.
LABEL_SHEET_REPORTS = (
    "perpetual_inventory.report_product_label",
    "perpetual_inventory.report_product_template_label",
    "perpetual_inventory.report_location_label",
)


class IrActionsReport(models.Model):
    _inherit = "ir.actions.report"

    def _render_qweb_pdf(self, report_ref, res_ids=None, data=None):
        report_name = self._get_report(report_ref).report_name
        if report_name not in LABEL_SHEET_REPORTS:
            return super()._render_qweb_pdf(report_ref, res_ids=res_ids, data=data)
        if isinstance(res_ids, int):
            res_ids = [res_ids]
        return self.env[f"report.{report_name}"]._render_label_sheet(res_ids or []), "pdf"

    def _render_qweb_html(self, report_ref, docids, data=None):
        if self._get_report(report_ref).report_name in LABEL_SHEET_REPORTS:
            raise UserError(_("Barcode labels are printed as a PDF only: print them from the Print menu."))
        return super()._render_qweb_html(report_ref, docids, data=data)
