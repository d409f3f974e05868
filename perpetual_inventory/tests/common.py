from odoo import Command

from odoo.addons.stock_account.tests.test_anglo_saxon_valuation_reconciliation_common import (
    ValuationReconciliationTestCommon,
)


class PerpetualCogsCommon(ValuationReconciliationTestCommon):
    """A fresh company with automated valuation, and the stories' building blocks.

    Accounts per company: STOCKVAL (inventory valuation), STOCKIN/STOCKOUT
    (interim), and a COGS expense account set on the categories.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create({"name": "Corner Café"})
        cls.vendor = cls.env["res.partner"].create({"name": "FreshFood Wholesale"})
        cls._setup_company_stock(cls.company_data)
        cls.fifo_product = cls._create_stock_product("Espresso Beans", "fifo", cls.company_data)
        cls.avco_product = cls._create_stock_product("Dish Soap", "average", cls.company_data)
        cls.standard_product = cls._create_stock_product("Sea Salt", "standard", cls.company_data, cost=9.0)

    @classmethod
    def _setup_company_stock(cls, company_data):
        company = company_data["company"]
        company_data["cogs"] = (
            cls.env["account.account"]
            .with_company(company)
            .create(
                {
                    "name": "Cost of Goods Sold (perpetual)",
                    "code": "COGS",
                    "account_type": "expense_direct_cost",
                }
            )
        )
        company_data["revenue"] = company_data["default_account_revenue"]
        company_data["categories"] = {}
        for cost_method in ("fifo", "average", "standard"):
            company_data["categories"][cost_method] = (
                cls.env["product.category"]
                .with_company(company)
                .create(
                    {
                        "name": f"Automated {cost_method} ({company.name})",
                        "property_cost_method": cost_method,
                        "property_valuation": "real_time",
                        "property_stock_valuation_account_id": company_data[
                            "default_account_stock_valuation"
                        ].id,
                        "property_stock_account_input_categ_id": company_data["default_account_stock_in"].id,
                        "property_stock_account_output_categ_id": company_data[
                            "default_account_stock_out"
                        ].id,
                        "property_account_expense_categ_id": company_data["cogs"].id,
                        "property_account_income_categ_id": company_data["revenue"].id,
                    }
                )
            )

    @classmethod
    def _create_user(cls, name, login, group_xmlid, company_data=None):
        company = (company_data or cls.company_data)["company"]
        return cls.env["res.users"].create(
            {
                "name": name,
                "login": login,
                "email": f"{login}@example.com",
                "company_id": company.id,
                "company_ids": [Command.set(company.ids)],
                "groups_id": [Command.set(cls.env.ref(group_xmlid).ids)],
            }
        )

    @classmethod
    def _create_stock_product(cls, name, cost_method, company_data, cost=0.0):
        return (
            cls.env["product.product"]
            .with_company(company_data["company"])
            .create(
                {
                    "name": name,
                    "is_storable": True,
                    "categ_id": company_data["categories"][cost_method].id,
                    "standard_price": cost,
                    "lst_price": 20.0,
                    "taxes_id": [Command.clear()],
                    "company_id": company_data["company"].id,
                }
            )
        )

    # Stock movements -------------------------------------------------------

    def _company_env(self, company):
        return self.env(context=dict(self.env.context, allowed_company_ids=[company.id]))

    def _transfer(self, product, qty, picking_type, source, destination, price_unit=0.0, done_qty=None):
        """Create and validate a one-line transfer; ``done_qty`` below ``qty`` leaves a backorder."""
        env = self._company_env(picking_type.company_id)
        picking = env["stock.picking"].create(
            {
                "picking_type_id": picking_type.id,
                "partner_id": (self.vendor if source.usage == "supplier" else self.customer).id,
                "location_id": source.id,
                "location_dest_id": destination.id,
                "move_ids": [
                    Command.create(
                        {
                            "name": product.name,
                            "product_id": product.id,
                            "product_uom_qty": qty,
                            "product_uom": product.uom_id.id,
                            "location_id": source.id,
                            "location_dest_id": destination.id,
                            "price_unit": price_unit,
                        }
                    )
                ],
            }
        )
        picking.action_confirm()
        picking.action_assign()
        picking.move_ids.quantity = qty if done_qty is None else done_qty
        picking.move_ids.picked = True
        action = picking.button_validate()
        if isinstance(action, dict):  # backorder wizard
            wizard = env[action["res_model"]].with_context(**action["context"]).create({})
            wizard.process()
        return picking

    def _receive(self, product, qty, price_unit, company_data=None):
        warehouse = (company_data or self.company_data)["default_warehouse"]
        return self._transfer(
            product,
            qty,
            warehouse.in_type_id,
            self.env.ref("stock.stock_location_suppliers"),
            warehouse.lot_stock_id,
            price_unit=price_unit,
        )

    def _deliver(self, product, qty, company_data=None, done_qty=None):
        warehouse = (company_data or self.company_data)["default_warehouse"]
        return self._transfer(
            product,
            qty,
            warehouse.out_type_id,
            warehouse.lot_stock_id,
            self.env.ref("stock.stock_location_customers"),
            done_qty=done_qty,
        )

    def _return(self, picking, qty):
        env = self._company_env(picking.company_id)
        wizard = (
            env["stock.return.picking"]
            .with_context(active_id=picking.id, active_model="stock.picking")
            .create({"picking_id": picking.id})
        )
        wizard.product_return_moves.quantity = qty
        action = wizard.action_create_returns()
        returned = env["stock.picking"].browse(action["res_id"])
        returned.move_ids.quantity = qty
        returned.move_ids.picked = True
        returned.button_validate()
        return returned

    def _invoice(self, product, qty, price_unit, company_data=None):
        company_data = company_data or self.company_data
        invoice = (
            self.env["account.move"]
            .with_company(company_data["company"])
            .create(
                {
                    "move_type": "out_invoice",
                    "partner_id": self.customer.id,
                    "invoice_date": "2026-01-01",
                    "journal_id": company_data["default_journal_sale"].id,
                    "invoice_line_ids": [
                        Command.create(
                            {
                                "product_id": product.id,
                                "quantity": qty,
                                "price_unit": price_unit,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                }
            )
        )
        invoice.action_post()
        return invoice

    # Assertions -----------------------------------------------------------

    def _entry_amounts(self, entries):
        """{account code: (debit, credit)} summed over the entries' lines."""
        amounts = {}
        for line in entries.sudo().line_ids:
            debit, credit = amounts.get(line.account_id.code, (0.0, 0.0))
            amounts[line.account_id.code] = (round(debit + line.debit, 2), round(credit + line.credit, 2))
        return amounts

    def assertEntry(self, entries, expected):
        """``expected``: {account code: (debit, credit)} for exactly these accounts."""
        self.assertEqual(set(entries.sudo().mapped("state")), {"posted"})
        self.assertEqual(self._entry_amounts(entries), expected)

    def _balance(self, account):
        lines = (
            self.env["account.move.line"]
            .sudo()
            .search(
                [
                    ("account_id", "=", account.id),
                    ("parent_state", "=", "posted"),
                ]
            )
        )
        return round(sum(lines.mapped("balance")), 2)

    def _layer_value(self, company_data=None):
        company = (company_data or self.company_data)["company"]
        layers = self.env["stock.valuation.layer"].sudo().search([("company_id", "=", company.id)])
        return round(sum(layers.mapped("value")), 2)

    def assertPerpetualInvariant(self, company_data=None):
        """GL valuation balance = layers' value; the stock output account is clear."""
        company_data = company_data or self.company_data
        self.assertEqual(
            self._balance(company_data["default_account_stock_valuation"]), self._layer_value(company_data)
        )
        self.assertEqual(self._balance(company_data["default_account_stock_out"]), 0.0)
