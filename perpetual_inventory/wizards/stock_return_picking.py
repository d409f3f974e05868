from odoo import fields, models


class StockReturnPicking(models.TransientModel):
    _inherit = "stock.return.picking"

    return_reason_id = fields.Many2one(
        "stock.variance.reason",
        help="Why the goods come back; picking errors count against pick accuracy.",
    )

    def _prepare_picking_default_values(self):
        values = super()._prepare_picking_default_values()
        values["return_reason_id"] = self.return_reason_id.id
        return values
