from odoo import fields, models

from .product_product import NOT_FOR_COUNTERS, check_blind_fields


class StockLot(models.Model):
    _inherit = "stock.lot"

    standard_price = fields.Float(groups=NOT_FOR_COUNTERS)
    value_svl = fields.Float(groups=NOT_FOR_COUNTERS)
    quantity_svl = fields.Float(groups=NOT_FOR_COUNTERS)
    avg_cost = fields.Monetary(groups=NOT_FOR_COUNTERS)
    total_value = fields.Monetary(groups=NOT_FOR_COUNTERS)
    product_qty = fields.Float(groups=NOT_FOR_COUNTERS)

    def check_field_access_rights(self, operation, field_names):
        check_blind_fields(self, field_names)
        return super().check_field_access_rights(operation, field_names)
