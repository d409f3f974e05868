from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError


class StockMove(models.Model):
    _inherit = "stock.move"

    variance_reason_id = fields.Many2one(
        "stock.variance.reason",
        string="Variance Reason",
        readonly=True,
        index="btree_not_null",
        help="Set on count adjustments and write-offs: their entry posts on the reason's account.",
    )

    def _books_perpetual_cogs(self):
        """True for a valued move to or from a customer in a company that books COGS at delivery."""
        self.ensure_one()
        return (
            self.company_id._books_cogs_at_delivery()
            and "customer" in (self.location_id.usage, self.location_dest_id.usage)
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
            raise UserError(_(
                "Set the adjustment account of the variance reason %(reason)s for %(company)s.",
                reason=self.variance_reason_id.name,
                company=self.company_id.name,
            ))
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
                raise UserError(_(
                    "Set an expense (cost of goods sold) account on the product category "
                    "%(category)s: %(company)s books COGS when goods are delivered.",
                    category=self.product_id.categ_id.display_name,
                    company=self.company_id.name,
                ))
            return accounts_data["expense"].id
        return super()._get_dest_account(accounts_data)

    def _generate_valuation_lines_data(
        self, partner_id, qty, debit_value, credit_value, debit_account_id, credit_account_id, svl_id, description
    ):
        lines = super()._generate_valuation_lines_data(
            partner_id, qty, debit_value, credit_value, debit_account_id, credit_account_id, svl_id, description
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
    def _create_count_adjustment(self, product, location, lot, difference, reason, description):
        """Book a counted difference (counted − expected, in the product's UoM) as a
        done inventory adjustment move whose entry posts on the reason's account."""
        inventory_location = product.with_company(location.company_id).property_stock_inventory
        source, destination = (
            (inventory_location, location) if difference > 0 else (location, inventory_location)
        )
        quantity = abs(difference)
        move = self.create({
            "name": description,
            "product_id": product.id,
            "product_uom": product.uom_id.id,
            "product_uom_qty": quantity,
            "company_id": location.company_id.id,
            "location_id": source.id,
            "location_dest_id": destination.id,
            "is_inventory": True,
            "picked": True,
            "variance_reason_id": reason.id,
            "move_line_ids": [Command.create({
                "product_id": product.id,
                "product_uom_id": product.uom_id.id,
                "quantity": quantity,
                "location_id": source.id,
                "location_dest_id": destination.id,
                "lot_id": lot.id,
                "company_id": location.company_id.id,
            })],
        })
        move._action_done()
        return move
