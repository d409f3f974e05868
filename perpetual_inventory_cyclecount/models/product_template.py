from odoo import api, fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    abc_class_id = fields.Many2one(
        "stock.abc.class",
        string="ABC Class",
        compute="_compute_abc_class",
        search="_search_abc_class",
        help="The ABC class of the product (of its first variant).",
    )
    abc_is_manual = fields.Boolean(
        string="ABC Class Overridden", compute="_compute_abc_class", search="_search_abc_is_manual"
    )

    @api.depends("product_variant_ids.abc_class_id", "product_variant_ids.abc_is_manual")
    def _compute_abc_class(self):
        for template in self:
            variant = template.product_variant_ids[:1]
            template.abc_class_id = variant.abc_class_id
            template.abc_is_manual = variant.abc_is_manual

    def _search_abc_class(self, operator, value):
        return [("product_variant_ids.abc_class_id", operator, value)]

    def _search_abc_is_manual(self, operator, value):
        return [("product_variant_ids.abc_is_manual", operator, value)]
