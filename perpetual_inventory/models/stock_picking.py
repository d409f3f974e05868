from odoo import fields, models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    return_reason_id = fields.Many2one(
        "stock.variance.reason",
        tracking=True,
        help="Why the goods came back. Damaged goods are then written off with a reason, "
        "evidence and approval.",
    )

    def _prepare_stock_move_vals(self, first_line, order_lines):
        vals = super()._prepare_stock_move_vals(first_line, order_lines)
        refund_cost = self._pos_refund_unit_cost(first_line.product_id, order_lines)
        if refund_cost is not None:
            vals["price_unit"] = refund_cost
        return vals

    def _pos_refund_unit_cost(self, product, order_lines):
        """Unit cost at which the refunded POS order took the product out, or None.

        Odoo's POS refund moves know nothing of the sale, so without this the goods
        would come back at today's cost instead of the cost their COGS was booked at.
        """
        if not self.company_id._books_cogs_at_delivery():
            return None
        sold_moves = order_lines.refunded_orderline_id.order_id.picking_ids.move_ids.filtered(
            lambda move: move.product_id == product and move.state == "done" and move._is_out()
        )
        layers = sold_moves.sudo().stock_valuation_layer_ids
        layers |= layers.stock_valuation_layer_ids
        quantity = sum(layers.mapped("quantity"))
        if not quantity:
            return None
        return sum(layers.mapped("value")) / quantity
