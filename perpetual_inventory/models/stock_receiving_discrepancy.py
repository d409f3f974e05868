from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_compare, float_is_zero

TODO_ACTIVITY = "mail.mail_activity_data_todo"
WAITING_STATES = ("to_approve", "to_approve_finance")


class StockReceivingDiscrepancy(models.Model):
    """A scanned receipt that differs from its order: goods short, over, or not ordered at all.

    Short and unexpected receipts, and over-receipts within the company's tolerance, are
    recorded when the receipt is validated. An over-receipt above the tolerance waits for
    a manager's approval before the receipt can be validated, and, worth more than the
    manager approval limit, for a finance approver's too (the rules of stock variances).
    The buyer gets an activity to settle it with the vendor.
    """

    _name = "stock.receiving.discrepancy"
    _description = "Receiving Discrepancy"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"

    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    picking_id = fields.Many2one("stock.picking", string="Receipt", required=True, index=True, readonly=True)
    move_id = fields.Many2one("stock.move", string="Stock Move", index=True, readonly=True)
    product_id = fields.Many2one("product.product", required=True, readonly=True)
    uom_id = fields.Many2one("uom.uom", string="Unit", readonly=True)
    order_ref = fields.Char(string="Order", readonly=True, help="The purchase order (source document).")
    order_line_ref = fields.Char(string="Order Line", readonly=True, help="The purchase order line received.")
    buyer_id = fields.Many2one("res.users", readonly=True)
    received_by_id = fields.Many2one("res.users", readonly=True)
    kind = fields.Selection(
        [("short", "Short"), ("over", "Over"), ("unexpected", "Not ordered")], required=True, readonly=True
    )
    ordered_qty = fields.Float(string="Ordered", digits="Product Unit of Measure", readonly=True)
    received_qty = fields.Float(string="Received", digits="Product Unit of Measure", readonly=True)
    difference_qty = fields.Float(
        string="Difference", digits="Product Unit of Measure", compute="_compute_difference", store=True
    )
    unit_cost = fields.Float(digits="Product Price", readonly=True)
    value = fields.Monetary(
        compute="_compute_difference", store=True, help="The difference at the unit cost."
    )
    reason_id = fields.Many2one(
        "stock.variance.reason",
        readonly=True,
        default=lambda self: self.env.ref(
            "perpetual_inventory.reason_receiving_error", raise_if_not_found=False
        ),
    )
    state = fields.Selection(
        [
            ("recorded", "Recorded"),
            ("to_approve", "To Approve"),
            ("to_approve_finance", "Waiting Finance Approval"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
        ],
        default="recorded",
        required=True,
        readonly=True,
        tracking=True,
    )
    manager_approver_id = fields.Many2one("res.users", readonly=True, copy=False)
    finance_approver_id = fields.Many2one("res.users", readonly=True, copy=False)

    @api.depends("ordered_qty", "received_qty", "unit_cost")
    def _compute_difference(self):
        for discrepancy in self:
            discrepancy.difference_qty = discrepancy.received_qty - discrepancy.ordered_qty
            discrepancy.value = discrepancy.currency_id.round(
                discrepancy.difference_qty * discrepancy.unit_cost
            )

    @api.depends("picking_id", "product_id", "kind")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for discrepancy in self:
            product = discrepancy.product_id.display_name
            kind = kinds.get(discrepancy.kind, "")
            discrepancy.display_name = f"{discrepancy.picking_id.name} - {product} ({kind})"

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            raise AccessError(
                _("Receiving discrepancies are recorded by the validation of a scanned receipt.")
            )
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and set(vals) - {"activity_ids", "message_follower_ids"}:
            raise AccessError(_("A receiving discrepancy changes only through its approval buttons."))
        return super().write(vals)

    # Approval ------------------------------------------------------------------------

    def action_approve(self):
        """A manager's approval; worth more than the manager limit, a finance approver's next."""
        user = self.env.user
        if not user.has_group("perpetual_inventory.group_manager"):
            raise AccessError(_("Only an Inventory manager approves an over-receipt."))
        for discrepancy in self:
            if discrepancy.state not in WAITING_STATES:
                raise UserError(
                    _("%(discrepancy)s is not waiting for approval.", discrepancy=discrepancy.display_name)
                )
            if user == discrepancy.received_by_id:
                raise UserError(
                    _(
                        "%(user)s received %(discrepancy)s and cannot approve it: another manager must.",
                        user=user.name,
                        discrepancy=discrepancy.display_name,
                    )
                )
            if discrepancy.state == "to_approve":
                discrepancy._approve_as_manager(user)
            else:
                discrepancy._approve_as_finance(user)
        return True

    def _approve_as_manager(self, user):
        limit = self.company_id.variance_manager_limit
        needs_finance = self.currency_id.compare_amounts(abs(self.value), limit) > 0
        self.sudo().write(
            {"manager_approver_id": user.id, "state": "to_approve_finance" if needs_finance else "approved"}
        )
        self.activity_feedback([TODO_ACTIVITY], user_id=user.id)
        if needs_finance:
            for approver in self._finance_approvers():
                self.sudo().activity_schedule(
                    TODO_ACTIVITY,
                    user_id=approver.id,
                    summary=_("Finance approval of over-receipt %s", self.display_name),
                )

    def _approve_as_finance(self, user):
        if not user.has_group("perpetual_inventory.group_finance_approver"):
            raise UserError(
                _(
                    "%(discrepancy)s is worth more than the manager approval limit: a finance approver "
                    "must give the second approval.",
                    discrepancy=self.display_name,
                )
            )
        if user == self.manager_approver_id:
            raise UserError(
                _(
                    "%(user)s has already approved %(discrepancy)s: the next approval must come from someone else.",
                    user=user.name,
                    discrepancy=self.display_name,
                )
            )
        self.sudo().write({"finance_approver_id": user.id, "state": "approved"})
        self.sudo().activity_unlink([TODO_ACTIVITY])

    def action_reject(self):
        if not self.env.user.has_group("perpetual_inventory.group_manager"):
            raise AccessError(_("Only an Inventory manager rejects an over-receipt."))
        if self.filtered(lambda discrepancy: discrepancy.state not in WAITING_STATES):
            raise UserError(_("Only an over-receipt waiting for approval can be rejected."))
        self.sudo().write({"state": "rejected"})
        self.sudo().activity_unlink([TODO_ACTIVITY])
        return True

    def _finance_approvers(self):
        approvers = self.company_id.variance_finance_approver_ids
        if not approvers:
            approvers = (
                self.env["res.users"]
                .sudo()
                .search(
                    [
                        ("groups_id", "in", self.env.ref("perpetual_inventory.group_finance_approver").id),
                        ("company_ids", "in", self.company_id.id),
                        ("share", "=", False),
                    ]
                )
            )
        return approvers - self.manager_approver_id - self.received_by_id

    def _manager_approver(self):
        return (
            self.env["res.users"]
            .sudo()
            .search(
                [
                    ("groups_id", "in", self.env.ref("perpetual_inventory.group_manager").id),
                    ("company_ids", "in", self.company_id.id),
                    ("share", "=", False),
                    ("id", "!=", self.received_by_id.id),
                ],
                order="id",
                limit=1,
            )
        )

    # Made by the receipt ------------------------------------------------------------------

    @api.model
    def _values_for_move(self, move):
        """The discrepancy of a scanned receipt's move, as create values, or {} when it got
        what was ordered."""
        rounding = move.product_uom.rounding
        ordered = move.product_uom_qty  # 0 for a product scanned but not ordered
        received = move._get_picked_quantity() if move.picked else 0.0
        if float_is_zero(received - ordered, precision_rounding=rounding):
            return {}
        kind = "unexpected" if not ordered else ("over" if received > ordered else "short")
        order_line = move._fields.get("purchase_line_id") and move.purchase_line_id
        buyer = order_line.order_id.user_id if order_line else move.picking_id.user_id
        return {
            "company_id": move.company_id.id,
            "picking_id": move.picking_id.id,
            "move_id": move.id,
            "product_id": move.product_id.id,
            "uom_id": move.product_uom.id,
            "order_ref": move.picking_id.origin or False,
            "order_line_ref": order_line.display_name if order_line else False,
            "buyer_id": buyer.id,
            "received_by_id": self.env.uid,
            "kind": kind,
            "ordered_qty": ordered,
            "received_qty": received,
            "unit_cost": move.price_unit or move.product_id.with_company(move.company_id).standard_price,
        }

    @api.model
    def _is_above_tolerance(self, values, company):
        if values["kind"] == "short":
            return False
        over = values["received_qty"] - values["ordered_qty"]
        uom = self.env["uom.uom"].browse(values["uom_id"])
        allowed = values["ordered_qty"] * company.count_tolerance_percent / 100.0
        above_quantity = float_compare(over, allowed, precision_rounding=uom.rounding) > 0
        above_value = (
            company.currency_id.compare_amounts(over * values["unit_cost"], company.count_tolerance_value) > 0
        )
        if values["kind"] == "unexpected":
            return above_value  # nothing ordered: only its value says how much it matters
        return above_quantity or above_value

    def _notify_buyer(self):
        for discrepancy in self.filtered("buyer_id"):
            discrepancy.sudo().activity_schedule(
                TODO_ACTIVITY,
                user_id=discrepancy.buyer_id.id,
                summary=_("Receiving discrepancy on %s", discrepancy.picking_id.name),
                note=_(
                    "%(product)s: %(ordered)s ordered, %(received)s received.",
                    product=discrepancy.product_id.display_name,
                    ordered=discrepancy.ordered_qty,
                    received=discrepancy.received_qty,
                ),
            )
