from odoo import _, fields, models
from odoo.exceptions import AccessError, UserError


class StockPickingScanOverride(models.TransientModel):
    """An Inventory manager validates transfers whose scans are not complete, saying why.
    The reason is kept on the transfer and logged in its chatter."""

    _name = "stock.picking.scan.override"
    _description = "Validate Without Scans"

    picking_ids = fields.Many2many("stock.picking", string="Transfers", required=True)
    reason = fields.Text(required=True, help="Why these transfers are validated without every line scanned.")

    def action_validate(self):
        self.ensure_one()
        if not self.env.user.has_group("perpetual_inventory.group_manager"):
            raise AccessError(_("Only an Inventory manager may validate a transfer without its scans."))
        reason = (self.reason or "").strip()
        if not reason:
            raise UserError(_("Say why the transfer is validated without its scans."))
        pickings = self.picking_ids
        if pickings.filtered(lambda picking: picking.state in ("done", "cancel")):
            raise UserError(_("A done or cancelled transfer cannot be validated again."))
        pickings.sudo().write({"pi_scan_override_user_id": self.env.uid, "pi_scan_override_reason": reason})
        for picking in pickings:
            picking.message_post(
                body=_(
                    "Validated without every line scanned by %(manager)s. Reason: %(reason)s",
                    manager=self.env.user.name,
                    reason=reason,
                )
            )
        return pickings.button_validate()
