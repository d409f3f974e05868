from odoo import fields, models

from .product_product import NOT_FOR_COUNTERS, check_blind_fields


class ProductTemplate(models.Model):
    _inherit = "product.template"

    standard_price = fields.Float(groups=NOT_FOR_COUNTERS)
    qty_available = fields.Float(groups=NOT_FOR_COUNTERS)
    virtual_available = fields.Float(groups=NOT_FOR_COUNTERS)
    incoming_qty = fields.Float(groups=NOT_FOR_COUNTERS)
    outgoing_qty = fields.Float(groups=NOT_FOR_COUNTERS)

    def check_field_access_rights(self, operation, field_names):
        check_blind_fields(self, field_names)
        return super().check_field_access_rights(operation, field_names)
