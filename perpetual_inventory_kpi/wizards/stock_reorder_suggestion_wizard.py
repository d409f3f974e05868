from datetime import datetime, time

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..tools import check_lead_time, check_service_level, service_factor

SUGGESTION_WORK_MEM = "128MB"

# Daily demand per product and warehouse over the window, from done moves between an
# internal location and a customer (deliveries, POS orders), returns netted on their
# day. Days without sales count as 0: the mean and the (population) standard
# deviation divide the sums by the window's days, not by the days with sales.
SUGGESTION_QUERY = """
WITH daily AS (
    SELECT move.product_id,
           CASE WHEN dest.usage = 'customer' THEN src.warehouse_id ELSE dest.warehouse_id END AS warehouse_id,
           move.date::date AS day,
           SUM(CASE WHEN dest.usage = 'customer' THEN move.product_qty ELSE -move.product_qty END)::float AS qty
      FROM stock_move move
      JOIN stock_location src ON src.id = move.location_id
      JOIN stock_location dest ON dest.id = move.location_dest_id
     WHERE move.state = 'done' AND move.company_id = %(company)s
       AND move.date >= %(start)s AND move.date < %(stop)s
       AND ((src.usage = 'internal' AND dest.usage = 'customer')
         OR (src.usage = 'customer' AND dest.usage = 'internal'))
     GROUP BY 1, 2, 3
), stats AS (
    SELECT product_id, warehouse_id, SUM(qty) AS total, SUM(qty * qty) AS squares
      FROM daily
     WHERE warehouse_id IS NOT NULL
       AND (cardinality(%(warehouses)s::int[]) = 0 OR warehouse_id = ANY(%(warehouses)s::int[]))
     GROUP BY product_id, warehouse_id
    HAVING SUM(qty) > 0
), vendor_lead AS (
    -- the first vendor of the pricelist (by sequence), for the variant or its template
    SELECT DISTINCT ON (product.id) product.id AS product_id, info.delay::float AS delay
      FROM product_supplierinfo info
      JOIN product_product product ON product.product_tmpl_id = info.product_tmpl_id
     WHERE product.id IN (SELECT product_id FROM stats)
       AND (info.product_id IS NULL OR info.product_id = product.id)
       AND (info.company_id IS NULL OR info.company_id = %(company)s)
     ORDER BY product.id, info.sequence, info.id
), class_service AS (
    SELECT * FROM unnest(%(class_ids)s::int[], %(class_levels)s::float[], %(class_z)s::float[])
        AS class_service(class_id, level, z)
), figures AS (
    SELECT stats.product_id, stats.warehouse_id, product.abc_class_id,
           stats.total,
           stats.total / %(days)s AS demand,
           SQRT(GREATEST(stats.squares / %(days)s - (stats.total / %(days)s) ^ 2, 0)) AS sigma,
           COALESCE(vendor_lead.delay, %(default_lead)s) AS lead_time,
           vendor_lead.delay IS NOT NULL AS vendor_lead,
           COALESCE(class_service.level, %(default_level)s) AS level,
           COALESCE(class_service.z, %(default_z)s) AS z,
           -- the product's unit: a multiple of its rounding, whole units in the Unit category
           GREATEST(uom.rounding::numeric, %(precision)s::numeric,
                    CASE WHEN uom.category_id = %(unit_category)s THEN 1 END) AS step
      FROM stats
      JOIN product_product product ON product.id = stats.product_id
      JOIN product_template template ON template.id = product.product_tmpl_id
      JOIN uom_uom uom ON uom.id = template.uom_id
      LEFT JOIN vendor_lead ON vendor_lead.product_id = stats.product_id
      LEFT JOIN class_service ON class_service.class_id = product.abc_class_id
     WHERE product.active AND template.is_storable
), exact AS (
    SELECT figures.*,
           z * sigma * SQRT(lead_time) AS safety_stock,
           demand * lead_time + z * sigma * SQRT(lead_time) AS reorder_point,
           demand * (lead_time + %(review)s) + z * sigma * SQRT(lead_time) AS max_qty
      FROM figures
), points AS (
    -- rounded up to the unit's step, so that no part of the safety stock is lost; the
    -- inner ROUND drops the float noise that would push an exact multiple one step up
    SELECT exact.product_id, exact.warehouse_id, exact.abc_class_id, exact.total, exact.demand,
           exact.sigma, exact.lead_time, exact.vendor_lead, exact.level,
           CEIL(ROUND(exact.safety_stock::numeric / step, 6)) * step AS safety_stock,
           CEIL(ROUND(exact.reorder_point::numeric / step, 6)) * step AS reorder_point,
           CEIL(ROUND(exact.max_qty::numeric / step, 6)) * step AS max_qty
      FROM exact
), orderpoints AS (
    SELECT DISTINCT ON (product_id, warehouse_id) id, product_id, warehouse_id, product_min_qty, product_max_qty
      FROM stock_warehouse_orderpoint
     WHERE active AND company_id = %(company)s AND product_id IN (SELECT product_id FROM stats)
     ORDER BY product_id, warehouse_id, id
)
INSERT INTO stock_reorder_suggestion
       (wizard_id, warehouse_id, product_id, abc_class_id, total_demand, daily_demand,
        demand_std, lead_time_days, vendor_lead_time, service_level, safety_stock, reorder_point,
        max_qty, orderpoint_id, current_min_qty, current_max_qty, status,
        create_uid, create_date, write_uid, write_date)
SELECT %(wizard)s, points.warehouse_id, points.product_id, points.abc_class_id,
       points.total, points.demand, points.sigma, points.lead_time, points.vendor_lead, points.level,
       points.safety_stock, points.reorder_point, points.max_qty,
       orderpoints.id, orderpoints.product_min_qty, orderpoints.product_max_qty,
       CASE WHEN orderpoints.id IS NULL THEN 'new'
            WHEN ABS(orderpoints.product_min_qty - points.reorder_point) >= 0.01
              OR ABS(orderpoints.product_max_qty - points.max_qty) >= 0.01 THEN 'change'
            ELSE 'same' END,
       %(uid)s, NOW() AT TIME ZONE 'UTC', %(uid)s, NOW() AT TIME ZONE 'UTC'
  FROM points
  LEFT JOIN orderpoints ON orderpoints.product_id = points.product_id
                       AND orderpoints.warehouse_id = points.warehouse_id
"""


