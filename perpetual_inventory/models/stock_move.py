from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_is_zero


class StockMove(models.Model):
    _inherit = "stock.move"

    variance_reason_id = fields.Many2one(
        "stock.variance.reason",
        readonly=True,
        index="btree_not_null",
        help="Set on count adjustments and write-offs: their entry posts on the reason's account.",
    )
    count_line_id = fields.Many2one(
        "stock.count.line",
        readonly=True,
        index="btree_not_null",
        help="The count line whose difference this inventory adjustment books.",
    )
    company_currency_id = fields.Many2one(related="company_id.currency_id", string="Company Currency")
    valuation_value = fields.Monetary(
        string="Value",
        compute="_compute_valuation_value",
        currency_field="company_currency_id",
        help="Sum of the move's valuation layers: what it added to (or took from) the stock value.",
    )

    def _compute_valuation_value(self):
        # Accountants read a move's value without the stock managers' right on layers.
        groups = (
            self.env["stock.valuation.layer"]
            .sudo()
            ._read_group([("stock_move_id", "in", self.ids)], ["stock_move_id"], ["value:sum"])
        )
        values = {move.id: value for move, value in groups}
        for move in self:
            move.valuation_value = values.get(move.id, 0.0)

    def _books_perpetual_cogs(self):
        """True for a valued move to or from a customer in a company that books COGS at delivery."""
        self.ensure_one()
        return self.company_id._books_cogs_at_delivery() and "customer" in (
            self.location_id.usage,
            self.location_dest_id.usage,
        )

    def _cogs_source(self):
        # POS pickings are linked to their order only after validation:
        # pos.order says so in the context while it creates them.
        self.ensure_one()
        if self.env.context.get("perpetual_cogs_source"):
            return self.env.context["perpetual_cogs_source"]
        return "return" if self.location_id.usage == "customer" else "delivery"

    def _variance_account(self):
        self.ensure_one()
        account = self.variance_reason_id.with_company(self.company_id).account_id
        if not account:
            raise UserError(
                _(
                    "Set the adjustment account of the variance reason %(reason)s for %(company)s.",
                    reason=self.variance_reason_id.name,
                    company=self.company_id.name,
                )
            )
        return account.id

    def _get_src_account(self, accounts_data):
        if self.variance_reason_id:
            return self._variance_account()
        return super()._get_src_account(accounts_data)

    def _get_dest_account(self, accounts_data):
        if self.variance_reason_id:
            return self._variance_account()
        # Stock leaving for a customer (or coming back) hits COGS directly,
        # instead of parking on the stock output account until the invoice.
        if self._books_perpetual_cogs():
            if not accounts_data.get("expense"):
                raise UserError(
                    _(
                        "Set an expense (cost of goods sold) account on the product category "
                        "%(category)s: %(company)s books COGS when goods are delivered.",
                        category=self.product_id.categ_id.display_name,
                        company=self.company_id.name,
                    )
                )
            return accounts_data["expense"].id
        return super()._get_dest_account(accounts_data)

    def _generate_valuation_lines_data(
        self,
        partner_id,
        qty,
        debit_value,
        credit_value,
        debit_account_id,
        credit_account_id,
        svl_id,
        description,
    ):
        lines = super()._generate_valuation_lines_data(
            partner_id,
            qty,
            debit_value,
            credit_value,
            debit_account_id,
            credit_account_id,
            svl_id,
            description,
        )
        unit_cost = abs(debit_value / qty) if qty else 0.0
        for line_vals in lines.values():
            line_vals["stock_unit_cost"] = unit_cost
        if self._books_perpetual_cogs():
            # The COGS side is the debit of a delivery and the credit of a return.
            cogs_key = "debit_line_vals" if self._is_out() else "credit_line_vals"
            lines[cogs_key]["cogs_source"] = self._cogs_source()
        return lines

    def action_open_journal_entries(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Journal Entries"),
            "res_model": "account.move",
            "view_mode": "list,form",
            "domain": [("id", "in", self.account_move_ids.ids)],
        }

    @api.model
    def _create_count_adjustments(self, items, reason):
        """Book counted differences as done inventory adjustment moves, all in one batch.

        ``items``: dicts of product, location, lot, package, owner, difference (counted −
        expected, in the product's UoM), description, and optionally count_line_id and
        unit_cost (the approved cost a gain is valued at). A zero difference confirms the
        quantity, as Odoo's own count does. Returns the moves, in the order of ``items``."""
        self._prefetch_counted_quants(items)
        moves = self.create([self._prepare_count_adjustment_vals(item, reason) for item in items])
        # Their entries, one per valued move, are numbered in one write (account.move).
        batch = moves.with_context(
            perpetual_batch_numbering=self.env.context.get("perpetual_batch_numbering", True)
        )
        batch._action_done()
        return moves

    @api.model
    def _prefetch_counted_quants(self, items):
        """Odoo's own count books moves for quants it has already read; read the counted
        quants at once, so that reserving and updating each of them does not read it again."""
        product_ids = {item["product"].id for item in items}
        location_ids = {item["location"].id for item in items}
        self.env["stock.quant"].sudo().search(
            [
                ("product_id", "in", list(product_ids)),
                ("location_id", "in", list(location_ids)),
            ]
        ).fetch(
            [
                "product_id",
                "location_id",
                "lot_id",
                "package_id",
                "owner_id",
                "quantity",
                "reserved_quantity",
                "in_date",
                "company_id",
            ]
        )

    @api.model
    def _prepare_count_adjustment_vals(self, item, reason):
        product, location, difference = item["product"], item["location"], item["difference"]
        company = location.company_id
        inventory_location = product.with_company(company).property_stock_inventory
        quantity = abs(difference)
        is_gain = difference > 0
        source, destination = (inventory_location, location) if is_gain else (location, inventory_location)
        is_zero = float_is_zero(difference, precision_rounding=product.uom_id.rounding)
        vals = {
            "name": item["description"],
            "product_id": product.id,
            "product_uom": product.uom_id.id,
            "product_uom_qty": quantity,
            "company_id": company.id,
            "state": "confirmed",
            "location_id": source.id,
            "location_dest_id": destination.id,
            "restrict_partner_id": item["owner"].id,
            "is_inventory": True,
            "picked": True,
            "variance_reason_id": False if is_zero else reason.id,
            "count_line_id": item.get("count_line_id", False),
            "move_line_ids": [
                Command.create(
                    {
                        "product_id": product.id,
                        "product_uom_id": product.uom_id.id,
                        "quantity": quantity,
                        "location_id": source.id,
                        "location_dest_id": destination.id,
                        "lot_id": item["lot"].id,
                        "package_id": False if is_gain else item["package"].id,
                        "result_package_id": item["package"].id if is_gain else False,
                        "owner_id": item["owner"].id,
                        "company_id": company.id,
                    }
                )
            ],
        }
        if is_gain and item.get("unit_cost"):
            vals["price_unit"] = item["unit_cost"]
        return vals
