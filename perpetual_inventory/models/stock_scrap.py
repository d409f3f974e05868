from odoo import _, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_round


class StockScrap(models.Model):
    """Write-offs of damaged goods go through the variance log: reason, evidence, approval."""

    _inherit = "stock.scrap"

    variance_reason_id = fields.Many2one(
        "stock.variance.reason",
        string="Write-off Reason",
        help="The write-off posts on this reason's account once approved.",
    )
    variance_id = fields.Many2one("stock.variance", string="Approval", readonly=True, copy=False)
    approval_state = fields.Selection(related="variance_id.state", string="Approval Status")
    requires_approval = fields.Boolean(related="company_id.scrap_requires_approval")

    def _prepare_move_values(self):
        values = super()._prepare_move_values()
        values["variance_reason_id"] = self.variance_reason_id.id
        return values

    def do_scrap(self):
        needs_approval = self.filtered(
            lambda scrap: (
                scrap.company_id.scrap_requires_approval
                and not self.env.context.get("perpetual_scrap_approved")
            )
        )
        needs_approval._request_approval()
        return super(StockScrap, self - needs_approval).do_scrap()

    def _request_approval(self):
        for scrap in self:
            if not scrap.variance_reason_id:
                raise UserError(
                    _(
                        "Give the reason for writing off %(product)s: write-offs are approved "
                        "like count variances.",
                        product=scrap.product_id.display_name,
                    )
                )
            if scrap.variance_id.state in ("to_approve", "approved"):
                raise UserError(
                    _(
                        "This write-off is already waiting for approval (%(variance)s).",
                        variance=scrap.variance_id.name,
                    )
                )
            # Any Inventory user asks; only managers (and finance) approve.
            variance = self.env["stock.variance"].sudo().create(scrap._prepare_variance_vals())
            variance.action_submit()
            scrap.variance_id = variance
            scrap.message_post(
                body=_("Write-off sent for approval: %(variance)s.", variance=scrap.variance_id.name)
            )

    def _prepare_variance_vals(self):
        on_hand = (
            self.env["stock.quant"]
            .sudo()
            ._get_available_quantity(
                self.product_id,
                self.location_id,
                lot_id=self.lot_id,
                package_id=self.package_id,
                owner_id=self.owner_id,
                strict=True,
                allow_negative=True,
            )
        )
        scrapped = self.product_uom_id._compute_quantity(self.scrap_qty, self.product_id.uom_id)
        return {
            "company_id": self.company_id.id,
            "kind": "scrap",
            "scrap_id": self.id,
            "product_id": self.product_id.id,
            "lot_id": self.lot_id.id,
            "location_id": self.location_id.id,
            "expected_qty": on_hand,
            "counted_qty": float_round(
                on_hand - scrapped, precision_rounding=self.product_id.uom_id.rounding
            ),
            "reason_id": self.variance_reason_id.id,
            "counter_ids": [(6, 0, self.env.user.ids)],
            "root_cause": self.env.context.get("default_root_cause"),
        }

    def _post_approved(self):
        """Called by the variance once approved: the scrap is done now."""
        self.with_context(perpetual_scrap_approved=True).do_scrap()
        return self.move_ids
