from odoo import fields, models


class StockPickingType(models.Model):
    """Scan rules of an operation type, applied by the Operations screen and, for the
    mandatory ones, by the validation of its transfers (``stock.picking.button_validate``)."""

    _inherit = "stock.picking.type"

    pi_scan_source_location = fields.Boolean(
        string="Source Location Scan Mandatory",
        help="A product taken from an internal location counts only after its location was scanned.",
    )
    pi_scan_product = fields.Boolean(
        string="Product Scan Mandatory",
        help="A line's quantity can be typed only once its product was scanned.",
    )
    pi_scan_lot = fields.Boolean(
        string="Lot/Serial Scan Mandatory",
        help="A tracked product counts only with its lot or serial number scanned.",
    )
    pi_scan_destination = fields.Selection(
        [
            ("never", "Never"),
            ("after_each", "After each product"),
            ("after_all", "After all products"),
        ],
        string="Destination Scan",
        default="never",
        required=True,
        help="When the destination location must be scanned: after each product, once after all "
        "the products, or never.",
    )
    pi_scan_allow_extra = fields.Boolean(
        string="Extra Products Allowed",
        default=True,
        help="Products not in the transfer, and quantities above the demand, may be scanned.",
    )
    pi_scan_allow_empty_validation = fields.Boolean(
        string="Validation With Nothing Scanned",
        default=True,
        help="A transfer may be validated with nothing scanned: every line is then done at its demand.",
    )

    def _pi_scans_mandatory(self):
        """Whether every line of this type's transfers must be confirmed by scan to be validated."""
        self.ensure_one()
        return bool(
            self.pi_scan_source_location
            or self.pi_scan_product
            or self.pi_scan_lot
            or self.pi_scan_destination != "never"
        )
