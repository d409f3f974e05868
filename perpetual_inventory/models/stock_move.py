from odoo import _, models
from odoo.exceptions import UserError


class StockMove(models.Model):
    _inherit = "stock.move"

    def _books_perpetual_cogs(self):
        """True for a valued move to or from a customer in a company that books COGS at delivery."""
        self.ensure_one()
        return (
            self.company_id._books_cogs_at_delivery()
            and "customer" in (self.location_id.usage, self.location_dest_id.usage)
        )

    def _cogs_source(self):
        # POS pickings are linked to their order only after validation:
        # pos.order marks its COGS lines afterwards.
        self.ensure_one()
        return "return" if self.location_id.usage == "customer" else "delivery"

    def _get_dest_account(self, accounts_data):
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
