from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

# The design's defaults (§4): code, name, share of cumulative annual consumption value,
# counts per year, tolerance in %. The value tolerance starts at the company's.
DEFAULT_CLASSES = [
    ("A", "A items", 80.0, 12, 0.5, False),
    ("B", "B items", 15.0, 4, 2.0, False),
    ("C", "C items", 5.0, 2, 5.0, False),
    ("N", "No movement", 0.0, 1, 5.0, True),
]
DEFER_SHARE_CHECK = "abc_defer_share_check"


class StockAbcClass(models.Model):
    """One ABC class of a company: which products belong to it (by their share of the
    cumulative annual consumption value), how often they are counted, and the count
    tolerance that applies to them."""

    _name = "stock.abc.class"
    _inherit = ["perpetual.input.guard"]
    _description = "ABC Class"
    _order = "company_id, is_no_movement, sequence, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True, size=8)
    sequence = fields.Integer(
        default=10, help="Classes take the products in this order: most valuable first."
    )
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    is_no_movement = fields.Boolean(
        string="No Movement", help="Stocked products without consumption over the last 12 months."
    )
    value_share = fields.Float(
        string="Value Share (%)",
        digits=(5, 2),
        help="Share of the cumulative annual consumption value this class takes, after the "
        "classes before it. The shares of a company's classes add up to 100 %.",
    )
    counts_per_year = fields.Integer(required=True, default=1)
    count_interval_days = fields.Float(
        string="Days Between Counts", compute="_compute_count_interval_days", digits=(5, 1)
    )
    tolerance_percent = fields.Float(string="Tolerance (%)", digits=(5, 2), aggregator="avg")
    tolerance_value = fields.Monetary(
        string="Tolerance (Value)",
        currency_field="currency_id",
        default=lambda self: self.env.company.count_tolerance_value,
    )
    color = fields.Integer()
    product_ids = fields.One2many("product.product", "abc_class_id", string="Products")
    product_count = fields.Integer(compute="_compute_product_count")

    _sql_constraints = [
        (
            "code_company_uniq",
            "unique(company_id, code)",
            "Two ABC classes of a company cannot share a code.",
        ),
        (
            "counts_per_year_positive",
            "check(counts_per_year > 0)",
            "A class is counted at least once a year.",
        ),
        (
            "tolerance_positive",
            "check(tolerance_percent >= 0 and tolerance_value >= 0)",
            "ABC class tolerances cannot be negative.",
        ),
        (
            "value_share_range",
            "check(value_share >= 0 and value_share <= 100)",
            "A value share lies between 0 % and 100 %.",
        ),
    ]

    @api.depends("counts_per_year")
    def _compute_count_interval_days(self):
        for abc_class in self:
            abc_class.count_interval_days = (
                365.0 / abc_class.counts_per_year if abc_class.counts_per_year > 0 else 0.0
            )

    def _compute_product_count(self):
        counts = dict(
            self.env["product.product"]._read_group(
                [("abc_class_id", "in", self.ids)], ["abc_class_id"], ["__count"]
            )
        )
        for abc_class in self:
            abc_class.product_count = counts.get(abc_class, 0)

    # Rules --------------------------------------------------------------------

    @api.constrains("counts_per_year", "tolerance_percent", "tolerance_value", "value_share", "code")
    def _check_values(self):
        # Same rules as the SQL constraints, with the class named in the message.
        for abc_class in self:
            if abc_class.counts_per_year <= 0:
                raise ValidationError(
                    _(
                        "Class %(code)s must be counted at least once a year, not %(count)s times.",
                        code=abc_class.code,
                        count=abc_class.counts_per_year,
                    )
                )
            if abc_class.tolerance_percent < 0 or abc_class.tolerance_value < 0:
                raise ValidationError(
                    _("The tolerances of class %(code)s cannot be negative.", code=abc_class.code)
                )
            if abc_class.is_no_movement and abc_class.value_share:
                raise ValidationError(
                    _(
                        "The no-movement class %(code)s takes no share of the consumption value.",
                        code=abc_class.code,
                    )
                )

    @api.constrains("is_no_movement", "company_id")
    def _check_one_no_movement_class(self):
        for company in self.company_id:
            classes = self.search([("company_id", "=", company.id), ("is_no_movement", "=", True)])
            if len(classes) > 1:
                raise ValidationError(
                    _("%(company)s can have only one no-movement class.", company=company.name)
                )

    @api.constrains("value_share", "is_no_movement", "company_id")
    def _check_value_shares_constraint(self):
        if not self.env.context.get(DEFER_SHARE_CHECK):
            self.company_id._check_abc_value_shares()

    @api.ondelete(at_uninstall=False)
    def _unlink_except_used(self):
        used = self.filtered("product_ids")
        if used:
            raise UserError(
                _(
                    "Class %(code)s still holds products: reclassify them before deleting it.",
                    code=used[0].code,
                )
            )

    def unlink(self):
        companies = self.company_id
        result = super().unlink()
        companies._check_abc_value_shares()
        return result

    def _set_value_shares(self, shares):
        """Change several shares at once ({class: share}); checked once all are written."""
        deferred = self.with_context(**{DEFER_SHARE_CHECK: True})
        for abc_class, share in shares.items():
            deferred.browse(abc_class.id).value_share = share
        self.env["stock.abc.class"].browse([c.id for c in shares]).company_id._check_abc_value_shares()

    # Actions ------------------------------------------------------------------

    def action_open_products(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Products of class %s", self.code),
            "res_model": "product.product",
            "view_mode": "list,form",
            "views": [
                (self.env.ref("perpetual_inventory_cyclecount.product_product_abc_list").id, "list"),
                (False, "form"),
            ],
            "domain": [("abc_class_id", "=", self.id)],
        }

    @api.model
    def action_classify_now(self):
        """Classify the products of the user's current companies (Classify now button)."""
        if not self.env.user.has_group("perpetual_inventory.group_manager"):
            raise UserError(_("Only inventory managers can classify products."))
        companies = self.env.companies
        for company in companies:
            self.env["product.product"].sudo()._classify_abc(company)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _("Products classified for %s.", ", ".join(companies.mapped("name"))),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    @api.model
    def _cron_classify(self):
        for company in self.env["res.company"].search([]):
            self.env["product.product"]._classify_abc(company)
