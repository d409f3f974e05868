from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

# Which adjustment account a variance reason posts on by default; every other reason
# (theft, damage, picking or receiving errors, ...) is shrinkage.
REASON_ACCOUNT_KIND = {"TOL": "count_difference", "FOUND": "count_difference", "BASE": "opening"}
ADJUSTMENT_ACCOUNT_NAMES = {
    "shrinkage": "Inventory Shrinkage",
    "count_difference": "Inventory Count Differences",
}


class ResCompany(models.Model):
    _name = "res.company"
    _inherit = ["res.company", "perpetual.input.guard"]

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
        domain=lambda self: [
            ("groups_id", "in", self.env.ref("perpetual_inventory.group_stock_accountant").id)
        ],
        help="Gets an activity when the daily stock-vs-GL check finds a difference. "
        "Empty: the company's first stock accountant.",
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
        aggregator="avg",
        help="A counted quantity within this percentage of the expected "
        "quantity is accepted without a recount (per ABC class once classified).",
    )
    count_tolerance_value = fields.Monetary(
        string="Count Tolerance (Value)",
        currency_field="currency_id",
        default=50.0,
        help="A count difference worth no more than this is accepted without a recount.",
    )
    count_plausible_qty = fields.Float(
        string="Plausible Count (Units)",
        default=1000.0,
        digits="Product Unit of Measure",
        help="On the Count screen, a quantity above this asks the counter to confirm it. 0: no limit.",
    )
    count_plausible_packs = fields.Float(
        string="Plausible Count (Packs)",
        default=10.0,
        help="On the Count screen, a quantity above this many of the product's usual pack "
        "(its first packaging) asks the counter to confirm it. 0: no limit.",
    )
    variance_finance_approver_ids = fields.Many2many(
        "res.users",
        "res_company_variance_finance_approver_rel",
        "company_id",
        "user_id",
        string="Finance Approvers",
        domain=lambda self: [
            ("groups_id", "in", self.env.ref("perpetual_inventory.group_finance_approver").id)
        ],
        help="Get the activity to approve variances above the manager limit. Empty: every "
        "finance approver of the company (the administrator only when there is nobody else).",
    )
    variance_manager_limit = fields.Monetary(
        string="Manager Approval Limit",
        currency_field="currency_id",
        default=1000.0,
        help="Variances worth more than this need a Finance approver as well as an Inventory manager.",
    )

    def _books_cogs_at_delivery(self):
        self.ensure_one()
        return self.cogs_recognition == "delivery"

    def _apply_perpetual_cogs_defaults(self):
        """POS orders must leave stock when paid for COGS to be booked per order."""
        self.filtered(
            lambda company: (
                company._books_cogs_at_delivery() and company.point_of_sale_update_stock_quantities != "real"
            )
        ).point_of_sale_update_stock_quantities = "real"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("cogs_recognition", "delivery") == "delivery":
                vals.setdefault("point_of_sale_update_stock_quantities", "real")
        return super().create(vals_list)

    def write(self, vals):
        if "cogs_recognition" in vals:
            for company in self.filtered(
                lambda company: company.cogs_recognition != vals["cogs_recognition"]
            ):
                company._check_cogs_recognition_switch(vals["cogs_recognition"])
        if vals.get("cogs_recognition") == "delivery":
            vals = {"point_of_sale_update_stock_quantities": "real", **vals}
        return super().write(vals)

    # COGS recognition per movement -------------------------------------------

    def _check_cogs_recognition_switch(self, new_mode):
        """Each delivery's COGS is booked once: by the delivery itself, or by its invoice.
        Switching while some are half-way would book it twice or never."""
        self.ensure_one()
        if new_mode == "delivery":
            pending = self._stock_output_balance()
            if not self.currency_id.is_zero(pending):
                raise UserError(
                    _(
                        "%(company)s cannot book COGS at delivery yet: its stock output (interim) "
                        "accounts still hold %(amount)s of deliveries waiting for their invoice (or "
                        "invoices waiting for their delivery). Their COGS is booked when those "
                        "invoices post; switch once the stock output accounts are balanced.",
                        company=self.name,
                        amount=self.currency_id.format(pending),
                    )
                )
        elif self._deliveries_waiting_for_invoice():
            raise UserError(
                _(
                    "%(company)s cannot go back to COGS at invoice yet: some deliveries already "
                    "booked their COGS and are not invoiced; their invoices would book it again. "
                    "Invoice them first.",
                    company=self.name,
                )
            )

    def _stock_output_accounts(self):
        self.ensure_one()
        categories = self.env["product.category"].sudo().with_company(self).search([])
        return categories.property_stock_account_output_categ_id

    def _stock_output_balance(self):
        """Balance of the company's stock output (interim) accounts: deliveries not invoiced yet."""
        self.ensure_one()
        accounts = self._stock_output_accounts()
        if not accounts:
            return 0.0
        self.env["account.move.line"].flush_model(["balance", "account_id", "company_id", "parent_state"])
        self.env.cr.execute(
            """
            SELECT COALESCE(SUM(balance), 0) FROM account_move_line
             WHERE company_id = %s AND parent_state = 'posted' AND account_id IN %s
        """,
            [self.id, tuple(accounts.ids)],
        )
        return self.env.cr.fetchone()[0]

    def _deliveries_waiting_for_invoice(self):
        """Sold lines delivered with COGS at delivery but not fully invoiced (needs Sales)."""
        self.ensure_one()
        if "sale_line_id" not in self.env["stock.move"]._fields:
            return False  # without Sales, invoices are not tied to deliveries
        return bool(
            self.env["stock.move"]
            .sudo()
            .search_count(
                [
                    ("company_id", "=", self.id),
                    ("state", "=", "done"),
                    ("sale_line_id", "!=", False),
                    ("account_move_ids.line_ids.cogs_source", "!=", False),
                    ("sale_line_id.invoice_status", "=", "to invoice"),
                ],
                limit=1,
            )
        )

    # Defaults a production database needs ------------------------------------

    @api.model
    def _setup_perpetual_inventory_defaults_all(self):
        self.search([])._setup_perpetual_inventory_defaults()

    def _setup_perpetual_inventory_defaults(self):
        """Adjustment accounts of the variance reasons, the reason for small differences and
        the stock accountant, for companies that have a chart of accounts."""
        for company in self.sudo().filtered("chart_template"):
            company._set_default_reason_accounts()
            if not company.count_adjustment_reason_id:
                company.count_adjustment_reason_id = self.env.ref(
                    "perpetual_inventory.reason_counting_difference", raise_if_not_found=False
                )
            if not company.stock_accountant_id:
                company.stock_accountant_id = company._default_stock_accountant()

    def _set_default_reason_accounts(self):
        self.ensure_one()
        reasons = (
            self.env["stock.variance.reason"].with_company(self).with_context(active_test=False).search([])
        )
        accounts = {}
        for reason in reasons.filtered(lambda reason: not reason.account_id):
            kind = REASON_ACCOUNT_KIND.get(reason.code, "shrinkage")
            if kind not in accounts:
                accounts[kind] = self._inventory_adjustment_account(kind)
            reason.account_id = accounts[kind]

    def _inventory_adjustment_account(self, kind):
        """The company's account for this kind of adjustment, created next to its expense
        account when the chart has none."""
        self.ensure_one()
        if kind == "opening":
            return self.get_unaffected_earnings_account()
        name = ADJUSTMENT_ACCOUNT_NAMES[kind]
        Account = self.env["account.account"].with_company(self)
        account = Account.search([("company_ids", "in", self.id), ("name", "=", name)], limit=1)
        if account:
            return account
        expense = (
            self.env.ref("product.product_category_all").with_company(self).property_account_expense_categ_id
        )
        start_code = expense.code or "600000"
        return Account.create(
            {
                "name": name,
                "code": Account._search_new_account_code(start_code),
                "account_type": "expense",
                "company_ids": [(6, 0, self.ids)],
            }
        )

    def _default_stock_accountant(self):
        """The company's first stock accountant (accounting administrators and finance
        approvers are ones) other than the administrator, else the administrator."""
        self.ensure_one()
        accountants = (
            self.env["res.users"]
            .sudo()
            .search(
                [
                    ("groups_id", "in", self.env.ref("perpetual_inventory.group_stock_accountant").id),
                    ("company_ids", "in", self.id),
                    ("share", "=", False),
                ],
                order="id",
            )
        )
        return (accountants - self.env.ref("base.user_admin"))[:1] or accountants[:1]

    @api.constrains("cogs_recognition", "point_of_sale_update_stock_quantities")
    def _check_pos_updates_stock_in_real_time(self):
        for company in self:
            if company._books_cogs_at_delivery() and company.point_of_sale_update_stock_quantities != "real":
                raise ValidationError(
                    _(
                        "%(company)s books COGS at delivery, so Point of Sale orders must update "
                        "stock in real time, not at session closing.",
                        company=company.name,
                    )
                )

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
        default="20",
        required=True,
        help="Internal EAN-13 barcodes given to products start with this prefix: 2 to 7 digits "
        "in the GS1 in-store range 20-29. The running number and the check digit follow.",
    )

    gs1_company_prefix = fields.Char(
        string="GS1 Company Prefix",
        help="The company's GS1 company prefix (6 to 12 digits). Product labels then carry the "
        "SGTIN-96 EPC an RFID printer encodes for the product's GTIN, with a serial number of "
        "the company's own sequence.",
    )
    rfid_read_rate = fields.Selection(
        [("hidden", "Hidden"), ("band", "As a band")],
        string="RFID Read Rate for Counters",
        default="hidden",
        required=True,
        help="After an RFID read on the Count screen: the share of the serial numbers the system "
        "expects at the location that the count's reads have seen. Hidden: counters see nothing "
        "of it (a blind count). As a band: under 50 %, 50 to 89 %, 90 to 99 % or all, never the "
        "number of serials expected.",
    )
    epc_serial_sequence_id = fields.Many2one(
        "ir.sequence",
        string="EPC Serial Numbers",
        readonly=True,
        help="Numbers the RFID tags the company's labels issue (made on the first label printed).",
    )

    @api.constrains("gs1_company_prefix")
    def _check_gs1_company_prefix(self):
        for company in self.filtered("gs1_company_prefix"):
            prefix = company.gs1_company_prefix
            if not (prefix.isascii() and prefix.isdigit() and 6 <= len(prefix) <= 12):
                raise ValidationError(
                    _(
                        "A GS1 company prefix is 6 to 12 digits, not “%(prefix)s”.",
                        prefix=prefix,
                    )
                )

    def _next_epc_serials(self, count):
        """``count`` serial numbers for the company's RFID tags, in one call."""
        self.ensure_one()
        sequence = self.sudo().epc_serial_sequence_id
        if not sequence:
            sequence = (
                self.env["ir.sequence"]
                .sudo()
                .create(
                    {
                        "name": _("EPC serial numbers of %(company)s", company=self.name),
                        "implementation": "standard",
                        "company_id": self.id,
                        "padding": 0,
                    }
                )
            )
            self.sudo().epc_serial_sequence_id = sequence
        return [int(sequence.next_by_id()) for _number in range(count)]

    @api.constrains("internal_barcode_prefix")
    def _check_internal_barcode_prefix(self):
        for company in self:
            prefix = company.internal_barcode_prefix or ""
            is_digits = prefix.isascii() and prefix.isdigit()
            if not (is_digits and 2 <= len(prefix) <= 7 and prefix.startswith("2")):
                raise ValidationError(
                    _(
                        "The internal barcode prefix must be 2 to 7 digits starting with 2 (the GS1 "
                        "in-store range 20-29), not “%(prefix)s”.",
                        prefix=prefix,
                    )
                )
