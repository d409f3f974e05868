from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare

from .stock_abc_class import DEFAULT_CLASSES


class ResCompany(models.Model):
    _inherit = "res.company"

    abc_class_ids = fields.One2many("stock.abc.class", "company_id", string="ABC Classes")
    abc_warehouse_id = fields.Many2one(
        "stock.warehouse",
        string="Classify by Warehouse",
        help="Empty: the annual consumption value counts every warehouse of the company. "
        "Set: only what this warehouse issued to customers and POS.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._create_default_abc_classes()
        return companies

    @api.model
    def _create_missing_abc_classes(self):
        """At install (and update): companies without classes get the defaults."""
        self.search([])._create_default_abc_classes()

    def _create_default_abc_classes(self):
        """The design's default classes for companies that have none."""
        classes_vals = []
        for company in self.filtered(lambda company: not company.sudo().abc_class_ids):
            classes_vals += [
                {
                    "company_id": company.id,
                    "code": code,
                    "name": name,
                    "value_share": share,
                    "counts_per_year": counts,
                    "tolerance_percent": tolerance,
                    "tolerance_value": company.count_tolerance_value,
                    "is_no_movement": no_movement,
                    "sequence": 10 * (index + 1),
                }
                for index, (code, name, share, counts, tolerance, no_movement) in enumerate(DEFAULT_CLASSES)
            ]
        self.env["stock.abc.class"].sudo().create(classes_vals)

    def _check_abc_value_shares(self):
        for company in self:
            classes = (
                self.env["stock.abc.class"]
                .sudo()
                .search(
                    [
                        ("company_id", "=", company.id),
                        ("is_no_movement", "=", False),
                    ]
                )
            )
            total = sum(classes.mapped("value_share"))
            if classes and float_compare(total, 100.0, precision_digits=2) != 0:
                raise ValidationError(
                    _(
                        "The value shares of the ABC classes of %(company)s add up to %(total)s %%, not 100 %%.",
                        company=company.name,
                        total=round(total, 2),
                    )
                )

    def _abc_no_movement_class(self):
        self.ensure_one()
        return (
            self.env["stock.abc.class"]
            .sudo()
            .search([("company_id", "=", self.id), ("is_no_movement", "=", True)], limit=1)
        )
