from odoo import fields, models


class ProductCategory(models.Model):
    _inherit = "product.category"

    # Company-dependent like property_valuation itself: a category is
    # converted (and its opening value booked) once per company.
    valuation_conversion_move_id = fields.Many2one(
        "account.move",
        string="Opening Valuation Entry",
        company_dependent=True,
        readonly=True,
        copy=False,
        help="The journal entry that booked the opening inventory value when "
        "this category was converted to automated valuation.",
    )
