from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_is_zero

TODO_ACTIVITY = "mail.mail_activity_data_todo"


class StockVariance(models.Model):
    """One out-of-tolerance stock difference: investigated, approved, then booked."""

    _name = "stock.variance"
    _description = "Stock Variance"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    # Fields that stay writable on a posted variance: chatter and activity bookkeeping.
    _POSTED_WRITABLE_FIELDS = ("message_", "activity_")

    name = fields.Char(string="Reference", required=True, copy=False, readonly=True, default="/")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    session_id = fields.Many2one(
        "stock.count.session", string="Count Session", index="btree_not_null", check_company=True
    )
    count_line_id = fields.Many2one(
        "stock.count.line", string="Count Line", index="btree_not_null", check_company=True
    )
    scrap_id = fields.Many2one("stock.scrap", string="Write-off", readonly=True, index="btree_not_null")
    kind = fields.Selection(
        [("count", "Count"), ("scrap", "Damage / write-off"), ("return", "Customer return")],
        required=True,
        default="count",
    )
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "To Approve"),
            ("approved", "Approved"),
            ("posted", "Posted"),
            ("rejected", "Rejected"),
        ],
        required=True,
        default="draft",
        copy=False,
        tracking=True,
        index=True,
    )

    # What differs, and where.
    product_id = fields.Many2one(
        "product.product", required=True, index=True, check_company=True,
        domain="[('is_storable', '=', True)]",
    )
    lot_id = fields.Many2one(
        "stock.lot", string="Lot/Serial Number", check_company=True,
        domain="[('product_id', '=', product_id)]",
    )
    location_id = fields.Many2one(
        "stock.location", required=True, index=True, check_company=True,
        domain="[('usage', 'in', ('internal', 'transit'))]",
    )
    uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    expected_qty = fields.Float(
        string="Expected Quantity", digits="Product Unit of Measure",
        groups="perpetual_inventory.group_manager",
    )
    counted_qty = fields.Float(string="Counted Quantity", digits="Product Unit of Measure", tracking=True)
    difference_qty = fields.Float(
        string="Difference", digits="Product Unit of Measure",
        compute="_compute_difference_qty", store=True,
        help="Counted minus expected: negative for missing stock, positive for found stock.",
    )
    unit_cost = fields.Float(
        digits="Product Price", compute="_compute_unit_cost", store=True, readonly=False, precompute=True,
        groups="perpetual_inventory.group_manager",
        help="The product's cost in the company when the variance was opened.",
    )
    difference_value = fields.Monetary(
        string="Value", compute="_compute_difference_value", store=True, currency_field="currency_id",
        groups="perpetual_inventory.group_manager",
    )

    # Investigation.
    reason_id = fields.Many2one("stock.variance.reason", string="Reason", tracking=True, index=True)
    root_cause = fields.Text()
    corrective_action = fields.Text()
    attachment_ids = fields.Many2many(
        "ir.attachment", "stock_variance_attachment_rel", "variance_id", "attachment_id",
        string="Evidence",
        help="Photos and documents supporting the variance; files posted in the chatter count too.",
    )
    counter_ids = fields.Many2many(
        "res.users", "stock_variance_counter_rel", "variance_id", "user_id",
        string="Counted By",
        help="Who counted: none of them may approve this variance.",
    )

    # Approvals.
    needs_finance_approval = fields.Boolean(
        compute="_compute_needs_finance_approval", store=True,
        help="Worth more than the company's manager approval limit: a finance approver "
        "must approve as well. Fixed once the variance is approved.",
    )
    manager_approver_id = fields.Many2one(
        "res.users", string="Approved by (Manager)", readonly=True, copy=False, tracking=True
    )
    manager_approved_at = fields.Datetime(string="Manager Approval Date", readonly=True, copy=False)
    finance_approver_id = fields.Many2one(
        "res.users", string="Approved by (Finance)", readonly=True, copy=False, tracking=True
    )
    finance_approved_at = fields.Datetime(string="Finance Approval Date", readonly=True, copy=False)

    # Booking.
    stock_move_id = fields.Many2one(
        "stock.move", string="Adjustment Move", readonly=True, copy=False, check_company=True
    )
    account_move_id = fields.Many2one(
        "account.move", string="Journal Entry", readonly=True, copy=False, check_company=True
    )
    posted_value = fields.Monetary(
        readonly=True, copy=False, currency_field="currency_id",
        groups="perpetual_inventory.group_manager",
        help="Value booked by the adjustment move's valuation layers.",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("counted_qty", "expected_qty")
    def _compute_difference_qty(self):
        for variance in self:
            variance.difference_qty = variance.counted_qty - variance.expected_qty

    @api.depends("product_id", "company_id")
    def _compute_unit_cost(self):
        for variance in self:
            variance.unit_cost = variance.product_id.with_company(variance.company_id).standard_price

    @api.depends("difference_qty", "unit_cost")
    def _compute_difference_value(self):
        for variance in self:
            value = variance.difference_qty * variance.unit_cost
            variance.difference_value = variance.currency_id.round(value)

    @api.depends("state", "difference_value", "company_id.variance_manager_limit")
    def _compute_needs_finance_approval(self):
        for variance in self:
            if variance.state in ("approved", "posted", "rejected"):
                # A decision taken stands when the limit changes afterwards;
                # set back to draft, the variance is measured again.
                continue
            limit = variance.company_id.variance_manager_limit
            variance.needs_finance_approval = (
                variance.currency_id.compare_amounts(abs(variance.difference_value), limit) > 0
            )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
                vals["name"] = (
                    self.env["ir.sequence"].with_company(company).next_by_code("stock.variance") or "/"
                )
        return super().create(vals_list)

    def write(self, vals):
        locked = [
            name for name in vals
            if not name.startswith(self._POSTED_WRITABLE_FIELDS)
        ]
        if locked and any(variance.state == "posted" for variance in self):
            raise UserError(_(
                "Posted variances cannot be changed: %(variances)s. "
                "Book a new variance to correct a posted one.",
                variances=", ".join(self.filtered(lambda v: v.state == "posted").mapped("name")),
            ))
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_approved_or_posted(self):
        booked = self.filtered(lambda v: v.state in ("approved", "posted"))
        if booked:
            raise UserError(_(
                "Approved and posted variances cannot be deleted: %(variances)s. "
                "Reject an approved variance instead.",
                variances=", ".join(booked.mapped("name")),
            ))

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_submit(self):
        """Send draft variances for approval and give their approvers an activity."""
        not_draft = self.filtered(lambda v: v.state != "draft")
        if not_draft:
            raise UserError(_(
                "Only draft variances can be submitted for approval: %(variances)s.",
                variances=", ".join(not_draft.mapped("name")),
            ))
        self.write({"state": "to_approve"})
        for variance in self:
            variance._schedule_approval_activities()
        return True

    def action_approve(self):
        """Give the current user's approval: the manager's first, then the finance approver's
        when the variance is worth more than the manager limit."""
        user = self.env.user
        if not user.has_group("perpetual_inventory.group_manager"):
            raise UserError(_("Only inventory managers can approve variances."))
        slots = {variance: variance._approval_slot(user) for variance in self}
        now = fields.Datetime.now()
        for variance, slot in slots.items():
            if slot == "manager":
                variance.write({"manager_approver_id": user.id, "manager_approved_at": now})
            elif slot == "finance":
                variance.write({"finance_approver_id": user.id, "finance_approved_at": now})
            variance.activity_feedback(
                [TODO_ACTIVITY], user_id=user.id, feedback=_("Approved by %s", user.name)
            )
            if variance._has_all_approvals():
                variance.write({"state": "approved"})
                variance.activity_feedback([TODO_ACTIVITY], feedback=_("Variance approved."))
        return True

    def action_post(self):
        """Book approved variances: an inventory adjustment move and its journal entry."""
        if not (self.env.su or self.env.user.has_group("perpetual_inventory.group_manager")):
            raise UserError(_("Only inventory managers can post variances."))
        not_approved = self.filtered(lambda v: v.state != "approved")
        if not_approved:
            raise UserError(_(
                "Only approved variances can be posted: %(variances)s.",
                variances=", ".join(not_approved.mapped("name")),
            ))
        for variance in self:
            variance.write(variance._post_adjustment())
            variance.message_post(body=variance._posted_message())
        return True

    def action_reject(self):
        not_pending = self.filtered(lambda v: v.state not in ("to_approve", "approved"))
        if not_pending:
            raise UserError(_(
                "Only variances waiting for approval or approved can be rejected: %(variances)s.",
                variances=", ".join(not_pending.mapped("name")),
            ))
        self.write({"state": "rejected"})
        self.activity_unlink([TODO_ACTIVITY])
        for variance in self:
            variance.message_post(
                body=_("Variance rejected by %s: no adjustment is booked.", self.env.user.name)
            )
        return True

    def action_reset_to_draft(self):
        not_rejected = self.filtered(lambda v: v.state != "rejected")
        if not_rejected:
            raise UserError(_(
                "Only rejected variances can be set back to draft: %(variances)s.",
                variances=", ".join(not_rejected.mapped("name")),
            ))
        self.write({
            "state": "draft",
            "manager_approver_id": False,
            "manager_approved_at": False,
            "finance_approver_id": False,
            "finance_approved_at": False,
        })
        return True

    def action_open_stock_move(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Adjustment Move"),
            "res_model": "stock.move",
            "view_mode": "form",
            "res_id": self.stock_move_id.id,
        }

    def action_open_account_move(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Journal Entry"),
            "res_model": "account.move",
            "view_mode": "form",
            "res_id": self.account_move_id.id,
        }

    # ------------------------------------------------------------------
    # Approval rules
    # ------------------------------------------------------------------

    def _approval_slot(self, user):
        """Which approval ``user`` gives to this variance ("manager", "finance" or None when
        nothing more is needed); raise a UserError when they may not approve it."""
        self.ensure_one()
        if self.state != "to_approve":
            raise UserError(_(
                "%(variance)s is %(state)s: only variances waiting for approval can be approved.",
                variance=self.name,
                state=dict(self._fields["state"]._description_selection(self.env))[self.state],
            ))
        if not self.reason_id:
            raise UserError(_("Set the reason of %(variance)s before approving it.", variance=self.name))
        if user in self.counter_ids:
            raise UserError(_(
                "%(user)s counted %(variance)s and cannot approve it: another manager must.",
                user=user.name, variance=self.name,
            ))
        if user in (self.manager_approver_id | self.finance_approver_id):
            raise UserError(_(
                "%(user)s has already approved %(variance)s: the next approval must come from "
                "someone else.",
                user=user.name, variance=self.name,
            ))
        if not self.manager_approver_id:
            return "manager"
        if self.needs_finance_approval and not self.finance_approver_id:
            if not user.has_group("perpetual_inventory.group_finance_approver"):
                raise UserError(_(
                    "%(variance)s is worth more than the manager approval limit: a finance "
                    "approver must give the second approval.",
                    variance=self.name,
                ))
            return "finance"
        return None

    def _has_all_approvals(self):
        self.ensure_one()
        return bool(self.manager_approver_id) and (
            not self.needs_finance_approval or bool(self.finance_approver_id)
        )

    def _approver_candidates(self, group_xmlid):
        """Active internal users of the group in the variance's company who did not count it."""
        self.ensure_one()
        return self.env["res.users"].sudo().search([
            ("groups_id", "in", self.env.ref(group_xmlid).id),
            ("company_ids", "in", self.company_id.id),
            ("share", "=", False),
            ("id", "not in", self.counter_ids.ids),
        ], order="id")

    def _get_manager_approver(self):
        """The count session's responsible when there is one, else the company's first manager."""
        self.ensure_one()
        responsible = self.session_id.user_id
        if responsible and responsible not in self.counter_ids:
            return responsible
        return self._approver_candidates("perpetual_inventory.group_manager")[:1]

    def _get_finance_approver(self, manager_approver):
        self.ensure_one()
        candidates = self._approver_candidates("perpetual_inventory.group_finance_approver")
        return (candidates - manager_approver)[:1] or candidates[:1]

    def _schedule_approval_activities(self):
        self.ensure_one()
        manager = self._get_manager_approver()
        if manager:
            self.activity_schedule(
                TODO_ACTIVITY, user_id=manager.id, summary=_("Approve variance %s", self.name),
            )
        if self.needs_finance_approval:
            finance = self._get_finance_approver(manager)
            if finance:
                self.activity_schedule(
                    TODO_ACTIVITY, user_id=finance.id,
                    summary=_("Finance approval of variance %s", self.name),
                )

    # ------------------------------------------------------------------
    # Posting
    # ------------------------------------------------------------------

    def _post_adjustment(self):
        """Book the difference; return the values recording what was booked."""
        self.ensure_one()
        vals = {"state": "posted"}
        if float_is_zero(self.difference_qty, precision_rounding=self.product_id.uom_id.rounding):
            return vals
        if self.scrap_id:
            move = self.scrap_id.sudo()._post_approved()
        else:
            move = self.env["stock.move"].with_company(self.company_id)._create_count_adjustment(
                self.product_id, self.location_id, self.lot_id, self.difference_qty, self.reason_id,
                _("Variance %(variance)s: %(reason)s", variance=self.name, reason=self.reason_id.name),
            )
        move = move.sudo()
        vals.update({
            "stock_move_id": move.id,
            "account_move_id": move.account_move_ids[:1].id,
            "posted_value": self.currency_id.round(sum(move.stock_valuation_layer_ids.mapped("value"))),
        })
        return vals

    def _posted_message(self):
        self.ensure_one()
        if not self.stock_move_id:
            return _("Variance posted: no quantity difference, nothing booked.")
        return _(
            "Variance posted: %(qty)s %(uom)s of %(product)s at %(location)s booked for %(value)s "
            "on the %(reason)s account.",
            qty=self.difference_qty,
            uom=self.uom_id.name,
            product=self.product_id.display_name,
            location=self.location_id.display_name,
            value=self.currency_id.format(self.posted_value),
            reason=self.reason_id.name,
        )