class StockReorderSuggestionWizard(models.TransientModel):
    """Reorder points from sales velocity: the settings of one run, and its suggestions."""

    _name = "stock.reorder.suggestion.wizard"
    _inherit = ["perpetual.input.guard"]
    _description = "Reorder Point Suggestions"
    _check_company_auto = True

    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    warehouse_ids = fields.Many2many(
        "stock.warehouse",
        string="Warehouses",
        check_company=True,
        domain="[('company_id', '=', company_id)]",
        help="Empty: every warehouse of the company.",
    )
    window_days = fields.Integer(
        string="Demand Window (days)",
        required=True,
        default=lambda self: self.env.company.reorder_window_days,
        help="Days before today whose customer and POS deliveries set the average daily demand.",
    )
    service_level = fields.Float(
        string="Service Level (%)",
        required=True,
        digits=(4, 1),
        default=lambda self: self.env.company.reorder_service_level,
        help="For products whose ABC class sets no service level of its own.",
    )
    default_lead_time_days = fields.Float(
        string="Default Lead Time (days)",
        required=True,
        digits=(6, 1),
        default=lambda self: self.env.company.reorder_lead_time_days,
        help="For products without a vendor lead time in their pricelist.",
    )
    review_days = fields.Float(
        string="Review Period (days)",
        required=True,
        digits=(6, 1),
        default=lambda self: self.env.company.reorder_review_days,
        help="Suggested maximum = reorder point + the average demand of this many days.",
    )
    suggestion_ids = fields.One2many("stock.reorder.suggestion", "wizard_id", readonly=True)

    @api.constrains("window_days", "service_level", "default_lead_time_days", "review_days")
    def _check_settings(self):
        for wizard in self:
            if wizard.window_days <= 0:
                raise ValidationError(
                    _("The demand window must be at least one day, not %(days)s.", days=wizard.window_days)
                )
            check_service_level(wizard.service_level)
            check_lead_time(wizard.default_lead_time_days)
            check_lead_time(wizard.review_days)

    def action_compute(self):
        self.ensure_one()
        self._compute_suggestions()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "perpetual_inventory_kpi.action_stock_reorder_suggestion"
        )
        action["domain"] = [("wizard_id", "=", self.id)]
        return action

    def _compute_suggestions(self):
        self.ensure_one()
        self._check_settings()
        self.env.flush_all()
        self.env.cr.execute("DELETE FROM stock_reorder_suggestion WHERE wizard_id = %s", [self.id])
        # The daily demand of every product is one hash table: let it stay in memory.
        self.env.cr.execute(
            "SELECT current_setting('work_mem'), set_config('work_mem', %s, true)", [SUGGESTION_WORK_MEM]
        )
        [previous_work_mem, _new] = self.env.cr.fetchone()
        self.env.cr.execute(SUGGESTION_QUERY, self._query_params())
        self.env.cr.execute("SELECT set_config('work_mem', %s, true)", [previous_work_mem])
        self.env["stock.reorder.suggestion"].invalidate_model()
        self.invalidate_recordset(["suggestion_ids"])

    def _query_params(self):
        stop = datetime.combine(fields.Date.context_today(self), time.min)
        classes = (
            self.env["stock.abc.class"]
            .sudo()
            .search([("company_id", "=", self.company_id.id), ("service_level", ">", 0)])
        )
        return {
            "wizard": self.id,
            "company": self.company_id.id,
            "uid": self.env.uid,
            "warehouses": self.warehouse_ids.ids,
            "start": stop - relativedelta(days=self.window_days),
            "stop": stop,
            "days": float(self.window_days),
            "default_lead": self.default_lead_time_days,
            "default_level": self.service_level,
            "default_z": service_factor(self.service_level),
            "review": self.review_days,
            "precision": 10 ** -self.env["decimal.precision"].precision_get("Product Unit of Measure"),
            "unit_category": self.env.ref("uom.product_uom_categ_unit").id,
            "class_ids": classes.ids,
            "class_levels": classes.mapped("service_level"),
            "class_z": [service_factor(level) for level in classes.mapped("service_level")],
        }
