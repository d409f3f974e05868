from odoo import _, api, models
from odoo.exceptions import UserError


class ReportLocationLabel(models.AbstractModel):
    """A4 sheet of location labels: full location name and its Code 128 barcode."""

    _name = "report.perpetual_inventory.report_location_label"
    _description = "Location Labels"

    @api.model
    def _render_label_sheet(self, docids):
        locations = self.env["stock.location"].browse(docids)
        if not any(locations.mapped("barcode")):
            raise UserError(_("None of the chosen locations has a barcode. Set one on the location first."))
        labels = [self._prepare_label(location) for location in locations.filtered("barcode")]
        return self.env["perpetual.barcode.label"]._render_label_sheet(labels)

    @api.model
    def _prepare_label(self, location):
        code = location.barcode
        return {
            "style": "location",
            "title": location.complete_name,
            "code": code,
            "symbology": self.env["perpetual.barcode.label"]._label_symbology(code, "code128"),
        }
