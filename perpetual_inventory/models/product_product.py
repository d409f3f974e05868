from odoo import fields, models

# Internal users, except counters: blind counting hides costs and quantities on hand.
NOT_FOR_COUNTERS = "base.group_user,!perpetual_inventory.group_counter"


class ProductProduct(models.Model):
    _inherit = "product.product"

    standard_price = fields.Float(groups=NOT_FOR_COUNTERS)
    value_svl = fields.Float(groups=NOT_FOR_COUNTERS)
    quantity_svl = fields.Float(groups=NOT_FOR_COUNTERS)
    avg_cost = fields.Monetary(groups=NOT_FOR_COUNTERS)
    total_value = fields.Monetary(groups=NOT_FOR_COUNTERS)
    qty_available = fields.Float(groups=NOT_FOR_COUNTERS)
    virtual_available = fields.Float(groups=NOT_FOR_COUNTERS)
    free_qty = fields.Float(groups=NOT_FOR_COUNTERS)
    incoming_qty = fields.Float(groups=NOT_FOR_COUNTERS)
    outgoing_qty = fields.Float(groups=NOT_FOR_COUNTERS)

    def _create_fifo_vacuum_anglo_saxon_expense_entries(self, vacuum_pairs):
        # With COGS booked at delivery, the vacuum correction of negative stock
        # already reaches COGS through the delivery's own accounts.
        vacuum_pairs = [
            (vacuum_svl, svl_to_vacuum) for vacuum_svl, svl_to_vacuum in vacuum_pairs
            if not vacuum_svl.company_id._books_cogs_at_delivery()
        ]
        return super()._create_fifo_vacuum_anglo_saxon_expense_entries(vacuum_pairs)
