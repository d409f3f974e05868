from odoo import api, fields, models, _
from odoo.exceptions import ValidationError


class ResCompany(models.Model):
    _inherit = "res.company"

    cogs_recognition = fields.Selection(
        [
            ("delivery", "At delivery (perpetual)"),
            ("invoice", "At invoice (Odoo standard)"),
        ],
        string="COGS Recognition",
        default="delivery",
        required=True,
        help="At delivery: each delivery, return and POS order books COGS at the cost of the "
        "valuation layers it moves, and invoices and POS sessions book none. "
        "At invoice: Odoo's Anglo-Saxon flow, COGS on the customer invoice.",
    )
    stock_accountant_id = fields.Many2one(
        "res.users",
        string="Stock Accountant",
        help="Gets an activity when the daily stock-vs-GL check finds a difference. "
        "Empty: the first accounting administrator of the company.",
    )

    count_adjustment_reason_id = fields.Many2one(
        "stock.variance.reason",
        string="Reason for Small Differences",
        default=lambda self: self.env.ref(
            "perpetual_inventory.reason_counting_difference", raise_if_not_found=False
        ),
        help="Count differences within tolerance are applied at reconciliation with this "
        "reason, and post on its account.",
    )
    double_count_value = fields.Monetary(
        string="Double Count Above",
        currency_field="currency_id",
        default=500.0,
        help="In a baseline count, lines whose stock is worth more than this need two "
        "independent blind counts.",
    )
    scrap_requires_approval = fields.Boolean(
        string="Approve Write-offs",
        default=True,
        help="Scrapping damaged goods needs a reason and goes through the variance approval.",
    )
    count_tolerance_percent = fields.Float(
        string="Count Tolerance (%)",
        default=5.0,
        help="A counted quantity within this percentage of the expected "
        "quantity is accepted without a recount (per ABC class once classified).",
    )
    count_tolerance_value = fields.Monetary(
        string="Count Tolerance (Value)",
        currency_field="currency_id",
        default=50.0,
        help="A count difference worth no more than this is accepted without a recount.",
    )
    variance_manager_limit = fields.Monetary(
        string="Manager Approval Limit",
        currency_field="currency_id",
        default=1000.0,
        help="Variances worth more than this need a Finance approver as well "
        "as an Inventory manager.",
    )

    def _books_cogs_at_delivery(self):
        self.ensure_one()
        return self.cogs_recognition == "delivery"

    def _apply_perpetual_cogs_defaults(self):
        """POS orders must leave stock when paid for COGS to be booked per order."""
        self.filtered(
            lambda company: company._books_cogs_at_delivery()
            and company.point_of_sale_update_stock_quantities != "real"
        ).point_of_sale_update_stock_quantities = "real"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("cogs_recognition", "delivery") == "delivery":
                vals.setdefault("point_of_sale_update_stock_quantities", "real")
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("cogs_recognition") == "delivery":
            vals = {"point_of_sale_update_stock_quantities": "real", **vals}
        return super().write(vals)

    @api.constrains("cogs_recognition", "point_of_sale_update_stock_quantities")
    def _check_pos_updates_stock_in_real_time(self):
        for company in self:
            if company._books_cogs_at_delivery() and company.point_of_sale_update_stock_quantities != "real":
                raise ValidationError(_(
                    "%(company)s books COGS at delivery, so Point of Sale orders must update "
                    "stock in real time, not at session closing.",
                    company=company.name,
                ))

    @api.constrains(
        "count_tolerance_percent", "count_tolerance_value", "variance_manager_limit", "double_count_value"
    )
    def _check_count_settings(self):
        for company in self:
            if company.double_count_value < 0:
                raise ValidationError(_("The double count value cannot be negative."))
            if company.count_tolerance_percent < 0 or company.count_tolerance_percent > 100:
                raise ValidationError(_("The count tolerance must be between 0 % and 100 %."))
            if company.count_tolerance_value < 0:
                raise ValidationError(_("The count tolerance value cannot be negative."))
            if company.variance_manager_limit < 0:
                raise ValidationError(_("The manager approval limit cannot be negative."))

    internal_barcode_prefix = fields.Char(
        string="Internal Barcode Prefix",
        default="20",
        required=True,
        help="Internal EAN-13 barcodes given to products start with this prefix: 2 to 7 digits "
        "in the GS1 in-store range 20-29. The running number and the check digit follow.",
    )

    @api.constrains("internal_barcode_prefix")
    def _check_internal_barcode_prefix(self):
        for company in self:
            prefix = company.internal_barcode_prefix or ""
            is_digits = prefix.isascii() and prefix.isdigit()
            if not (is_digits and 2 <= len(prefix) <= 7 and prefix.startswith("2")):
                raise ValidationError(_(
                    "The internal barcode prefix must be 2 to 7 digits starting with 2 (the GS1 "
                    "in-store range 20-29), not “%(prefix)s”.",
                    prefix=prefix,
                ))
