from odoo import _, api, models
from odoo.exceptions import UserError


class ReportLocationLabel(models.AbstractModel):
    """A4 sheet of location labels: full location name and its Code 128 barcode."""

    _name = "report.perpetual_inventory.report_location_label"
    _description = "Location Labels"

    @api.model
    def _get_report_values(self, docids, data=None):
        locations = self.env["stock.location"].browse(docids)
        if not any(locations.mapped("barcode")):
            raise UserError(_(
                "None of the chosen locations has a barcode. Set one on the location first."
            ))
        locations = locations.filtered("barcode")
        labels = [self._prepare_label(location) for location in locations]
        return {
            "doc_ids": locations.ids,
            "doc_model": "stock.location",
            "docs": locations,
            "pages": self.env["perpetual.barcode.label"]._label_pages(labels),
            "label_template": "perpetual_inventory.location_label",
        }

    @api.model
    def _prepare_label(self, location):
        code = location.barcode
        label_helper = self.env["perpetual.barcode.label"]
        return {
            "location": location,
            "code": code,
            "image": code and label_helper._barcode_image(code, "code128", height=15.0),
        }
