from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .stock_count_line import SCHEDULE_REASONS

EXCEPTION_REASONS = [reason for reason in SCHEDULE_REASONS if reason[0] != "cycle"]


class StockCountException(models.Model):
    """A count asked for outside the ABC cycle: it joins the warehouse's count of the day."""

    _name = "stock.count.exception"
    _description = "Exception Count"
    _order = "id desc"
    _check_company_auto = True

    company_id = fields.Many2one("res.company", required=True, index=True, readonly=True)
    warehouse_id = fields.Many2one(
        "stock.warehouse", required=True, index=True, readonly=True, check_company=True
    )
    product_id = fields.Many2one("product.product", required=True, readonly=True, check_company=True)
    location_id = fields.Many2one("stock.location", required=True, readonly=True, check_company=True)
    lot_id = fields.Many2one("stock.lot", string="Lot/Serial", readonly=True, check_company=True)
    reason = fields.Selection(EXCEPTION_REASONS, required=True, readonly=True)
    origin = fields.Char(readonly=True, help="The transfer or variance that asked for the count.")
    state = fields.Selection(
        [("pending", "Waiting for a Count"), ("planned", "On a Count"), ("cancel", "Cancelled")],
        default="pending",
        required=True,
        readonly=True,
        index=True,
    )
    count_line_id = fields.Many2one("stock.count.line", readonly=True, index="btree_not_null")
    session_id = fields.Many2one(related="count_line_id.session_id", string="Count")
    count_state = fields.Selection(related="count_line_id.state", string="Count Status")

    def _item_key(self):
        self.ensure_one()
        return (self.product_id.id, self.location_id.id, self.lot_id.id or 0)

    @api.model
    def _queue(self, entries):
        """Ask for counts [(product, location, lot, reason, origin)] in warehouses with daily
        counts. An item already waiting keeps its request. When the warehouse's count of
        today is in progress, the line joins it at once."""
        pending = self.sudo().search(
            [
                ("product_id", "in", [entry[0].id for entry in entries]),
                "|",
                ("state", "=", "pending"),
                "&",
                ("state", "=", "planned"),
                ("count_line_id.state", "=", "to_count"),
            ]
        )
        waiting = {(e.product_id.id, e.location_id.id, e.lot_id.id) for e in pending}
        vals_list = []
        for product, location, lot, reason, origin in entries:
            warehouse = location.warehouse_id
            key = (product.id, location.id, lot.id)
            if not warehouse.count_counter_ids or key in waiting:
                continue
            waiting.add(key)
            vals_list.append(
                {
                    "company_id": location.company_id.id,
                    "warehouse_id": warehouse.id,
                    "product_id": product.id,
                    "location_id": location.id,
                    "lot_id": lot.id,
                    "reason": reason,
                    "origin": origin,
                }
            )
        exceptions = self.sudo().create(vals_list)
        today = fields.Date.context_today(self)
        for warehouse in exceptions.warehouse_id:
            session = (
                self.env["stock.count.session"]
                .sudo()
                .search(
                    [
                        ("warehouse_id", "=", warehouse.id),
                        ("schedule_date", "=", today),
                        ("state", "=", "in_progress"),
                    ]
                )
            )
            if session:
                exceptions.filtered(
                    lambda e, warehouse=warehouse: e.warehouse_id == warehouse
                )._link_to_session(session)
        return exceptions

    def _link_to_session(self, session):
        if not session or not self:
            return
        lines = session._add_schedule_lines([(e.product_id, e.location_id, e.lot_id, e.reason) for e in self])
        for exception in self:
            line = lines[(exception.product_id.id, exception.location_id.id, exception.lot_id.id)]
            exception.write({"state": "planned", "count_line_id": line.id})

    def action_cancel(self):
        if self.filtered(lambda e: e.state != "pending"):
            raise UserError(_("Only exception counts still waiting can be cancelled."))
        self.write({"state": "cancel"})
