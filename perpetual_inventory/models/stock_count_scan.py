from odoo import _, api, fields, models
from odoo.exceptions import UserError

# Steps the counter can take back: the ones that changed a count line.
UNDOABLE_ACTIONS = ("scan", "found", "typed", "zero", "rfid")


class StockCountScan(models.Model):
    """One step a counter took on a count: a location scanned, a change to a count line,
    their part of the count finished. The audit trail of a count, what the server undoes
    when the counter asks to take back their last step, and where the Count screen takes
    up again after a reload.

    Entries are written by the counting engine only (as superuser) and never changed,
    except for being marked undone."""

    _name = "stock.count.scan"
    _description = "Count Scan Log"
    _order = "id desc"

    session_id = fields.Many2one("stock.count.session", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="session_id.company_id", store=True, index=True)
    line_id = fields.Many2one(
        "stock.count.line",
        index=True,
        ondelete="cascade",
        help="Empty for a location scanned and for a finished count.",
    )
    product_id = fields.Many2one(related="line_id.product_id")
    location_id = fields.Many2one(
        "stock.location",
        compute="_compute_location_id",
        store=True,
        readonly=False,
        index=True,
    )
    user_id = fields.Many2one("res.users", string="Counter", required=True, index=True)

    @api.depends("line_id", "location_id", "session_id", "action")
    def _compute_display_name(self):
        actions = dict(self._fields["action"]._description_selection(self.env))
        for scan in self:
            subject = (
                scan.line_id.display_name or scan.location_id.display_name or scan.session_id.display_name
            )
            scan.display_name = f"{subject} - {actions.get(scan.action, '')}"

    action = fields.Selection(
        [
            ("scan", "Scan"),
            ("found", "Found stock"),
            ("typed", "Typed quantity"),
            ("zero", "Not found (location finished)"),
            ("undo", "Undo"),
            ("location", "Location scanned"),
            ("rfid", "RFID tags read"),
            ("finish", "Count finished"),
        ],
        required=True,
    )
    barcode = fields.Char()
    operation = fields.Integer(
        index=True,
        help="Entries of one operation (e.g. finishing a location) share the id of its first entry, "
        "and are undone together.",
    )
    qty_before = fields.Float(digits="Product Unit of Measure")
    qty_after = fields.Float(digits="Product Unit of Measure")
    state_before = fields.Char()
    state_after = fields.Char()
    line_created = fields.Boolean(help="The scan opened this line (a product not on the list).")
    undone = fields.Boolean(index=True)

    @api.depends("line_id")
    def _compute_location_id(self):
        for scan in self:
            scan.location_id = scan.line_id.location_id or scan.location_id

    @api.model
    def _log(
        self,
        line,
        action,
        qty_before,
        qty_after,
        state_before,
        state_after,
        barcode=False,
        line_created=False,
        operation=False,
    ):
        entry = self.sudo().create(
            {
                "session_id": line.session_id.id,
                "line_id": line.id,
                "user_id": self.env.user.id,
                "action": action,
                "barcode": barcode or False,
                "operation": operation or False,
                "qty_before": qty_before,
                "qty_after": qty_after,
                "state_before": state_before,
                "state_after": state_after,
                "line_created": line_created,
            }
        )
        if not operation:
            entry.operation = entry.id
        return entry

    def write(self, vals):
        if not self.env.su:
            raise UserError(_("The scan log is written by the counting engine only."))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        if not self.env.su:
            raise UserError(_("The scan log is the audit trail of the count: it cannot be deleted."))

    @api.model
    def _log_step(self, session, action, location=False, barcode=False):
        """A step that changes no line: a location scanned, the counter's part finished."""
        entry = self.sudo().create(
            {
                "session_id": session.id,
                "location_id": location and location.id,
                "user_id": self.env.user.id,
                "action": action,
                "barcode": barcode or False,
            }
        )
        entry.operation = entry.id
        return entry

    @api.model
    def _last_operation(self, sessions):
        """The current user's latest operation not yet undone in these sessions."""
        last = self.sudo().search(
            [
                ("session_id", "in", sessions.ids),
                ("user_id", "=", self.env.uid),
                ("action", "in", UNDOABLE_ACTIONS),
                ("undone", "=", False),
            ],
            limit=1,
        )
        if not last:
            return last
        return self.sudo().search([("operation", "=", last.operation), ("undone", "=", False)])

    @api.model
    def _current_location(self, sessions):
        """(session, location) where the current user's last step in these sessions took
        place; nothing once they finished that location or their count."""
        last = self.sudo().search(
            [("session_id", "in", sessions.ids), ("user_id", "=", self.env.uid)], limit=1
        )
        if not last.location_id or last.action in ("zero", "finish"):
            return self.env["stock.count.session"], self.env["stock.location"]
        return last.session_id.with_env(self.env), last.location_id.with_env(self.env)

    def _undo(self):
        """Put the lines back as they were before these entries; refuse when they changed since."""
        changes = self.filtered("line_id")  # an RFID read's first entry changes no line itself
        for entry in changes:
            line = entry.line_id
            if line.state not in ("to_count", "counted") or line.counted_qty != entry.qty_after:
                raise UserError(
                    _(
                        "%(product)s at %(location)s changed since this scan: nothing was undone.",
                        product=line.product_id.display_name,
                        location=line.location_id.display_name,
                    )
                )
            line._check_countable(entry.qty_before)
        for entry in changes:
            line = entry.line_id.sudo()
            if entry.line_created:
                line.state = "cancel"
            elif entry.state_before == "to_count":
                line.write(
                    {
                        "counted_qty": 0.0,
                        "state": "to_count",
                        "counted_by_id": False,
                        "counted_at": False,
                        "expected_qty": 0.0,
                    }
                )
            else:
                line.write({"counted_qty": entry.qty_before, "state": entry.state_before})
            self._log(
                line,
                "undo",
                qty_before=entry.qty_after,
                qty_after=line.counted_qty,
                state_before=entry.state_after,
                state_after=line.state,
            )
        self.undone = True
        for session, entries in self.grouped("session_id").items():
            self.env["stock.epc.read"].sudo()._forget(session, operations=set(entries.mapped("operation")))
        return changes.line_id
