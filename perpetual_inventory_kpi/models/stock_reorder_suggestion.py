from odoo import _, fields, models
from odoo.exceptions import UserError


class StockReorderSuggestion(models.TransientModel):
    """One product × warehouse of a suggestion run: its demand, lead time and service
    level, the reorder point and maximum they give, and the reordering rule today."""

    _name = "stock.reorder.suggestion"
    _description = "Reorder Point Suggestion"
    _order = "status, warehouse_id, product_id"
    _check_company_auto = True

    wizard_id = fields.Many2one(
        "stock.reorder.suggestion.wizard", required=True, ondelete="cascade", index=True
    )
    # not stored: one foreign key less to check on each of the run's rows
    company_id = fields.Many2one(related="wizard_id.company_id")
    warehouse_id = fields.Many2one("stock.warehouse", required=True, check_company=True)
    product_id = fields.Many2one("product.product", required=True, check_company=True)
    uom_id = fields.Many2one(related="product_id.uom_id", string="Unit")
    abc_class_id = fields.Many2one("stock.abc.class", string="ABC Class")
    total_demand = fields.Float(digits="Product Unit of Measure", help="Net quantity sold over the window.")
    daily_demand = fields.Float(
        digits=(16, 4),
        help="Average quantity sold per day of the window, days without sales included.",
    )
    demand_std = fields.Float(
        string="Std Deviation",
        digits=(16, 4),
        help="Standard deviation of the daily quantities over the window.",
    )
    lead_time_days = fields.Float(string="Lead Time (days)", digits=(6, 1))
    vendor_lead_time = fields.Boolean(
        help="Lead time from the first vendor of the pricelist; otherwise the default lead time."
    )
    service_level = fields.Float(string="Service Level (%)", digits=(4, 1))
    safety_stock = fields.Float(
        digits="Product Unit of Measure",
        help="z × standard deviation × √lead time, rounded up to the product's unit.",
    )
    reorder_point = fields.Float(
        digits="Product Unit of Measure",
        help="Daily demand × lead time + safety stock, rounded up to the product's unit.",
    )
    max_qty = fields.Float(
        string="Suggested Maximum",
        digits="Product Unit of Measure",
        help="Reorder point + daily demand × review period, rounded up to the product's unit.",
    )
    orderpoint_id = fields.Many2one("stock.warehouse.orderpoint", string="Reordering Rule")
    current_min_qty = fields.Float(string="Current Minimum", digits="Product Unit of Measure")
    current_max_qty = fields.Float(string="Current Maximum", digits="Product Unit of Measure")
    status = fields.Selection(
        [("new", "No rule yet"), ("change", "Rule differs"), ("same", "Rule matches")],
        readonly=True,
    )

    def action_apply(self):
        """Create or update the reordering rules of these suggestions, all in one go."""
        if not self:
            raise UserError(_("Select the suggestions to apply."))
        orderpoints = self.env["stock.warehouse.orderpoint"]
        archived = self._archived_rules()
        to_create = []
        for suggestion in self:
            vals = {"product_min_qty": suggestion.reorder_point, "product_max_qty": suggestion.max_qty}
            rule = suggestion.orderpoint_id
            if not (rule.exists() and rule.active):
                # the rule Odoo's unique key keeps for this product and stock location, archived
                rule = archived.get((suggestion.product_id, suggestion.warehouse_id.lot_stock_id))
                vals["active"] = True
            if rule:
                rule.write(vals)
                orderpoints |= rule
            else:
                to_create.append(dict(vals, **suggestion._orderpoint_values()))
        orderpoints |= orderpoints.create(to_create)
        for suggestion, rule in zip(self, self._rules_by_suggestion(orderpoints)):
            suggestion.write(
                {
                    "orderpoint_id": rule.id,
                    "status": "same",
                    "current_min_qty": rule.product_min_qty,
                    "current_max_qty": rule.product_max_qty,
                }
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "next": {"type": "ir.actions.act_window_close"},
                "message": _("%(count)s reordering rules created or updated.", count=len(orderpoints)),
            },
        }

    def _archived_rules(self):
        """{(product, location): archived reordering rule} at the stock locations of these suggestions."""
        rules = (
            self.env["stock.warehouse.orderpoint"]
            .with_context(active_test=False)
            .search(
                [
                    ("active", "=", False),
                    ("product_id", "in", self.product_id.ids),
                    ("location_id", "in", self.warehouse_id.lot_stock_id.ids),
                    ("company_id", "in", self.company_id.ids),
                ]
            )
        )
        return {(rule.product_id, rule.location_id): rule for rule in rules}

    def _orderpoint_values(self):
        return {
            "product_id": self.product_id.id,
            "warehouse_id": self.warehouse_id.id,
            "location_id": self.warehouse_id.lot_stock_id.id,
            "company_id": self.company_id.id,
        }

    def _rules_by_suggestion(self, orderpoints):
        by_key = {(rule.product_id, rule.warehouse_id): rule for rule in orderpoints}
        return [by_key[(suggestion.product_id, suggestion.warehouse_id)] for suggestion in self]
