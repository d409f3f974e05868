from collections import defaultdict

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare, float_is_zero, float_round, format_date


class StockValuationConversionWizard(models.TransientModel):
    """Convert product categories from manual (periodic) to automated valuation.

    Odoo's own valuation change (``product.category.write``) empties and
    refills the stock and books the refill against the stock input account,
    one entry per product. Here the stock is emptied *before* the category is
    switched, so that Odoo's write finds nothing to move; the wizard then
    refills it with layers of exactly the same quantities and values (FIFO
    layers kept one by one) and books them in a single opening entry per
    category: Dr stock valuation / Cr the account the user picked.
    """

    _name = "stock.valuation.conversion.wizard"
    _description = "Convert Categories to Automated Valuation"
    _check_company_auto = True

    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    category_ids = fields.Many2many(
        "product.category",
        string="Categories",
        domain=[("property_valuation", "=", "manual_periodic")],
        default=lambda self: self._default_category_ids(),
        help="Categories with manual valuation to convert to automated valuation.",
    )
    counterpart_account_id = fields.Many2one(
        "account.account",
        check_company=True,
        domain="[('deprecated', '=', False), ('account_type', 'not in', "
        "('asset_receivable', 'liability_payable', 'asset_cash', 'liability_credit_card', 'off_balance'))]",
        help="Credited with the opening inventory value, e.g. an opening balance equity account.",
    )
    date = fields.Date(
        string="Accounting Date",
        default=fields.Date.context_today,
        help="Date of the opening entries.",
    )
    line_ids = fields.One2many(
        "stock.valuation.conversion.wizard.line",
        "wizard_id",
        string="Summary",
        compute="_compute_line_ids",
        store=True,
        readonly=True,
    )
    total_value = fields.Monetary(string="Total Opening Value", compute="_compute_total_value")

    def _default_category_ids(self):
        if self.env.context.get("active_model") == "product.category":
            return [Command.set(self.env.context.get("active_ids", []))]
        return []

    @api.depends("category_ids", "company_id")
    def _compute_line_ids(self):
        for wizard in self:
            wizard.line_ids = [Command.clear()] + [
                Command.create(vals) for vals in wizard._prepare_summary_lines_vals()
            ]

    @api.depends("line_ids.value", "line_ids.product_id")
    def _compute_total_value(self):
        for wizard in self:
            wizard.total_value = sum(wizard.line_ids.filtered("product_id").mapped("value"))

    # -------------------------------------------------------------------------
    # Summary
    # -------------------------------------------------------------------------

    def _prepare_summary_lines_vals(self):
        """One line per product in stock, then one total line per category."""
        self.ensure_one()
        vals_list = []
        for category in self.category_ids.with_company(self.company_id):
            products = self._get_stocked_products(category._origin)
            unvalued = self._get_unvalued_quantities(products)
            values = []
            for product in products:
                value = product.value_svl + unvalued[product] * product.standard_price
                values.append(value)
                vals_list.append(
                    {
                        "category_id": category._origin.id,
                        "product_id": product.id,
                        "quantity": product.quantity_svl + unvalued[product],
                        "value": value,
                        "note": self.env._(
                            "%(quantity)s on hand without valuation layers: valued at cost",
                            quantity=unvalued[product],
                        )
                        if unvalued[product]
                        else False,
                    }
                )
            if all(self.currency_id.is_zero(value) for value in values):
                note = self.env._("No stock value: converted without an entry")
            else:
                note = self.env._("Category total: one opening entry")
            vals_list.append({"category_id": category._origin.id, "value": sum(values), "note": note})
        return vals_list

    def _get_category_products(self, category):
        return (
            self.env["product.product"]
            .with_company(self.company_id)
            .with_context(active_test=False)
            .search([("categ_id", "=", category.id), ("is_storable", "=", True)])
        )

    def _get_stocked_products(self, category):
        products = self._get_category_products(category)
        unvalued = self._get_unvalued_quantities(products)
        return products.filtered(
            lambda p: not float_is_zero(p.quantity_svl, precision_rounding=p.uom_id.rounding) or unvalued[p]
        )

    def _get_unvalued_quantities(self, products):
        """Quantity on hand that no valuation layer accounts for, per product: stock
        counted in before valuation was installed, or imported straight into quants.
        The conversion values it at the product's cost."""
        groups = (
            self.env["stock.quant"]
            .sudo()
            ._read_group(
                [
                    ("product_id", "in", products.ids),
                    ("company_id", "=", self.company_id.id),
                    ("location_id.usage", "in", ("internal", "transit")),
                    "|",
                    ("owner_id", "=", False),
                    ("owner_id", "=", self.company_id.partner_id.id),
                ],
                ["product_id"],
                ["quantity:sum"],
            )
        )
        on_hand = {product: quantity for product, quantity in groups}
        unvalued = defaultdict(float)
        for product in products:
            missing = float_round(
                on_hand.get(product, 0.0) - product.quantity_svl, precision_rounding=product.uom_id.rounding
            )
            if float_compare(missing, 0, precision_rounding=product.uom_id.rounding) > 0:
                unvalued[product] = missing
        return unvalued

    # -------------------------------------------------------------------------
    # Checks: everything is checked before anything is written
    # -------------------------------------------------------------------------

    def _check_conversion(self):
        self.ensure_one()
        if not self.category_ids:
            raise UserError(self.env._("Choose at least one product category to convert."))
        if not self.counterpart_account_id:
            raise UserError(self.env._("Choose the account to credit with the opening inventory value."))
        if not self.date:
            raise UserError(self.env._("Set the accounting date of the opening entries."))
        if self.date > fields.Date.context_today(self):
            raise UserError(
                self.env._(
                    "The opening entries cannot be dated in the future (%(date)s).",
                    date=format_date(self.env, self.date),
                )
            )
        for category in self.category_ids.with_company(self.company_id):
            self._check_category(category)

    def _check_category(self, category):
        if category.property_valuation == "real_time":
            raise UserError(
                self.env._(
                    "The category %(category)s already uses automated valuation: "
                    "it cannot be converted twice.",
                    category=category.display_name,
                )
            )
        missing = [
            category._fields[fname].string
            for fname in self._get_required_category_fields()
            if not category[fname]
        ]
        if missing:
            raise UserError(
                self.env._(
                    "Set %(fields)s on the category %(category)s (or as company defaults) "
                    "before converting it.",
                    fields=", ".join(missing),
                    category=category.display_name,
                )
            )
        if self.counterpart_account_id == category.property_stock_valuation_account_id:
            raise UserError(
                self.env._(
                    "The counterpart account cannot be the stock valuation account of "
                    "the category %(category)s.",
                    category=category.display_name,
                )
            )
        lock_date = self.company_id._get_user_fiscal_lock_date(category.property_stock_journal)
        if self.date <= lock_date:
            raise UserError(
                self.env._(
                    "The accounting date %(date)s is in a locked period (locked until "
                    "%(lock_date)s). Choose a later date.",
                    date=format_date(self.env, self.date),
                    lock_date=format_date(self.env, lock_date),
                )
            )
        self._check_category_products(category)

    def _get_required_category_fields(self):
        return [
            *self.env["product.category"]._get_mandatory_stock_account_property_field_names(),
            "property_stock_journal",
        ]

    def _check_category_products(self, category):
        for product in self._get_category_products(category):
            if product.lot_valuated and product.sudo().stock_valuation_layer_ids:
                raise UserError(
                    self.env._(
                        "The product %(product)s of the category %(category)s is valued by "
                        "lot/serial number: its category cannot change valuation.",
                        product=product.display_name,
                        category=category.display_name,
                    )
                )
            if float_compare(product.quantity_svl, 0, precision_rounding=product.uom_id.rounding) < 0:
                raise UserError(
                    self.env._(
                        "The product %(product)s of the category %(category)s has a negative "
                        "stock. Correct it before converting the category.",
                        product=product.display_name,
                        category=category.display_name,
                    )
                )

    # -------------------------------------------------------------------------
    # Conversion
    # -------------------------------------------------------------------------

    def action_convert(self):
        self.ensure_one()
        self._check_conversion()
        moves = self.env["account.move"]
        for category in self.category_ids.with_company(self.company_id):
            moves |= self._convert_category(category)
        return self._get_result_action(moves)

    def _convert_category(self, category):
        """Switch one category to automated valuation; return its opening entry, if any."""
        description = self.env._(
            "Conversion of %(category)s to automated valuation", category=category.display_name
        )
        products = self._get_stocked_products(category)
        unvalued = self._get_unvalued_quantities(products)
        # Read the layers to refill before emptying: emptying consumes them.
        opening_vals_list = [
            vals
            for product in products
            for vals in self._prepare_opening_layers_vals(product, description, unvalued[product])
        ]
        emptying_vals_list = [
            self._prepare_emptying_layer_vals(product, description)
            for product in products
            if not float_is_zero(product.quantity_svl, precision_rounding=product.uom_id.rounding)
        ]
        layers = self.env["stock.valuation.layer"].sudo()
        layers.create(emptying_vals_list)
        # The wizard is for accounting managers, who may not manage categories.
        category.sudo().write({"property_valuation": "real_time"})
        opening_layers = layers.create(opening_vals_list)
        if all(self.currency_id.is_zero(value) for value in opening_layers.mapped("value")):
            return self.env["account.move"]
        move = self.env["account.move"].create(self._prepare_opening_move_vals(category, opening_layers))
        move._post()
        opening_layers.account_move_id = move
        category.sudo().valuation_conversion_move_id = move
        return move

    def _prepare_emptying_layer_vals(self, product, description):
        vals = product._prepare_out_svl_vals(product.quantity_svl, self.company_id)
        vals["description"] = description + vals.pop("rounding_adjustment", "")
        vals["company_id"] = self.company_id.id
        return vals

    def _prepare_opening_layers_vals(self, product, description, unvalued_quantity=0.0):
        """Layers that give the product back its quantity and value: for FIFO
        one per remaining layer (so later deliveries keep their true cost),
        otherwise one for the whole stock; plus one at cost for the quantity on
        hand that had no layer."""
        rounding = product.uom_id.rounding
        quantities_values = []
        if not float_is_zero(product.quantity_svl, precision_rounding=rounding):
            quantities_values = [(product.quantity_svl, product.value_svl)]
        if quantities_values and product.cost_method == "fifo":
            candidates = product._get_fifo_candidates(self.company_id)
            candidates_quantity = sum(candidates.mapped("remaining_qty"))
            rounding = product.uom_id.rounding
            if float_compare(candidates_quantity, product.quantity_svl, precision_rounding=rounding) == 0:
                quantities_values = [(c.remaining_qty, c.remaining_value) for c in candidates]
        if unvalued_quantity:
            quantities_values.append(
                (unvalued_quantity, self.currency_id.round(unvalued_quantity * product.standard_price))
            )
        vals_list = []
        for quantity, value in quantities_values:
            vals = product._prepare_in_svl_vals(quantity, value / quantity)
            vals.update(
                {
                    "value": value,
                    "remaining_value": value,
                    "description": description,
                    "company_id": self.company_id.id,
                }
            )
            vals_list.append(vals)
        return vals_list

    def _prepare_opening_move_vals(self, category, opening_layers):
        value_by_product = defaultdict(float)
        for layer in opening_layers:
            value_by_product[layer.product_id] += layer.value
        line_vals_list = []
        for product, value in value_by_product.items():
            if not self.currency_id.is_zero(value):
                line_vals_list += self._prepare_opening_lines_vals(category, product, value)
        return {
            "move_type": "entry",
            "journal_id": category.property_stock_journal.id,
            "company_id": self.company_id.id,
            "date": self.date,
            "ref": self.env._("Opening inventory value of %(category)s", category=category.display_name),
            "line_ids": [Command.create(vals) for vals in line_vals_list],
        }

    def _prepare_opening_lines_vals(self, category, product, value):
        name = self.env._("Opening inventory value: %(product)s", product=product.display_name)
        return [
            {
                "name": name,
                "product_id": product.id,
                "account_id": category.property_stock_valuation_account_id.id,
                "balance": value,
            },
            {
                "name": name,
                "product_id": product.id,
                "account_id": self.counterpart_account_id.id,
                "balance": -value,
            },
        ]

    def _get_result_action(self, moves):
        if not moves:
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {
                    "type": "success",
                    "message": self.env._(
                        "The categories now use automated valuation. They had no stock "
                        "value, so no entry was posted."
                    ),
                    "next": {"type": "ir.actions.act_window_close"},
                },
            }
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Opening Inventory Entries"),
            "res_model": "account.move",
            "view_mode": "list,form",
            "domain": [("id", "in", moves.ids)],
            "context": {"create": False},
        }
