from odoo import models


class StockLocation(models.Model):
    _inherit = "stock.location"

    def action_print_barcode_labels(self):
        return self.env["perpetual.barcode.label"]._print_labels(
            "perpetual_inventory.action_report_location_label", self
        )
