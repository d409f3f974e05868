from odoo import _, api, models
from odoo.exceptions import UserError


class ReportProductLabel(models.AbstractModel):
    """A4 sheet of product labels: name, reference, price, barcode."""

    _name = "report.perpetual_inventory.report_product_label"
    _description = "Product Labels"

    @api.model
    def _get_report_values(self, docids, data=None):
        products = self.env["product.product"].with_context(display_default_code=False).browse(docids)
        if not any(products.mapped("barcode")):
            raise UserError(_(
                "None of the chosen products has a barcode. Give them one first, for instance "
                "with Generate Internal Barcodes in the product list's Actions menu."
            ))
        products = products.filtered("barcode")
        label_helper = self.env["perpetual.barcode.label"]
        labels = [self._prepare_label(product) for product in products]
        return {
            "doc_ids": products.ids,
            "doc_model": "product.product",
            "docs": products,
            "pages": label_helper._label_pages(labels),
            "label_template": "perpetual_inventory.product_label",
        }

    @api.model
    def _prepare_label(self, product):
        code = product.barcode
        return {
            "product": product,
            "code": code,
            "image": code and self.env["perpetual.barcode.label"]._barcode_image(code),
        }
