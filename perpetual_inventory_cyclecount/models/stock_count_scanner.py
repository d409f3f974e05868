from odoo import api, models


class StockCountScanner(models.AbstractModel):
    _inherit = "stock.count.scanner"

    @api.model
    def get_screen_data(self, session_id=False, session_ids=None):
        """Locations in walking order: corridor, shelf, height, then name."""
        data = super().get_screen_data(session_id, session_ids)
        locations = self.env["stock.location"].browse({group["location_id"] for group in data["locations"]})
        walk = {
            location.id: (location.posx, location.posy, location.posz, location.complete_name)
            for location in locations.sudo()
        }
        data["locations"].sort(key=lambda group: walk[group["location_id"]])
        return data
