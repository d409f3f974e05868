from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

BARCODE_SEQUENCE_CODE = "perpetual_inventory.internal_barcode"


class ProductBarcodeGenerator(models.TransientModel):
    """Give products without a barcode an internal EAN-13: company prefix, running number, check digit."""

    _name = "product.barcode.generator"
    _description = "Generate Internal Product Barcodes"

    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company)
    prefix = fields.Char(related="company_id.internal_barcode_prefix", string="Prefix")
    product_ids = fields.Many2many(
        "product.product",
        string="Products",
        default=lambda self: self._default_product_ids(),
        help="The products chosen in the list; by default every product of the company without a barcode.",
    )
    to_number_count = fields.Integer(string="Get a Barcode", compute="_compute_counts")
    skipped_count = fields.Integer(string="Already Have a Barcode (Skipped)", compute="_compute_counts")

    @api.model
    def _default_product_ids(self):
        context = self.env.context
        active_ids = context.get("active_ids")
        if active_ids and context.get("active_model") == "product.product":
            return self.env["product.product"].browse(active_ids)
        if active_ids and context.get("active_model") == "product.template":
            return self.env["product.template"].browse(active_ids).product_variant_ids
        return self.env["product.product"].search(
            [
                ("barcode", "=", False),
                ("company_id", "in", [self.env.company.id, False]),
            ]
        )

    @api.depends("product_ids.barcode")
    def _compute_counts(self):
        for wizard in self:
            to_number = wizard._get_products_to_number()
            wizard.to_number_count = len(to_number)
            wizard.skipped_count = len(wizard.product_ids) - len(to_number)

    def _get_products_to_number(self):
        return self.product_ids.filtered(lambda product: not product.barcode)

    def action_generate(self):
        self.ensure_one()
        products = self._get_products_to_number()
        if not products:
            raise UserError(_("All the chosen products already have a barcode: nothing to generate."))
        self._check_prefix_is_read_as_product()
        for product, code in zip(products, self._get_free_codes(len(products))):
            product.barcode = code
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _(
                    "%(count)s products got an internal barcode; %(skipped)s already had one.",
                    count=len(products),
                    skipped=len(self.product_ids) - len(products),
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _check_prefix_is_read_as_product(self):
        """Refuse a prefix that the company's barcode nomenclature reads as something else
        (with Odoo's default rules, 22 starts a discount and 23 a price barcode)."""
        nomenclature = self.company_id.nomenclature_id
        if not nomenclature:
            return
        sample = self.env["perpetual.barcode.label"]._internal_ean13(self.prefix, 0)
        parsed = nomenclature.parse_barcode(sample)
        if isinstance(parsed, dict) and parsed.get("type") not in ("product", "error"):
            raise UserError(
                _(
                    "The barcode nomenclature %(nomenclature)s reads codes starting with %(prefix)s as "
                    "%(kind)s barcodes, not as products: choose another internal barcode prefix in the "
                    "Inventory settings.",
                    nomenclature=nomenclature.display_name,
                    prefix=self.prefix,
                    kind=parsed["type"],
                )
            )

    def _get_free_codes(self, count):
        """``count`` internal EAN-13 codes that no product, packaging or location uses yet."""
        label_helper = self.env["perpetual.barcode.label"]
        used = self._get_used_barcodes()
        sequence = self._get_sequence()
        codes = []
        while len(codes) < count:
            code = label_helper._internal_ean13(self.prefix, int(sequence.next_by_id()))
            if code not in used:
                codes.append(code)
        return codes

    def _get_sequence(self):
        sequence = (
            self.env["ir.sequence"]
            .sudo()
            .search(
                [
                    ("code", "=", BARCODE_SEQUENCE_CODE),
                    ("company_id", "in", [self.company_id.id, False]),
                ],
                order="company_id",
                limit=1,
            )
        )
        if not sequence:
            raise UserError(
                _("The sequence %(code)s of internal barcodes is missing.", code=BARCODE_SEQUENCE_CODE)
            )
        return sequence

    def _get_used_barcodes(self):
        """Barcodes starting with the prefix, in any company, archived records included."""
        for model in ("product.product", "product.packaging", "stock.location"):
            self.env[model].flush_model(["barcode"])
        pattern = f"{self.prefix}%"
        self.env.cr.execute(
            SQL(
                """
            SELECT barcode FROM product_product WHERE barcode LIKE %(pattern)s
            UNION SELECT barcode FROM product_packaging WHERE barcode LIKE %(pattern)s
            UNION SELECT barcode FROM stock_location WHERE barcode LIKE %(pattern)s
            """,
                pattern=pattern,
            )
        )
        return {barcode for (barcode,) in self.env.cr.fetchall()}
