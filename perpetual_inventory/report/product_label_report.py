from odoo import _, api, models
from odoo.exceptions import UserError
from odoo.tools.misc import formatLang

from ..tools import epc as epc_tools


class ReportProductLabel(models.AbstractModel):
    """A4 sheet of product labels: name, reference, price, barcode."""

    _name = "report.perpetual_inventory.report_product_label"
    _description = "Product Labels"

    @api.model
    def _render_label_sheet(self, docids):
        products = self.env["product.product"].with_context(display_default_code=False).browse(docids)
        if not any(products.mapped("barcode")):
            raise UserError(
                _(
                    "None of the chosen products has a barcode. Give them one first, for instance "
                    "with Generate Internal Barcodes in the product list's Actions menu."
                )
            )
        labels = [self._prepare_label(product) for product in products.filtered("barcode")]
        self._add_epcs(labels, products.filtered("barcode"))
        return self.env["perpetual.barcode.label"]._render_label_sheet(labels)

    @api.model
    def _prepare_label(self, product):
        code = product.barcode
        return {
            "style": "product",
            "title": product.display_name,
            "reference": product.default_code or "",
            "price": formatLang(self.env, product.lst_price, currency_obj=product.currency_id),
            "code": code,
            "symbology": self.env["perpetual.barcode.label"]._label_symbology(code),
            "epc": "",
        }

    @api.model
    def _add_epcs(self, labels, products):
        """The SGTIN-96 EPC of each label whose product's GTIN is of the company's GS1 company
        prefix, with a new serial number of the company's sequence: the tag an RFID label
        printer encodes."""
        company = self.env.company
        prefix = company.gs1_company_prefix
        if not prefix:
            return
        tagged = [
            label
            for label in labels
            if (gtin := epc_tools.gtin14(label["code"])) and gtin[1:].startswith(prefix)
        ]
        for label, serial in zip(tagged, company._next_epc_serials(len(tagged)), strict=True):
            label["epc"] = epc_tools.sgtin96(label["code"], serial, prefix)
