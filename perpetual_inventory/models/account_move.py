from odoo import _, fields, models


class AccountMove(models.Model):
    _inherit = "account.move"

    stock_valuation_layer_count = fields.Integer(compute="_compute_stock_valuation_layer_count")

    def _compute_stock_valuation_layer_count(self):
        for move in self:
            # Counted for anyone who reads the entry; the layers open for inventory admins.
            move.stock_valuation_layer_count = len(move.sudo().stock_valuation_layer_ids)

    def _stock_account_prepare_anglo_saxon_out_lines_vals(self):
        # COGS was booked when the goods left: the invoice must not book it again.
        invoiced_at_delivery = self.filtered(lambda move: move.company_id._books_cogs_at_delivery())
        return super(AccountMove, self - invoiced_at_delivery)._stock_account_prepare_anglo_saxon_out_lines_vals()

    def action_open_stock_move(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Stock Move"),
            "res_model": "stock.move",
            "res_id": self.stock_move_id.id,
            "view_mode": "form",
        }

    def action_open_stock_valuation_layers(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Valuation Layers"),
            "res_model": "stock.valuation.layer",
            "domain": [("id", "in", self.stock_valuation_layer_ids.ids)],
            "view_mode": "list,form",
        }

    def _stock_account_anglo_saxon_reconcile_valuation(self, product=False):
        # Odoo runs this for every valuation layer and every posted stock entry,
        # where it finds nothing: only invoices have interim lines to reconcile.
        invoices = self.filtered(lambda move: move.is_invoice())
        if invoices:
            super(AccountMove, invoices)._stock_account_anglo_saxon_reconcile_valuation(product=product)
