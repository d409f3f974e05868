from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

# Written by the Operations screen only: they prove a line was scanned.
SCAN_FIELDS = ("pi_scanned_qty", "pi_dest_scanned")


class StockMoveLine(models.Model):
    _inherit = "stock.move.line"

    pi_scanned_qty = fields.Float(
        string="Scanned Quantity",
        digits="Product Unit of Measure",
        copy=False,
        readonly=True,
        help="The quantity the Operations screen set on this line by scan. A line whose quantity "
        "was changed by hand since is no longer confirmed by scan.",
    )
    pi_dest_scanned = fields.Boolean(
        string="Destination Scanned",
        copy=False,
        readonly=True,
    )

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(field in vals for vals in vals_list for field in SCAN_FIELDS):
            raise UserError(_("Only a scan in the Operations screen confirms a line by scan."))
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and any(field in vals for field in SCAN_FIELDS):
            raise UserError(_("Only a scan in the Operations screen confirms a line by scan."))
        return super().write(vals)

    def _pi_confirmed_by_scan(self):
        """Whether this line is done as it was scanned (and its destination scanned, when the
        operation type asks for it)."""
        self.ensure_one()
        rounding = self.product_uom_id.rounding
        if not self.picked or float_compare(self.quantity, self.pi_scanned_qty, precision_rounding=rounding):
            return False
        return self.picking_type_id.pi_scan_destination == "never" or self.pi_dest_scanned
