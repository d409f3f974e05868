from odoo import _, api, fields, models
from odoo.tools import float_compare

from odoo.addons.perpetual_inventory.tools import try_job_lock

LOW_STOCK_ACTIVITY = "perpetual_inventory_kpi.mail_activity_low_stock"


class StockWarehouseOrderpoint(models.Model):
    # Activities need a thread: the low-stock alert lives on the reordering rule.
    _name = "stock.warehouse.orderpoint"
    _inherit = ["stock.warehouse.orderpoint", "mail.thread", "mail.activity.mixin"]

    @api.model_create_multi
    def create(self, vals_list):
        # Odoo's replenishment creates rules by the thousand: no chatter note nor follower each.
        quiet = self.with_context(mail_create_nolog=True, mail_create_nosubscribe=True, tracking_disable=True)
        return super(StockWarehouseOrderpoint, quiet).create(vals_list).with_env(self.env)

    @api.model
    def _cron_low_stock_alerts(self):
        """Give one low-stock activity per product and warehouse whose forecast fell below
        the reorder point; close the alerts whose forecast is back above it. Safe to run
        twice, and on several workers at once (the second one does nothing)."""
        if not try_job_lock(self.env.cr, "low_stock_alerts"):
            return
        self.env.invalidate_all()  # forecasts are not stored: read them afresh
        activity_type = self.env.ref(LOW_STOCK_ACTIVITY)
        Activity = self.env["mail.activity"].sudo()
        open_alerts = Activity.search(
            [
                ("activity_type_id", "=", activity_type.id),
                ("res_model", "=", self._name),
            ]
        )
        rules = self.sudo().with_context(active_test=True).search([("product_min_qty", ">", 0)])
        low = rules.filtered(lambda rule: rule._is_below_reorder_point())
        low_keys = {rule._alert_key() for rule in low}

        alerted = {}
        for alert in open_alerts:
            rule = self.sudo().browse(alert.res_id).exists()
            key = rule._alert_key() if rule else None
            if key in low_keys and key not in alerted:
                alerted[key] = alert
                if not self._may_see_quantities(alert.user_id):
                    alert.user_id = rule._alert_owner()  # e.g. given to someone since made a counter
            else:
                alert.action_feedback(feedback=_("Stock back above the reorder point."))

        to_alert = {}
        for rule in low:
            to_alert.setdefault(rule._alert_key(), rule)
        Activity.create(
            [
                rule._low_stock_activity_values(activity_type)
                for key, rule in to_alert.items()
                if key not in alerted
            ]
        )

    def _is_below_reorder_point(self):
        self.ensure_one()
        return (
            float_compare(
                self.qty_forecast, self.product_min_qty, precision_rounding=self.product_uom.rounding
            )
            < 0
        )

    def _alert_key(self):
        return (self.product_id.id, self.warehouse_id.id)

    def _alert_owner(self):
        """The product's responsible, else the company's first inventory manager, else the
        administrator: whoever of them may see quantities (a blind counter never does)."""
        self.ensure_one()
        responsible = self.product_id.with_company(self.company_id).responsible_id
        if self._may_see_quantities(responsible):
            return responsible
        managers = (
            self.env.ref("perpetual_inventory.group_manager")
            .users.filtered(
                lambda user: self.company_id in user.company_ids and self._may_see_quantities(user)
            )
            .sorted("id")
        )
        return managers[:1] or self.env.ref("base.user_admin")

    @api.model
    def _may_see_quantities(self, user):
        return (
            bool(user)
            and user.active
            and not user.share
            and user.has_group("stock.group_stock_user")
            and not user.has_group("perpetual_inventory.group_counter")
        )

    def _low_stock_activity_values(self, activity_type):
        return {
            "activity_type_id": activity_type.id,
            "res_model_id": self.env["ir.model"]._get_id(self._name),
            "res_id": self.id,
            "user_id": self._alert_owner().id,
            "date_deadline": fields.Date.context_today(self),
            "summary": _(
                "Low stock: %(product)s in %(warehouse)s",
                product=self.product_id.display_name,
                warehouse=self.warehouse_id.name,
            ),
            "note": _(
                "Forecast %(forecast)s %(uom)s is below the reorder point %(minimum)s.",
                forecast=self.qty_forecast,
                uom=self.product_uom.name,
                minimum=self.product_min_qty,
            ),
        }
