from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

MANAGER_GROUP = "perpetual_inventory.group_manager"

# Consumption: layers of moves from an internal location to a customer (deliveries, POS
# orders), net of the layers of moves back from customers (returns). The locations are
# given as id lists so that the planner sees how many moves match and hash-joins the
# layers with their moves instead of probing the move index once per layer. A plain
# SELECT (CREATE TABLE AS) may run in parallel; the ranking below, which writes, may not.
# Temporary tables get no statistics or index by themselves; with the products'
# statistics stale (as right after a bulk import) the ranking's plan would then read the
# whole table once per product.
CONSUMPTION_QUERY = """
DROP TABLE IF EXISTS abc_consumption;
CREATE TEMP TABLE abc_consumption ON COMMIT DROP AS
SELECT svl.product_id, SUM(-svl.value) AS acv
  FROM stock_valuation_layer svl
  JOIN stock_move move ON move.id = svl.stock_move_id
 WHERE svl.company_id = %(company)s
   AND svl.create_date >= %(date_from)s AND svl.create_date < %(date_to)s
   AND ((move.location_id = ANY(%(internal)s) AND move.location_dest_id = ANY(%(customer)s))
     OR (move.location_id = ANY(%(customer)s) AND move.location_dest_id = ANY(%(internal)s)))
 GROUP BY svl.product_id;
ALTER TABLE abc_consumption ADD PRIMARY KEY (product_id);
ANALYZE abc_consumption;
"""

# Ranking and bulk update in one statement. Ties share a class: a product's class is the
# first whose cumulative upper bound lies above the value of the products ranked strictly
# before its group of equal values. No consumption (or returns outweighing it): the
# no-movement class.
CLASSIFY_QUERY = """
WITH products AS (
    SELECT product.id, GREATEST(COALESCE(consumption.acv, 0), 0) AS acv
      FROM product_product product
      JOIN product_template template ON template.id = product.product_tmpl_id
      LEFT JOIN abc_consumption consumption ON consumption.product_id = product.id
     WHERE product.active AND template.is_storable
       AND (template.company_id = %(company)s
            -- a shared product classed by another company keeps that company's class
            OR (template.company_id IS NULL AND NOT EXISTS (
                    SELECT 1 FROM stock_abc_class owner
                     WHERE owner.id = COALESCE(product.abc_class_id, product.abc_computed_class_id)
                       AND owner.company_id != %(company)s)))
), ranked AS (
    SELECT id, acv,
           RANK() OVER by_value AS rank,
           SUM(acv) OVER (by_value RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cumulated,
           -- before the group of equal values (EXCLUDE GROUP would recompute every frame)
           SUM(acv) OVER (by_value RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
             - SUM(acv) OVER (PARTITION BY acv) AS before
      FROM products
     WHERE acv > 0
    WINDOW by_value AS (ORDER BY acv DESC)
), total AS (
    SELECT COALESCE(SUM(acv), 0) AS total FROM ranked
), bounds AS (
    SELECT id, SUM(value_share::numeric) OVER (ORDER BY sequence, id) AS upper
      FROM stock_abc_class
     WHERE company_id = %(company)s AND NOT is_no_movement
), classified AS (
    SELECT products.id AS product_id, products.acv, ranked.rank,
           CASE WHEN ranked.id IS NULL THEN 0 ELSE ranked.cumulated * 100 / total.total END AS share,
           CASE WHEN ranked.id IS NULL THEN %(no_movement)s
                ELSE COALESCE(
                    (SELECT bounds.id FROM bounds WHERE ranked.before * 100 < bounds.upper * total.total
                      ORDER BY bounds.upper, bounds.id LIMIT 1),
                    (SELECT bounds.id FROM bounds ORDER BY bounds.upper DESC, bounds.id DESC LIMIT 1))
           END AS class_id
      FROM products
      LEFT JOIN ranked ON ranked.id = products.id
     CROSS JOIN total
), history AS (
    INSERT INTO stock_abc_history (product_id, company_id, date, old_class_id, new_class_id,
                                   consumption_value, origin, user_id,
                                   create_uid, create_date, write_uid, write_date)
    SELECT classified.product_id, %(company)s, %(now)s, product.abc_class_id, classified.class_id,
           classified.acv, 'computed', %(uid)s, %(uid)s, %(now)s, %(uid)s, %(now)s
      FROM classified
      JOIN product_product product ON product.id = classified.product_id
     WHERE NOT COALESCE(product.abc_is_manual, FALSE)
       AND product.abc_class_id IS DISTINCT FROM classified.class_id
)
UPDATE product_product product
   SET abc_consumption_value = classified.acv,
       abc_rank = classified.rank,
       abc_cumulative_share = classified.share,
       abc_computed_class_id = classified.class_id,
       abc_class_id = CASE WHEN product.abc_is_manual THEN product.abc_class_id ELSE classified.class_id END,
       abc_classified_date = %(now)s
  FROM classified
 WHERE product.id = classified.product_id
"""

