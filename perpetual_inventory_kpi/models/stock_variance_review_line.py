from odoo import fields, models


class StockVarianceReviewLine(models.Model):
    """One figure of a variance review: a cause (reason, location, product, counter)
    with how often it occurred, a product's shrinkage, or an ABC class's accuracy.
    Written in bulk by the review's SQL, read by its screens and PDF."""

    _name = "stock.variance.review.line"
    _description = "Variance Review Figure"
    _order = "review_id, kind, sequence, id"

    review_id = fields.Many2one("stock.variance.review", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one("res.company", required=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    kind = fields.Selection(
        [
            ("reason", "By Reason"),
            ("location", "By Location"),
            ("product", "By Product"),
            ("counter", "By Counter"),
            ("shrinkage", "Top Shrinkage"),
            ("accuracy", "Accuracy by Class"),
        ],
        required=True,
    )
    sequence = fields.Integer(string="Rank")
    reason_id = fields.Many2one("stock.variance.reason")
    location_id = fields.Many2one("stock.location")
    product_id = fields.Many2one("product.product")
    counter_id = fields.Many2one("res.users")
    abc_class_id = fields.Many2one("stock.abc.class", string="ABC Class")
    variance_count = fields.Integer(string="Variances")
    quantity = fields.Float(digits="Product Unit of Measure", help="Net quantity difference.")
    value = fields.Monetary(
        currency_field="currency_id", help="Net value of the differences; for shrinkage, the value lost."
    )
    counted_lines = fields.Integer(string="Counted")
    accurate_lines = fields.Integer(string="Within Tolerance")
    accuracy = fields.Float(string="Accuracy (%)", digits=(5, 2))
