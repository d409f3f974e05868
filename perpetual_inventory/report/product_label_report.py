from odoo import _, api, models
from odoo.exceptions import UserError
from odoo.tools.misc import formatLang


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
        }
