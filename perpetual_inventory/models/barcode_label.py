import base64
import io

import barcode
from barcode.errors import BarcodeError
from barcode.writer import ImageWriter

from odoo import _, api, models
from odoo.exceptions import UserError

# Bars are drawn at 300 dpi with a whole number of pixels per module, so that
# every bar of the printed code has exactly the width the symbology asks for.
BARCODE_DPI = 300
PIXEL_MM = 25.4 / BARCODE_DPI
MODULE_PIXELS = {
    "ean13": 4,  # 0.339 mm: the nominal EAN-13 module (0.33 mm)
    "code128": 3,  # 0.254 mm
}
QUIET_ZONE_MODULES = 11  # EAN-13 asks for 11 on the left, Code 128 for 10

# A4 label sheet
LABEL_COLUMNS = 3
LABEL_ROWS = 8


class PerpetualBarcodeLabel(models.AbstractModel):
    """EAN-13 arithmetic and barcode images for the label sheets."""

    _name = "perpetual.barcode.label"
    _description = "Barcode Label Helpers"

    @api.model
    def _ean13_check_digit(self, first12):
        """The GS1 check digit of the first twelve digits of an EAN-13."""
        weighted = sum(int(digit) * (3 if position % 2 else 1) for position, digit in enumerate(first12))
        return (10 - weighted % 10) % 10

    @api.model
    def _is_valid_ean13(self, code):
        return bool(
            code
            and len(code) == 13
            and code.isascii()
            and code.isdigit()
            and self._ean13_check_digit(code[:12]) == int(code[12])
        )

    @api.model
    def _internal_ean13(self, prefix, number):
        """The EAN-13 made of ``prefix``, ``number`` padded with zeros, and the check digit."""
        width = 12 - len(prefix)
        if number >= 10**width:
            raise UserError(_(
                "The internal barcode prefix %(prefix)s has no free numbers left: "
                "choose a shorter prefix in the Inventory settings.",
                prefix=prefix,
            ))
        first12 = f"{prefix}{number:0{width}d}"
        return f"{first12}{self._ean13_check_digit(first12)}"

    @api.model
    def _barcode_symbology(self, code):
        return "ean13" if self._is_valid_ean13(code) else "code128"

    @api.model
    def _barcode_image(self, code, symbology=None, height=13.0):
        """A PNG of ``code`` as a ``data:`` URI, bars ``height`` mm high, no text.

        EAN-13 when the code is a valid EAN-13, Code 128 otherwise, unless
        ``symbology`` says which. False when the code cannot be encoded (Code 128
        only holds ASCII characters).
        """
        symbology = symbology or self._barcode_symbology(code)
        module_width = MODULE_PIXELS[symbology] * PIXEL_MM
        try:
            symbol = barcode.get(symbology, code, writer=ImageWriter(mode="1"))
            image = symbol.render({
                "module_width": module_width,
                "module_height": height,
                # A quarter-pixel offset keeps every bar edge off the pixel boundary.
                "quiet_zone": QUIET_ZONE_MODULES * module_width + PIXEL_MM / 4,
                "margin_top": 0,
                "margin_bottom": 0,
                "dpi": BARCODE_DPI,
                "write_text": False,
            })
        except BarcodeError:
            return False
        png = io.BytesIO()
        image.save(png, format="PNG")
        return "data:image/png;base64," + base64.b64encode(png.getvalue()).decode()

    @api.model
    def _print_labels(self, report_xmlid, records):
        """Print the labels of the records that have a barcode; name the others in a
        warning rather than printing labels that cannot be scanned."""
        printable = records.filtered("barcode")
        if not printable:
            raise UserError(_("None of the chosen records has a barcode: there is no label to print."))
        report = self.env.ref(report_xmlid).with_context(active_model=records._name)
        action = report.report_action(printable, config=False)  # sheets use no company layout
        missing = records - printable
        if not missing:
            return action
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("%(count)s without a barcode: no label printed for them", count=len(missing)),
                "message": ", ".join(missing.mapped("display_name")),
                "type": "warning",
                "sticky": True,
                "next": action,
            },
        }

    @api.model
    def _label_pages(self, labels):
        """``labels`` cut into pages of rows, as the sheet prints them."""
        rows = [labels[start:start + LABEL_COLUMNS] for start in range(0, len(labels), LABEL_COLUMNS)]
        return [rows[start:start + LABEL_ROWS] for start in range(0, len(rows), LABEL_ROWS)]
