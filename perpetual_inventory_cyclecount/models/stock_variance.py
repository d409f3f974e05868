from odoo import _, models
from odoo.exceptions import UserError


class StockVariance(models.Model):
    _inherit = "stock.variance"

    def action_request_recount(self):
        """Put the product and location of these variances on the next daily count."""
        if not self.env.user.has_group("perpetual_inventory.group_manager"):
            raise UserError(_("Only inventory managers can ask for a recount."))
        closed = self.filtered(lambda variance: variance.state in ("posted", "rejected"))
        if closed:
            raise UserError(
                _(
                    "%(variances)s is closed: a recount can no longer change it.",
                    variances=", ".join(closed.mapped("name")),
                )
            )
        no_daily_count = self.filtered(
            lambda variance: not variance.location_id.warehouse_id.count_counter_ids
        )
        if no_daily_count:
            raise UserError(
                _(
                    "%(location)s belongs to no warehouse with daily counts: give its warehouse "
                    "counters first.",
                    location=no_daily_count[0].location_id.display_name,
                )
            )
        self.env["stock.count.exception"]._queue(
            [
                (variance.product_id, variance.location_id, variance.lot_id, "recount", variance.name)
                for variance in self
            ]
        )
        for variance in self:
            variance.message_post(
                body=_(
                    "Recount requested: %(product)s at %(location)s joins the next daily count.",
                    product=variance.product_id.display_name,
                    location=variance.location_id.display_name,
                )
            )
        return True
