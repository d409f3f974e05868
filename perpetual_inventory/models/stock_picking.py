from odoo import _, api, fields, models
from odoo.exceptions import UserError

# Written by the override wizard only (as superuser), after checking who overrides.
OVERRIDE_FIELDS = ("pi_scan_override_user_id", "pi_scan_override_reason")


class StockPicking(models.Model):
    _inherit = "stock.picking"

    return_reason_id = fields.Many2one(
        "stock.variance.reason",
        tracking=True,
        help="Why the goods came back. Damaged goods are then written off with a reason, "
        "evidence and approval.",
    )

    pi_scan_override_user_id = fields.Many2one(
        "res.users",
        string="Validated Without Scans By",
        readonly=True,
        copy=False,
        help="The Inventory manager who allowed this transfer to be validated without every line scanned.",
    )
    pi_scan_override_reason = fields.Text(
        string="Reason for Validating Without Scans", readonly=True, copy=False
    )
    pi_scans_mandatory = fields.Boolean(compute="_compute_pi_scans_mandatory")

    @api.depends("picking_type_id")
    def _compute_pi_scans_mandatory(self):
        for picking in self:
            picking.pi_scans_mandatory = picking.picking_type_id._pi_scans_mandatory()

    def write(self, vals):
        if not self.env.su and any(field in vals for field in OVERRIDE_FIELDS):
            raise UserError(
                _("Only an Inventory manager's override with a reason lets a transfer skip its scans.")
            )
        return super().write(vals)

    pi_discrepancy_ids = fields.One2many(
        "stock.receiving.discrepancy", "picking_id", string="Receiving Discrepancies", readonly=True
    )

    def button_validate(self):
        if not self.env.su:
            self._check_scan_rules()
            waiting = self._pi_over_receipts_waiting()
            if waiting:
                return self._pi_approval_notification(waiting)
        return super().button_validate()

    def _action_done(self):
        self._pi_record_receiving_discrepancies()
        result = super()._action_done()
        self._pi_write_off_damaged()
        return result

    def _pi_scanned_receipts(self):
        return self.filtered(
            lambda picking: (
                picking.picking_type_code == "incoming"
                and any(line.pi_scanned_qty for line in picking.move_line_ids)
            )
        )

    def _pi_receipt_discrepancies(self):
        """[(move, discrepancy values, above tolerance)] of these scanned receipts."""
        Discrepancy = self.env["stock.receiving.discrepancy"]
        found = []
        for picking in self._pi_scanned_receipts():
            for move in picking.move_ids.filtered(lambda move: move.state not in ("done", "cancel")):
                values = Discrepancy._values_for_move(move)
                if values:
                    found.append((move, values, Discrepancy._is_above_tolerance(values, picking.company_id)))
        return found

    def _pi_existing_discrepancy(self, move, values, states):
        return move.picking_id.sudo().pi_discrepancy_ids.filtered(
            lambda discrepancy: (
                discrepancy.move_id == move
                and discrepancy.state in states
                and discrepancy.received_qty == values["received_qty"]
            )
        )[:1]

    def _pi_over_receipts_waiting(self):
        """The over-receipts above tolerance not yet approved, asked for approval (once)."""
        Discrepancy = self.env["stock.receiving.discrepancy"].sudo()
        waiting = Discrepancy
        for move, values, above in self._pi_receipt_discrepancies():
            if not above or self._pi_existing_discrepancy(move, values, ("approved",)):
                continue
            pending = self._pi_existing_discrepancy(move, values, ("to_approve", "to_approve_finance"))
            if not pending:
                pending = Discrepancy.create({**values, "state": "to_approve"})
                manager = pending._manager_approver()
                if manager:
                    pending.activity_schedule(
                        "mail.mail_activity_data_todo",
                        user_id=manager.id,
                        summary=_("Approve over-receipt %s", pending.display_name),
                    )
                pending._notify_buyer()
            waiting |= pending
        return waiting

    def _pi_approval_notification(self, waiting):
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "warning",
                "sticky": True,
                "title": _("Over-receipt waits for approval"),
                "message": _(
                    "More than the tolerance was received (%(lines)s): an Inventory manager must "
                    "approve it before the receipt is validated.",
                    lines=", ".join(waiting.mapped("display_name")),
                ),
            },
        }

    def _pi_record_receiving_discrepancies(self):
        """Record what scanned receipts got other than ordered; the buyer gets an activity."""
        Discrepancy = self.env["stock.receiving.discrepancy"].sudo()
        for move, values, __ in self._pi_receipt_discrepancies():
            if self._pi_existing_discrepancy(move, values, ("approved",)):
                continue
            Discrepancy.create(values)._notify_buyer()

    def _check_scan_rules(self):
        """Refuse to validate transfers whose operation type asks for scans unless every line
        to be done was confirmed by scan (or a manager allowed it, with a reason)."""
        for picking in self.filtered(lambda p: not p.pi_scan_override_user_id):
            picking_type = picking.picking_type_id
            lines = picking._pi_lines_to_validate()
            scanned = lines.filtered(lambda line: line._pi_confirmed_by_scan())
            if picking_type._pi_scans_mandatory() and lines - scanned:
                missing = (lines - scanned)[0]
                raise UserError(
                    _(
                        "%(transfer)s must be scanned before it is validated: %(count)s line(s) are "
                        "not confirmed by scan, such as %(product)s at %(location)s. Scan them in the "
                        "Operations screen, or ask an Inventory manager to validate it without scans "
                        "with a reason.",
                        transfer=picking.name,
                        count=len(lines - scanned),
                        product=missing.product_id.display_name,
                        location=missing.location_id.display_name,
                    )
                )
            if not picking_type.pi_scan_allow_empty_validation and not scanned:
                raise UserError(
                    _(
                        "%(transfer)s cannot be validated with nothing scanned: scan its lines in "
                        "the Operations screen, or ask an Inventory manager to validate it without "
                        "scans with a reason.",
                        transfer=picking.name,
                    )
                )

    def _pi_lines_to_validate(self):
        """The move lines that validation will book: the picked ones, or every line with a
        quantity when none is picked (Odoo then picks them all)."""
        self.ensure_one()
        lines = self.move_line_ids.filtered(lambda line: line.quantity and not line.move_id.scrapped)
        if any(line.picked for line in lines):
            lines = lines.filtered("picked")
        return lines

    def action_pi_validate_without_scans(self):
        """Open the override dialog: an Inventory manager validates with a reason."""
        return {
            "type": "ir.actions.act_window",
            "name": _("Validate Without Scans"),
            "res_model": "stock.picking.scan.override",
            "view_mode": "form",
            "target": "new",
            "context": {"default_picking_ids": self.ids},
        }

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

    def _pi_is_customer_return(self):
        """Goods a customer sends back: a receipt of moves that return a delivery."""
        self.ensure_one()
        if self.picking_type_code != "incoming":
            return False
        returned = self.move_ids.origin_returned_move_id | self.return_id.move_ids
        return any(move.location_dest_id.usage == "customer" for move in returned)

    def _pi_write_off_damaged(self):
        """The units of customer returns marked damaged on the Operations screen, received
        with the return, are written off on the damaged-return reason, through the approval
        of write-offs when the company asks for it, as a scrap entered by hand would be."""
        lines = self.move_line_ids.filtered(lambda line: line.pi_damaged_qty and line.state == "done")
        if not lines:
            return
        reason = self.env.ref("perpetual_inventory.reason_damaged_return", raise_if_not_found=False)
        if not reason or not reason.active:
            raise UserError(
                _("The variance reason for damaged returns is missing: an Inventory manager must restore it.")
            )
        for picking in lines.picking_id:
            of_picking = lines.filtered(lambda line, picking=picking: line.picking_id == picking)
            scraps = self.env["stock.scrap"].create(
                [line._pi_damaged_scrap_vals(reason) for line in of_picking]
            )
            scraps.with_context(
                default_root_cause=_("Marked damaged when the customer return %s was received.", picking.name)
            ).do_scrap()
