from odoo import Command, _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..models.stock_variance import PENDING_STATES


class StockVarianceBulkApproval(models.TransientModel):
    """Approve and post a selection of variances in one pass (a count's variances, say).

    Each variance goes through its own approve and post actions, so every rule holds per
    variance; one that is refused is left exactly as it was."""

    _name = "stock.variance.bulk.approval"
    _description = "Approve and Post Variances"

    variance_ids = fields.Many2many(
        "stock.variance", string="Variances", default=lambda self: self._default_variance_ids()
    )
    reason_id = fields.Many2one(
        "stock.variance.reason",
        help="Given to the selected variances that have no reason yet; a variance whose "
        "investigation already gave it a reason keeps its own.",
    )
    without_reason_count = fields.Integer(compute="_compute_without_reason_count")

    @api.model
    def _default_variance_ids(self):
        if self.env.context.get("active_model") != "stock.variance":
            return []
        return [Command.set(self.env.context.get("active_ids") or [])]

    @api.depends("variance_ids.reason_id")
    def _compute_without_reason_count(self):
        for wizard in self:
            without_reason = wizard.variance_ids.filtered(lambda variance: not variance.reason_id)
            wizard.without_reason_count = len(without_reason)

    def action_approve_and_post(self):
        """Approve the selected variances and post those that need no other approval; say
        what became of each."""
        self.ensure_one()
        self._check_selection()
        outcome = {"posted": [], "finance": [], "refused": []}
        variances = self.variance_ids.sorted("id")
        for variance in variances.with_context(defer_variance_review_activities=True):
            try:
                outcome[self._approve_and_post(variance)].append(variance.name)
            except (UserError, AccessError) as error:
                outcome["refused"].append(error.args[0])
        variances._sync_session_review_activities()
        return self._report(outcome)

    def _check_selection(self):
        """Bad selections are refused as a whole, before anything is approved."""
        self.env["stock.variance"]._check_manager()
        # Read past the record rules, which would silently leave out another company's variances.
        selected = self.sudo().variance_ids
        if not selected:
            raise UserError(_("Select the variances to approve in the Variance Log."))
        foreign = selected.filtered(lambda variance: variance.company_id not in self.env.companies)
        if foreign:
            raise UserError(
                _(
                    "%(count)s of the selected variances belong to a company you do not work in: "
                    "nothing was approved.",
                    count=len(foreign),
                )
            )
        variances = self.variance_ids
        closed = variances.filtered(lambda variance: variance.state not in PENDING_STATES + ("approved",))
        if closed:
            raise UserError(
                _(
                    "Only variances waiting for approval or approved can be approved and posted; "
                    "nothing was approved. Leave these out: %(variances)s.",
                    variances=", ".join(
                        f"{variance.name} ({variance._state_label()})" for variance in closed
                    ),
                )
            )
        without_reason = variances.filtered(lambda variance: not variance.reason_id)
        if without_reason and not self.reason_id:
            raise UserError(
                _(
                    "Give the reason for the variances that have none: %(variances)s.",
                    variances=", ".join(without_reason.mapped("name")),
                )
            )

    def _approve_and_post(self, variance):
        """Approve one variance and post it when it has every approval, or leave it as it
        was. Return where it ended: "posted", or "finance" when it waits for finance."""
        with self.env.cr.savepoint():
            if not variance.reason_id:
                variance.reason_id = self.reason_id
            if variance.state in PENDING_STATES:
                variance.action_approve()
            if variance.state == "approved":
                variance.action_post()
        return "posted" if variance.state == "posted" else "finance"

    def _report(self, outcome):
        parts = [_("Posted: %(count)s.", count=len(outcome["posted"]))]
        if outcome["finance"]:
            parts.append(
                _(
                    "Waiting for finance approval (above your limit): %(count)s (%(variances)s).",
                    count=len(outcome["finance"]),
                    variances=", ".join(outcome["finance"]),
                )
            )
        if outcome["refused"]:
            parts.append(_("Refused: %(count)s.", count=len(outcome["refused"])))
            parts.extend(outcome["refused"])
        left_over = bool(outcome["refused"] or outcome["finance"])
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "warning" if left_over else "success",
                "sticky": left_over,  # stays until read: what was not posted needs someone
                "title": _("Variances approved"),
                "message": " ".join(parts),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
