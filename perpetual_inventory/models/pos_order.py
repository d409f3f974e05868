from odoo import models


class PosOrder(models.Model):
    _inherit = "pos.order"

    def _prepare_aml_values_list_per_nature(self):
        values = super()._prepare_aml_values_list_per_nature()
        if self.company_id._books_cogs_at_delivery():
            # Invoicing an order after its session closed must not book COGS again.
            values.pop("stock", None)
        return values

    def _create_order_picking(self):
        # Mark the COGS lines when they are created: writing them once posted
        # costs a full journal item write per order.
        return super(PosOrder, self.with_context(perpetual_cogs_source="pos"))._create_order_picking()