# What the classification and the managers' overrides write: one company's decision.
ABC_FIELDS = [
    "abc_class_id",
    "abc_computed_class_id",
    "abc_is_manual",
    "abc_override_reason",
    "abc_consumption_value",
    "abc_rank",
    "abc_cumulative_share",
    "abc_classified_date",
]
CLASSIFICATION_FIELDS = [
    "abc_consumption_value",
    "abc_rank",
    "abc_cumulative_share",
    "abc_computed_class_id",
    "abc_class_id",
    "abc_classified_date",
]


class ProductProduct(models.Model):
    _inherit = "product.product"

    abc_class_id = fields.Many2one(
        "stock.abc.class",
        string="ABC Class",
        index=True,
        ondelete="restrict",
        help="Sets how often the product is counted and its count tolerance. Computed monthly "
        "from its annual consumption value unless a manager overrides it.",
    )
    abc_computed_class_id = fields.Many2one(
        "stock.abc.class",
        string="Computed ABC Class",
        readonly=True,
        ondelete="set null",
        help="The class the last classification computed, whatever the override.",
    )
    abc_is_manual = fields.Boolean(
        string="ABC Class Overridden",
        readonly=True,
        help="A manager set the class by hand: classification keeps it.",
    )
    abc_override_reason = fields.Char(string="Override Reason")
    abc_consumption_value = fields.Monetary(
        string="Annual Consumption Value",
        readonly=True,
        currency_field="currency_id",
        groups=MANAGER_GROUP,
        help="Cost of the goods issued to customers and POS over the trailing 12 months, net of returns.",
    )
    # Rank and share give away the consumption value (the differences between shares): the
    # same readers as the value itself.
    abc_rank = fields.Integer(
        string="ABC Rank",
        readonly=True,
        aggregator=False,
        groups=MANAGER_GROUP,
        help="Rank by annual consumption value; equal values share a rank.",
    )
    abc_cumulative_share = fields.Float(
        string="Cumulative Share (%)", readonly=True, digits=(5, 2), aggregator=False, groups=MANAGER_GROUP
    )
    abc_classified_date = fields.Datetime(string="Classified On", readonly=True)
    abc_history_ids = fields.One2many("stock.abc.history", "product_id", string="ABC History")

    @api.constrains("abc_class_id", "company_id")
    def _check_abc_class_company(self):
        for product in self:
            abc_class = product.abc_class_id
            if abc_class and product.company_id and abc_class.company_id != product.company_id:
                raise ValidationError(
                    _(
                        "%(product)s belongs to %(company)s: class %(code)s of %(other)s cannot be set on it.",
                        product=product.display_name,
                        company=product.company_id.name,
                        code=abc_class.code,
                        other=abc_class.company_id.name,
                    )
                )

    def write(self, vals):
        if not self.env.su and set(vals) & set(ABC_FIELDS):
            # e.g. an inventory administrator writing products directly
            self._check_abc_class_in_reach(self.env["stock.abc.class"].browse(vals.get("abc_class_id")))
        if "abc_class_id" in vals and not self.env.context.get("abc_reset_override"):
            vals = self._prepare_abc_override(vals)
            history = [
                product._abc_history_vals(
                    product.abc_class_id, vals["abc_class_id"], "manual", vals["abc_override_reason"]
                )
                for product in self
                if product.abc_class_id.id != vals["abc_class_id"]
            ]
            result = super().write(vals)
            self.env["stock.abc.history"].sudo().create(history)
            return result
        return super().write(vals)

    def _prepare_abc_override(self, vals):
        reason = (vals.get("abc_override_reason") or "").strip()
        if not reason:
            raise UserError(
                _(
                    "Give a reason for overriding the ABC class of %(products)s.",
                    products=", ".join(self[:3].mapped("display_name")),
                )
            )
        return {
            **vals,
            "abc_override_reason": reason,
            "abc_is_manual": True,
            "abc_class_id": vals["abc_class_id"] or False,
        }

    def _abc_history_vals(self, old_class, new_class_id, origin, reason=False):
        self.ensure_one()
        new_class = self.env["stock.abc.class"].browse(new_class_id)
        return {
            "product_id": self.id,
            "company_id": (new_class.company_id or old_class.company_id or self.env.company).id,
            "date": fields.Datetime.now(),
            "old_class_id": old_class.id,
            "new_class_id": new_class.id,
            "consumption_value": self.sudo().abc_consumption_value,
            "origin": origin,
            "reason": reason,
            "user_id": self.env.uid,
        }

    def action_reset_abc_override(self):
        """Back to the computed class: classification manages the product again."""
        if not self.env.user.has_group(MANAGER_GROUP):
            raise UserError(_("Only inventory managers can change ABC classes."))
        self._check_abc_class_in_reach()
        for product in self.sudo().filtered("abc_is_manual"):
            if product.abc_class_id != product.abc_computed_class_id:
                self.env["stock.abc.history"].sudo().create(
                    product._abc_history_vals(
                        product.abc_class_id,
                        product.abc_computed_class_id.id,
                        "computed",
                        _("Override removed"),
                    )
                )
            product.with_context(abc_reset_override=True).write(
                {
                    "abc_class_id": product.abc_computed_class_id.id,
                    "abc_is_manual": False,
                    "abc_override_reason": False,
                }
            )
        return True

    def _check_abc_class_in_reach(self, new_class=None):
        """Before a class change: the products are of the user's current companies (or
        shared), and a shared product's class, when it has one, is one of theirs, as is the
        new class, so that no company's class is changed from another company."""
        self.check_access("read")
        companies = self.env.companies
        for product in self.sudo():
            classes = product.abc_class_id | product.abc_computed_class_id
            if not product.company_id and new_class:
                classes |= new_class.sudo()  # a product's own company is checked by its constraint
            owners = classes.company_id
            if owners - companies:
                raise AccessError(
                    _(
                        "The ABC class of %(product)s belongs to %(company)s: change it from that company.",
                        product=product.display_name,
                        company=", ".join((owners - companies).mapped("name")),
                    )
                )

    @api.model
    def _abc_consumption_locations(self, company):
        """Ids of the internal locations whose issues count (the company's classification
        warehouse, or all) and of the customer locations."""
        warehouse = company.abc_warehouse_id
        self.env.cr.execute(
            """
            SELECT COALESCE(array_agg(id) FILTER (WHERE usage = 'internal'
                                                  AND (%(warehouse)s IS NULL OR warehouse_id = %(warehouse)s)), '{}'),
                   COALESCE(array_agg(id) FILTER (WHERE usage = 'customer'), '{}')
              FROM stock_location
        """,
            {"warehouse": warehouse.id or None},
        )
        internal, customer = self.env.cr.fetchone()
        return {"internal": internal, "customer": customer}

    @api.model
    def _classify_abc(self, company, now=None):
        """Rank the company's stocked products by annual consumption value and write their
        classes, in one SQL statement; changes are recorded in the ABC history."""
        no_movement = company._abc_no_movement_class()
        if not no_movement:
            raise UserError(_("%(company)s has no no-movement ABC class.", company=company.name))
        company._check_abc_value_shares()
        now = now or fields.Datetime.now()
        self.env.flush_all()
        cr = self.env.cr
        # Compiling these two statements costs more than running them.
        cr.execute("SET LOCAL jit = off")
        cr.execute(
            CONSUMPTION_QUERY,
            {
                **self._abc_consumption_locations(company),
                "company": company.id,
                "date_from": now - relativedelta(years=1),
                "date_to": now,
            },
        )
        cr.execute(
            CLASSIFY_QUERY,
            {
                "company": company.id,
                "no_movement": no_movement.id,
                "now": now,
                "uid": self.env.uid,
            },
        )
        cr.execute("SET LOCAL jit TO DEFAULT")
        self.invalidate_model(CLASSIFICATION_FIELDS)
        self.env["stock.abc.history"].invalidate_model()
