from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_is_zero

from ..tools import lock_or_retry
from .stock_count_line import check_quantity_value

TODO_ACTIVITY = "mail.mail_activity_data_todo"
# A count's variances give their reviewers one activity per count session, not one each.
REVIEW_ACTIVITY = "perpetual_inventory.mail_activity_variance_review"
PENDING_STATES = ("to_approve", "to_approve_finance")

# What an investigator may still change once a variance left draft.
INVESTIGATION_FIELDS = {"reason_id", "root_cause", "corrective_action", "attachment_ids", "note"}
# What may be edited by hand on a draft variance that no count or write-off produced.
MANUAL_DRAFT_FIELDS = {
    "product_id",
    "lot_id",
    "location_id",
    "package_id",
    "owner_id",
    "expected_qty",
    "counted_qty",
}
# Chatter and activity bookkeeping stays open, even on posted variances.
MAIL_FIELD_PREFIXES = ("message_", "activity_", "website_message_")


class _SentBackForApproval(Exception):
    """Raised inside the posting savepoint when the real value needs another approval."""


class StockVariance(models.Model):
    """One out-of-tolerance stock difference: investigated, approved, then booked."""

    _name = "stock.variance"
    _description = "Stock Variance"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _check_company_auto = True

    name = fields.Char(string="Reference", required=True, copy=False, readonly=True, default="/")
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    session_id = fields.Many2one(
        "stock.count.session", string="Count Session", index="btree_not_null", check_company=True
    )
    count_line_id = fields.Many2one("stock.count.line", index="btree_not_null", check_company=True)
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
            ("to_approve_finance", "Waiting for Finance"),
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
        "product.product",
        required=True,
        index=True,
        check_company=True,
        domain="[('is_storable', '=', True)]",
    )
    lot_id = fields.Many2one(
        "stock.lot",
        string="Lot/Serial Number",
        check_company=True,
        domain="[('product_id', '=', product_id)]",
    )
    location_id = fields.Many2one(
        "stock.location",
        required=True,
        index=True,
        check_company=True,
        domain="[('usage', 'in', ('internal', 'transit'))]",
    )
    package_id = fields.Many2one("stock.quant.package", check_company=True)
    owner_id = fields.Many2one("res.partner", help="Consigned stock: not valued.")
    uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    expected_qty = fields.Float(
        string="Expected Quantity",
        digits="Product Unit of Measure",
        groups="perpetual_inventory.group_manager",
    )
    counted_qty = fields.Float(string="Counted Quantity", digits="Product Unit of Measure", tracking=True)
    difference_qty = fields.Float(
        string="Difference",
        digits="Product Unit of Measure",
        compute="_compute_difference_qty",
        store=True,
        help="Counted minus expected: negative for missing stock, positive for found stock.",
    )
    unit_cost = fields.Float(
        digits="Product Price",
        readonly=True,
        copy=False,
        aggregator=None,
        groups="perpetual_inventory.group_manager",
        help="Estimated cost per unit of the difference: what the adjustment will book (the FIFO "
        "layers it consumes, the average or the standard cost). Fixed when the variance is "
        "submitted; the approvals are given on this value.",
    )
    difference_value = fields.Monetary(
        string="Estimated Value",
        compute="_compute_difference_value",
        store=True,
        currency_field="currency_id",
        groups="perpetual_inventory.group_manager",
        help="Difference × estimated unit cost: the value the approvals are given on.",
    )

    is_manual_draft = fields.Boolean(
        compute="_compute_is_manual_draft",
        help="A draft opened by hand: its product, location and quantities can still be edited.",
    )

    # Investigation.
    reason_id = fields.Many2one("stock.variance.reason", tracking=True, index=True)
    root_cause = fields.Text()
    corrective_action = fields.Text()
    note = fields.Html(string="Notes")
    attachment_ids = fields.Many2many(
        "ir.attachment",
        "stock_variance_attachment_rel",
        "variance_id",
        "attachment_id",
        string="Evidence",
        help="Photos and documents supporting the variance; files posted in the chatter count too.",
    )
    counter_ids = fields.Many2many(
        "res.users",
        "stock_variance_counter_rel",
        "variance_id",
        "user_id",
        string="Counted By",
        readonly=True,
        help="Who counted or reported the difference: none of them may approve this variance.",
    )

    # Approvals.
    needs_finance_approval = fields.Boolean(
        readonly=True,
        copy=False,
        help="Worth more than the company's manager approval limit: a finance approver "
        "must approve as well. Decided when the variance is submitted, and again at posting "
        "on the value really booked.",
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
        readonly=True,
        copy=False,
        currency_field="currency_id",
        groups="perpetual_inventory.group_manager",
        help="Value booked by the adjustment move's valuation layers.",
    )
    value = fields.Monetary(
        compute="_compute_value",
        store=True,
        currency_field="currency_id",
        groups="perpetual_inventory.group_manager",
        help="What the variance is worth in the reports: the value booked once posted, the estimate before.",
    )

    # ------------------------------------------------------------------
    # Computes
    # ------------------------------------------------------------------

    @api.depends("counted_qty", "expected_qty")
    def _compute_difference_qty(self):
        for variance in self:
            variance.difference_qty = variance.counted_qty - variance.expected_qty

    @api.depends("difference_qty", "unit_cost")
    def _compute_difference_value(self):
        for variance in self:
            value = variance.difference_qty * variance.unit_cost
            variance.difference_value = variance.currency_id.round(value)

    @api.depends("state", "posted_value", "difference_value")
    def _compute_value(self):
        for variance in self:
            variance.value = (
                variance.posted_value if variance.state == "posted" else variance.difference_value
            )

    @api.depends("state", "count_line_id", "scrap_id")
    def _compute_is_manual_draft(self):
        for variance in self:
            variance.is_manual_draft = variance.state == "draft" and variance._is_manual()

    @api.constrains("expected_qty", "counted_qty")
    def _check_quantities(self):
        for variance in self.sudo():
            check_quantity_value(variance.counted_qty, variance.product_id)
            check_quantity_value(variance.expected_qty, variance.product_id, allow_negative=True)

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            self._check_manual_create(vals_list)
        for vals in vals_list:
            if vals.get("name", "/") == "/":
                company = self.env["res.company"].browse(vals.get("company_id")) or self.env.company
                vals["name"] = (
                    self.env["ir.sequence"].with_company(company).next_by_code("stock.variance") or "/"
                )
        variances = super().create(vals_list)
        for variance in variances.sudo():
            variance.unit_cost = variance._estimate_unit_cost()
        return variances

    def _check_manual_create(self, vals_list):
        """A user opens a variance by hand: a draft, reported (so not approvable) by them."""
        allowed = INVESTIGATION_FIELDS | MANUAL_DRAFT_FIELDS | {"company_id", "kind"}
        for vals in vals_list:
            refused = {
                name
                for name, value in vals.items()
                if name not in allowed
                and not name.startswith(MAIL_FIELD_PREFIXES)
                and not (name == "state" and value == "draft")
                and name != "counter_ids"  # always the reporting user, below
            }
            if refused or vals.get("kind", "count") != "count":
                raise AccessError(
                    _(
                        "A variance opened by hand starts as a draft with its product, location and "
                        "quantities; these fields are set by the counting workflow only: %(fields)s.",
                        fields=", ".join(sorted(refused or {"kind"})),
                    )
                )
            vals["counter_ids"] = [(6, 0, self.env.user.ids)]

    def write(self, vals):
        self._check_writable(vals)
        result = super().write(vals)
        if not self.env.su and MANUAL_DRAFT_FIELDS & set(vals):
            for variance in self.sudo():
                variance.unit_cost = variance._estimate_unit_cost()
        return result

    def _check_writable(self, vals):
        """Posted variances are immutable. Users change the investigation fields, and the
        quantities of a hand-made draft; everything else moves through the actions."""
        changed = {name for name in vals if not name.startswith(MAIL_FIELD_PREFIXES)}
        posted = self.filtered(lambda variance: variance.state == "posted")
        if changed and posted:
            raise UserError(
                _(
                    "Posted variances cannot be changed: %(variances)s. "
                    "Book a new variance to correct a posted one.",
                    variances=", ".join(posted.mapped("name")),
                )
            )
        if self.env.su or not changed:
            return
        for variance in self:
            allowed = set(INVESTIGATION_FIELDS)
            if variance.state == "draft" and variance._is_manual():
                allowed |= MANUAL_DRAFT_FIELDS
            refused = changed - allowed
            if refused:
                raise UserError(
                    _(
                        "%(variance)s is %(state)s: %(fields)s can only change through its actions "
                        "(submit, approve, reject, post). Only the investigation (reason, root cause, "
                        "corrective action, evidence, notes) stays open.",
                        variance=variance.name,
                        state=variance._state_label(),
                        fields=", ".join(
                            sorted(self._fields[name].string for name in refused if name in self._fields)
                            or sorted(refused)
                        ),
                    )
                )

    def _is_manual(self):
        """Opened by hand, not by a count or a write-off."""
        self.ensure_one()
        return not (self.count_line_id or self.scrap_id)

    def _state_label(self):
        self.ensure_one()
        return dict(self._fields["state"]._description_selection(self.env))[self.state]

    @api.ondelete(at_uninstall=False)
    def _unlink_only_manual_drafts(self):
        kept = self.filtered(lambda variance: variance.state != "draft" or not variance._is_manual())
        if kept:
            raise UserError(
                _(
                    "Only draft variances opened by hand can be deleted: %(variances)s. "
                    "Reject a variance instead: the log keeps every decision.",
                    variances=", ".join(kept.mapped("name")),
                )
            )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------

    def action_submit(self):
        """Send draft variances for approval: their value is measured now, and decides
        whether a finance approver must approve as well."""
        self._check_manager()
        not_draft = self.filtered(lambda v: v.state != "draft")
        if not_draft:
            raise UserError(
                _(
                    "Only draft variances can be submitted for approval: %(variances)s.",
                    variances=", ".join(not_draft.mapped("name")),
                )
            )
        for variance in self.sudo():
            variance.unit_cost = variance._estimate_unit_cost()
            variance.write(
                {
                    "state": "to_approve",
                    "needs_finance_approval": variance._exceeds_manager_limit(variance.difference_value),
                }
            )
            if not variance.session_id:
                variance._schedule_manager_activity()
        self._sync_session_review_activities()
        return True

    def action_approve(self):
        """Give the current user's approval: the manager's first, then the finance approver's
        when the variance is worth more than the manager limit."""
        self._check_manager()
        user = self.env.user
        slots = {variance: variance._approval_slot(user) for variance in self}
        now = fields.Datetime.now()
        for variance, slot in slots.items():
            variance = variance.sudo()
            if slot == "manager":
                variance.write({"manager_approver_id": user.id, "manager_approved_at": now})
            else:
                variance.write({"finance_approver_id": user.id, "finance_approved_at": now})
            variance.activity_feedback(
                [TODO_ACTIVITY], user_id=user.id, feedback=_("Approved by %s", user.name)
            )
            if variance._has_all_approvals():
                variance.state = "approved"
                variance.activity_unlink([TODO_ACTIVITY])
            else:
                variance.state = "to_approve_finance"
                if not variance.session_id:
                    variance._schedule_finance_activities()
        self._sync_session_review_activities()
        return True

    def action_post(self):
        """Book approved variances: an inventory adjustment move and its journal entry.

        The booked value is measured on the real layers: when it needs an approval that the
        variance does not have, nothing is booked and it goes back to the approvers."""
        self._check_manager()
        not_approved = self.filtered(lambda v: v.state != "approved")
        if not_approved:
            raise UserError(
                _(
                    "Only approved variances can be posted: %(variances)s.",
                    variances=", ".join(not_approved.mapped("name")),
                )
            )
        sent_back = self.browse()
        for variance in self.sudo():
            try:
                with self.env.cr.savepoint():
                    vals = variance._post_adjustment()
                    if variance._needs_new_approval(vals.get("posted_value", 0.0)):
                        raise _SentBackForApproval(vals["posted_value"])
                    variance.write(vals)
            except _SentBackForApproval as sent:
                variance._send_back_for_finance(sent.args[0])
                sent_back |= variance
                continue
            variance.message_post(body=variance._posted_message())
        if sent_back:
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {
                    "type": "warning",
                    "sticky": True,
                    "title": _("Finance approval needed"),
                    "message": _(
                        "The real value of %(variances)s is above the manager approval limit: "
                        "nothing was booked, a finance approver must approve first.",
                        variances=", ".join(sent_back.mapped("name")),
                    ),
                    "next": {"type": "ir.actions.act_window_close"},
                },
            }
        return True

    def action_reject(self):
        self._check_manager()
        not_pending = self.filtered(lambda v: v.state not in PENDING_STATES + ("approved",))
        if not_pending:
            raise UserError(
                _(
                    "Only variances waiting for approval or approved can be rejected: %(variances)s.",
                    variances=", ".join(not_pending.mapped("name")),
                )
            )
        variances = self.sudo()
        variances.state = "rejected"
        variances.activity_unlink([TODO_ACTIVITY])
        self._sync_session_review_activities()
        for variance in variances:
            variance.message_post(
                body=_("Variance rejected by %s: no adjustment is booked.", self.env.user.name)
            )
        return True

    def action_reset_to_draft(self):
        self._check_manager()
        not_rejected = self.filtered(lambda v: v.state != "rejected")
        if not_rejected:
            raise UserError(
                _(
                    "Only rejected variances can be set back to draft: %(variances)s.",
                    variances=", ".join(not_rejected.mapped("name")),
                )
            )
        self.sudo().write(
            {
                "state": "draft",
                "needs_finance_approval": False,
                "manager_approver_id": False,
                "manager_approved_at": False,
                "finance_approver_id": False,
                "finance_approved_at": False,
            }
        )
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

    def _check_manager(self):
        if not (self.env.su or self.env.user.has_group("perpetual_inventory.group_manager")):
            raise AccessError(_("Only inventory managers can act on variances."))

    def _exceeds_manager_limit(self, value):
        self.ensure_one()
        limit = self.company_id.variance_manager_limit
        return self.currency_id.compare_amounts(abs(value), limit) > 0

    def _approval_slot(self, user):
        """Which approval ``user`` gives to this variance ("manager" or "finance"); raise a
        UserError when they may not approve it."""
        self.ensure_one()
        if self.state not in PENDING_STATES:
            raise UserError(
                _(
                    "%(variance)s is %(state)s: only variances waiting for approval can be approved.",
                    variance=self.name,
                    state=self._state_label(),
                )
            )
        if not self.reason_id:
            raise UserError(_("Set the reason of %(variance)s before approving it.", variance=self.name))
        if user in self.sudo().counter_ids:
            raise UserError(
                _(
                    "%(user)s counted %(variance)s and cannot approve it: another manager must.",
                    user=user.name,
                    variance=self.name,
                )
            )
        if user in (self.manager_approver_id | self.finance_approver_id):
            raise UserError(
                _(
                    "%(user)s has already approved %(variance)s: the next approval must come from "
                    "someone else.",
                    user=user.name,
                    variance=self.name,
                )
            )
        if self.state == "to_approve":
            return "manager"
        if not user.has_group("perpetual_inventory.group_finance_approver"):
            raise UserError(
                _(
                    "%(variance)s is worth more than the manager approval limit: a finance "
                    "approver must give the second approval.",
                    variance=self.name,
                )
            )
        return "finance"

    def _has_all_approvals(self):
        self.ensure_one()
        return bool(self.manager_approver_id) and (
            not self.needs_finance_approval or bool(self.finance_approver_id)
        )

    def _needs_new_approval(self, posted_value):
        """The booked value needs a finance approval that the variance does not have."""
        self.ensure_one()
        return not self.finance_approver_id and self._exceeds_manager_limit(posted_value)

    def _send_back_for_finance(self, posted_value):
        self.ensure_one()
        quantity = self.difference_qty
        self.write(
            {
                "state": "to_approve_finance",
                "needs_finance_approval": True,
                "unit_cost": abs(posted_value / quantity) if quantity else self.unit_cost,
            }
        )
        self.message_post(
            body=_(
                "Not posted: at the real cost of the stock, the adjustment is worth %(value)s, above "
                "the manager approval limit. A finance approver must approve it first.",
                value=self.currency_id.format(posted_value),
            )
        )
        self._schedule_finance_activities()

    def _approver_candidates(self, group_xmlid):
        """Active internal users of the group in the variance's company who did not count it."""
        self.ensure_one()
        return (
            self.env["res.users"]
            .sudo()
            .search(
                [
                    ("groups_id", "in", self.env.ref(group_xmlid).id),
                    ("company_ids", "in", self.company_id.id),
                    ("share", "=", False),
                    ("id", "not in", self.counter_ids.ids),
                ],
                order="id",
            )
        )

    def _get_manager_approver(self):
        """The count session's responsible when there is one, else the company's first manager."""
        self.ensure_one()
        responsible = self.session_id.user_id
        if responsible and responsible not in self.counter_ids:
            return responsible
        return self._approver_candidates("perpetual_inventory.group_manager")[:1]

    def _get_finance_approvers(self):
        """The company's finance approvers (a setting), else everyone of the Finance Approver
        group in the company; never who counted or gave the manager approval. The
        administrator is only asked when nobody else can approve."""
        self.ensure_one()
        excluded = self.counter_ids | self.manager_approver_id
        approvers = self.company_id.variance_finance_approver_ids - excluded
        if not approvers:
            approvers = self._approver_candidates("perpetual_inventory.group_finance_approver") - excluded
            named = approvers - self.env.ref("base.user_admin")
            approvers = named or approvers
        return approvers

    def _schedule_manager_activity(self):
        self.ensure_one()
        manager = self._get_manager_approver()
        if manager:
            self.activity_schedule(
                TODO_ACTIVITY,
                user_id=manager.id,
                summary=_("Approve variance %s", self.name),
            )

    def _schedule_finance_activities(self):
        self.ensure_one()
        if self.session_id:
            self._sync_session_review_activities()
            return
        for approver in self._get_finance_approvers():
            self.activity_schedule(
                TODO_ACTIVITY,
                user_id=approver.id,
                summary=_("Finance approval of variance %s", self.name),
            )

    def _waiting_reviewers(self):
        """Who must approve this variance next."""
        self.ensure_one()
        if self.state == "to_approve":
            return self._get_manager_approver()
        if self.state == "to_approve_finance":
            return self._get_finance_approvers()
        return self.env["res.users"]

    def _sync_session_review_activities(self):
        """One review activity per count session and reviewer, as long as variances of the
        count wait for them; marked done once none does (a count of 15 variances gives its
        manager one activity, not 15). Variances outside a count keep one activity each."""
        if self.env.context.get("defer_variance_review_activities"):
            return  # the caller syncs once, after acting on many variances
        activity_type = self.env.ref(REVIEW_ACTIVITY)
        for session in self.sudo().session_id.sorted("id"):
            # Two requests on the same count at once: the second starts again and sees the
            # first one's activities (and followers), so a reviewer never gets two.
            lock_or_retry(self.env.cr, f"stock.count.session:{session.id}:review activities")
            waiting = {}
            reviewers_by_key = {}  # the variances of a count mostly share their reviewers
            for variance in session.variance_ids.filtered(lambda v: v.state in PENDING_STATES):
                key = (variance.state, variance.counter_ids, variance.manager_approver_id)
                if key not in reviewers_by_key:
                    reviewers_by_key[key] = variance._waiting_reviewers()
                for reviewer in reviewers_by_key[key]:
                    waiting[reviewer] = waiting.get(reviewer, 0) + 1
            activities = session.activity_ids.filtered(
                lambda activity: activity.activity_type_id == activity_type
            )
            reviewed = activities.filtered(lambda activity, waiting=waiting: activity.user_id not in waiting)
            activities -= reviewed
            reviewed.action_feedback(
                feedback=_(
                    "No variance of %(session)s waits for your approval any more.",
                    session=session.name,
                )
            )
            for reviewer, count in waiting.items():
                summary = _(
                    "Variances of %(session)s to approve: %(count)s",
                    session=session.name,
                    count=count,
                )
                activity = activities.filtered(
                    lambda activity, reviewer=reviewer: activity.user_id == reviewer
                )[:1]
                if not activity:
                    session.activity_schedule(REVIEW_ACTIVITY, user_id=reviewer.id, summary=summary)
                elif activity.summary != summary:
                    activity.summary = summary

    # ------------------------------------------------------------------
    # Cost and posting
    # ------------------------------------------------------------------

    def _estimate_unit_cost(self):
        """Cost per unit that posting the difference will book: the FIFO layers a loss
        consumes, else the product's cost (average, standard, or FIFO for a gain)."""
        self.ensure_one()
        product = self.product_id.with_company(self.company_id)
        standard_price = product.standard_price
        missing = -self.difference_qty
        if product.cost_method != "fifo" or missing <= 0 or self.owner_id:
            return standard_price
        value = taken = 0.0
        for layer in product._get_fifo_candidates(self.company_id):
            quantity = min(missing - taken, layer.remaining_qty)
            value += quantity * layer.remaining_value / layer.remaining_qty
            taken += quantity
            if taken >= missing:
                break
        value += (missing - taken) * standard_price  # beyond the layers: negative stock at cost
        return value / missing

    def _post_adjustment(self):
        """Book the difference; return the values recording what was booked."""
        self.ensure_one()
        vals = {"state": "posted"}
        if float_is_zero(self.difference_qty, precision_rounding=self.product_id.uom_id.rounding):
            return vals
        if self.scrap_id:
            move = self.scrap_id.sudo()._post_approved()
        else:
            move = (
                self.env["stock.move"]
                .with_company(self.company_id)
                ._create_count_adjustments(
                    [
                        {
                            "product": self.product_id,
                            "location": self.location_id,
                            "lot": self.lot_id,
                            "package": self.package_id,
                            "owner": self.owner_id,
                            "difference": self.difference_qty,
                            "unit_cost": self.unit_cost,
                            "description": _(
                                "Variance %(variance)s: %(reason)s",
                                variance=self.name,
                                reason=self.reason_id.name,
                            ),
                        }
                    ],
                    self.reason_id,
                )
            )
        move = move.sudo()
        vals.update(
            {
                "stock_move_id": move.id,
                "account_move_id": move.account_move_ids[:1].id,
                "posted_value": self.currency_id.round(sum(move.stock_valuation_layer_ids.mapped("value"))),
            }
        )
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
