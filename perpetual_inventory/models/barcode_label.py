from odoo import _, api, models
from odoo.exceptions import UserError

from ..report.label_sheet import COLUMNS, ROWS, LabelSheet


class PerpetualBarcodeLabel(models.AbstractModel):
    """EAN-13 arithmetic, printing and the PDF of the label sheets."""

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
            raise UserError(
                _(
                    "The internal barcode prefix %(prefix)s has no free numbers left: "
                    "choose a shorter prefix in the Inventory settings.",
                    prefix=prefix,
                )
            )
        first12 = f"{prefix}{number:0{width}d}"
        return f"{first12}{self._ean13_check_digit(first12)}"

    @api.model
    def _barcode_symbology(self, code):
        return "ean13" if self._is_valid_ean13(code) else "code128"

    @api.model
    def _label_symbology(self, code, symbology=None):
        """How a label draws ``code``: "ean13" or "code128" (``symbology``, or by default EAN-13
        for a valid EAN-13 and Code 128 otherwise), False when no symbology can draw it
        (Code 128 only holds printable ASCII characters)."""
        symbology = symbology or self._barcode_symbology(code)
        if symbology == "code128" and not (code.isascii() and code.isprintable()):
            return False
        return symbology

    @api.model
    def _print_chosen_labels(self, model_name):
        """Print › Barcode Labels: the labels of the ``model_name`` records chosen in the
        list or form (the context's active_ids), read with the user's own rights."""
        records = self.env[model_name].browse(self.env.context.get("active_ids") or [])
        if model_name == "product.template":
            records = records.product_variant_ids
        return records.action_print_barcode_labels()

    @api.model
    def _print_labels(self, report_xmlid, records):
        """Print the labels of the records that have a barcode; name the others in a
        warning rather than printing labels that cannot be scanned."""
        printable = records.filtered("barcode")
        if not printable:
            raise UserError(_("None of the chosen records has a barcode: there is no label to print."))
        # label_sheet: the web client downloads the PDF without its wkhtmltopdf check.
        report = self.env.ref(report_xmlid).with_context(active_model=records._name, label_sheet=True)
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
        rows = [labels[start : start + COLUMNS] for start in range(0, len(labels), COLUMNS)]
        return [rows[start : start + ROWS] for start in range(0, len(rows), ROWS)]

    @api.model
    def _render_label_sheet(self, labels):
        """The PDF of ``labels`` (dicts, see LabelSheet) on A4 sheets, at true size."""
        sheet = LabelSheet(_("Barcode Labels"), _("Not printable as a barcode"))
        for page in self._label_pages(labels):
            sheet.add_page(page)
        return sheet.pdf()
