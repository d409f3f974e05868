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
        result = super()._create_order_picking()
        cogs_lines = self.picking_ids.move_ids.account_move_ids.line_ids.filtered("cogs_source")
        cogs_lines.write({"cogs_source": "pos"})
        return result
