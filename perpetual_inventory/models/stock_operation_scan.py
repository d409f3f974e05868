from odoo import _, api, fields, models
from odoo.exceptions import UserError

# Steps that changed a move line, and that the user can take back.
UNDOABLE_ACTIONS = ("scan", "typed", "destination", "rfid", "damaged")


class StockOperationScan(models.Model):
    """One step a warehouse user took on a transfer in the Operations screen: a location
    scanned, a product counted, a quantity typed, a destination scanned, a step undone, a
    pick error caught. The audit trail of the scans, what Undo takes back, and where the
    screen takes up again after a reload.

    Written by the Operations screen only (as superuser) and never changed, except for
    being marked undone."""

    _name = "stock.operation.scan"
    _description = "Operation Scan Log"
    _order = "id desc"

    picking_id = fields.Many2one(
        "stock.picking", string="Transfer", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="picking_id.company_id", store=True, index=True)
    picking_type_code = fields.Selection(related="picking_id.picking_type_code", store=True)
    user_id = fields.Many2one("res.users", required=True, index=True)
    action = fields.Selection(
        [
            ("location", "Source location scanned"),
            ("need_lot", "Product waiting for its lot/serial"),
            ("scan", "Scan"),
            ("rfid", "RFID tags read"),
            ("typed", "Typed quantity"),
            ("destination", "Destination scanned"),
            ("damaged", "Marked damaged"),
            ("undo", "Undo"),
            ("pick_error", "Pick error caught"),
        ],
        required=True,
    )
    move_id = fields.Many2one("stock.move", index=True, ondelete="set null")
    move_line_id = fields.Many2one("stock.move.line", index="btree_not_null", ondelete="set null")
    product_id = fields.Many2one("product.product")
    package_id = fields.Many2one(
        "stock.quant.package", help="The package scanned: the line moves it whole (given back on Undo)."
    )
    lot_name = fields.Char(string="Lot/Serial Number")
    location_id = fields.Many2one("stock.location")
    location_dest_id = fields.Many2one("stock.location", string="Destination")
    previous_location_dest_id = fields.Many2one("stock.location", string="Previous Destination")
    barcode = fields.Char()
    qty_before = fields.Float(digits="Product Unit of Measure")
    qty_after = fields.Float(digits="Product Unit of Measure")
    origin_line_id = fields.Many2one(
        "stock.move.line",
        ondelete="set null",
        help="The reserved line this scan took its quantity from (given back on Undo).",
    )
    reserved_taken = fields.Float(
        digits="Product Unit of Measure", help="The reserved quantity this scan took from its origin line."
    )
    line_created = fields.Boolean(help="The scan created the move line.")
    error_kind = fields.Selection(
        [("wrong_product", "Wrong product"), ("wrong_location", "Wrong location")],
        help="What the user scanned wrong, for a pick error caught.",
    )
    message = fields.Char(help="What the screen answered, for a pick error caught.")
    operation = fields.Integer(
        index=True,
        help="Entries of one step (e.g. a destination scanned for several lines) share the id of "
        "its first entry, and are undone together.",
    )
    undone = fields.Boolean(index=True)

    @api.depends("picking_id", "product_id", "action")
    def _compute_display_name(self):
        actions = dict(self._fields["action"]._description_selection(self.env))
        for scan in self:
            subject = scan.product_id.display_name or scan.location_id.display_name or scan.picking_id.name
            scan.display_name = f"{scan.picking_id.name} - {subject} - {actions.get(scan.action, '')}"

    def write(self, vals):
        if not self.env.su:
            raise UserError(_("The scan log is written by the Operations screen only."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not self.env.su:
            raise UserError(_("The scan log is the audit trail of the transfer: it cannot be deleted."))

    @api.model
    def _log(self, picking, action, operation=False, **values):
        entry = self.sudo().create(
            {
                "picking_id": picking.id,
                "user_id": self.env.uid,
                "action": action,
                "operation": operation,
                **values,
            }
        )
        if not operation:
            entry.operation = entry.id
        return entry

    @api.model
    def _last_step(self, picking, actions=None):
        """The current user's latest step on the transfer (among ``actions``), undone ones excepted."""
        domain = [("picking_id", "=", picking.id), ("user_id", "=", self.env.uid), ("undone", "=", False)]
        if actions:
            domain.append(("action", "in", actions))
        return self.sudo().search(domain, limit=1)

    @api.model
    def _last_operation(self, picking):
        """The entries of the current user's latest step that Undo takes back."""
        last = self._last_step(picking, UNDOABLE_ACTIONS)
        if not last:
            return last
        return self.sudo().search([("operation", "=", last.operation), ("undone", "=", False)])
