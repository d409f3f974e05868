from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools import float_compare

from .stock_operation_scanner import _number

# Written by the Operations screen only: they prove a line was scanned (or marked damaged).
SCAN_FIELDS = ("pi_scanned_qty", "pi_dest_scanned", "pi_damaged_qty")


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
    pi_damaged_qty = fields.Float(
        string="Damaged Quantity",
        digits="Product Unit of Measure",
        copy=False,
        readonly=True,
        help="Of a customer return, the units the Operations screen marked damaged: received, "
        "then written off on the damaged-return reason when the return is validated.",
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

    @api.constrains("quantity", "pi_damaged_qty")
    def _check_damaged_within_quantity(self):
        for line in self.filtered("pi_damaged_qty"):
            if (
                float_compare(
                    line.pi_damaged_qty, line.quantity, precision_rounding=line.product_uom_id.rounding
                )
                > 0
            ):
                raise ValidationError(
                    _(
                        "%(product)s: %(damaged)s marked damaged, more than the %(quantity)s received. "
                        "Undo the damaged mark first.",
                        product=line.product_id.display_name,
                        damaged=_number(line.pi_damaged_qty),
                        quantity=_number(line.quantity),
                    )
                )

    def _pi_damaged_scrap_vals(self, reason):
        """The write-off of this return line's damaged units, from where they were received."""
        self.ensure_one()
        return {
            "company_id": self.company_id.id,
            "picking_id": self.picking_id.id,
            "origin": self.picking_id.name,
            "product_id": self.product_id.id,
            "product_uom_id": self.product_uom_id.id,
            "scrap_qty": self.pi_damaged_qty,
            "lot_id": self.lot_id.id,
            "package_id": self.result_package_id.id,
            "owner_id": self.owner_id.id,
            "location_id": self.location_dest_id.id,
            "variance_reason_id": reason.id,
        }
