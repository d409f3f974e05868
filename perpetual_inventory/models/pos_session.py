from odoo import models


class PosSession(models.Model):
    _inherit = "pos.session"

    def _accumulate_amounts(self, data):
        data = super()._accumulate_amounts(data)
        if self.company_id._books_cogs_at_delivery():
            # Each order's picking booked its COGS when paid: closing books none.
            for key in ("stock_expense", "stock_output", "stock_return"):
                data[key].clear()
        return data
