from odoo import models


class ProductProduct(models.Model):
    _inherit = "product.product"

    def _create_fifo_vacuum_anglo_saxon_expense_entries(self, vacuum_pairs):
        # With COGS booked at delivery, the vacuum correction of negative stock
        # already reaches COGS through the delivery's own accounts.
        vacuum_pairs = [
            (vacuum_svl, svl_to_vacuum) for vacuum_svl, svl_to_vacuum in vacuum_pairs
            if not vacuum_svl.company_id._books_cogs_at_delivery()
        ]
        return super()._create_fifo_vacuum_anglo_saxon_expense_entries(vacuum_pairs)
