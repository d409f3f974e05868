from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError
from odoo.tests import Form, new_test_user, tagged

from odoo.addons.account.tests.common import AccountTestInvoicingCommon


@tagged("post_install", "-at_install")
class TestValuationConversion(AccountTestInvoicingCommon):
    """A store that kept manual (periodic) valuation converts its categories
    to automated valuation and books the opening stock value once."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.valuation_account = cls._create_account("Stock Valuation", "SV100", "asset_current")
        cls.input_account = cls._create_account("Stock Interim (Received)", "SI100", "asset_current")
        cls.output_account = cls._create_account("Stock Interim (Delivered)", "SO100", "asset_current")
        cls.cogs_account = cls._create_account("Cost of Goods Sold", "COGS100", "expense")
        cls.opening_account = cls._create_account("Opening Inventory Equity", "OPEN100", "equity")
        cls.stock_journal = cls.env["account.journal"].create(
            {
                "name": "Stock Valuation Test",
                "code": "STVT",
                "type": "general",
            }
        )
        cls.warehouse = cls.env["stock.warehouse"].search([("company_id", "=", cls.company.id)], limit=1)
        cls.date = fields.Date.today() - timedelta(days=3)
        # Converting is the accountant's job; no inventory rights needed.
        cls.accountant = new_test_user(
            cls.env,
            login="opening_accountant",
            groups="base.group_user,account.group_account_manager",
            company_id=cls.company.id,
            company_ids=[fields.Command.set(cls.company.ids)],
        )
        cls.fifo_category = cls._create_manual_category("Shelf FIFO", "fifo")
        cls.fifo_product = cls._create_storable("Shelf bracket", cls.fifo_category)

    # ---- set-up helpers ---------------------------------------------------

    @classmethod
    def _create_account(cls, name, code, account_type):
        return cls.env["account.account"].create(
            {
                "name": name,
                "code": code,
                "account_type": account_type,
            }
        )

    @classmethod
    def _create_manual_category(cls, name, cost_method):
        return cls.env["product.category"].create(
            {
                "name": name,
                "property_cost_method": cost_method,
                "property_valuation": "manual_periodic",
                "property_stock_valuation_account_id": cls.valuation_account.id,
                "property_stock_account_input_categ_id": cls.input_account.id,
                "property_stock_account_output_categ_id": cls.output_account.id,
                "property_account_expense_categ_id": cls.cogs_account.id,
                "property_stock_journal": cls.stock_journal.id,
            }
        )

    @classmethod
    def _create_storable(cls, name, category):
        return cls.env["product.product"].create(
            {
                "name": name,
                "is_storable": True,
                "categ_id": category.id,
            }
        )

    @classmethod
    def _move_stock(cls, product, quantity, price_unit, source, destination):
        move = cls.env["stock.move"].create(
            {
                "name": product.name,
                "product_id": product.id,
                "product_uom": product.uom_id.id,
                "product_uom_qty": quantity,
                "price_unit": price_unit,
                "location_id": source.id,
                "location_dest_id": destination.id,
            }
        )
        move._action_confirm()
        move.quantity = quantity
        move.picked = True
        move._action_done()
        return move

    @classmethod
    def _receive(cls, product, quantity, price_unit):
        supplier = cls.env.ref("stock.stock_location_suppliers")
        return cls._move_stock(product, quantity, price_unit, supplier, cls.warehouse.lot_stock_id)

    @classmethod
    def _deliver(cls, product, quantity):
        customer = cls.env.ref("stock.stock_location_customers")
        return cls._move_stock(product, quantity, 0.0, cls.warehouse.lot_stock_id, customer)

    def _open_wizard(self, categories, **values):
        return (
            self.env["stock.valuation.conversion.wizard"]
            .with_user(self.accountant)
            .create(
                {
                    "category_ids": [fields.Command.set(categories.ids)],
                    "counterpart_account_id": self.opening_account.id,
                    "date": self.date,
                    **values,
                }
            )
        )

    def _debit_credit_by_account(self, move):
        result = {}
        for line in move.line_ids:
            debit, credit = result.get(line.account_id, (0.0, 0.0))
            result[line.account_id] = (debit + line.debit, credit + line.credit)
        return result

    def _account_balance(self, account):
        lines = self.env["account.move.line"].search(
            [
                ("account_id", "=", account.id),
                ("parent_state", "=", "posted"),
            ]
        )
        return sum(lines.mapped("balance"))

    def _assert_nothing_posted(self, wizard, error_text):
        moves_before = self.env["account.move"].search_count([])
        layers_before = self.env["stock.valuation.layer"].search_count([])
        with self.assertRaisesRegex(UserError, error_text):
            wizard.action_convert()
        self.assertEqual(self.env["account.move"].search_count([]), moves_before)
        self.assertEqual(self.env["stock.valuation.layer"].search_count([]), layers_before)

    # ---- the story ------------------------------------------------------------

    def test_convert_fifo_category_books_one_opening_entry(self):
        self._receive(self.fifo_product, 10, 4.0)
        moves_before = self.env["account.move"].search_count([])
        wizard = self._open_wizard(self.fifo_category)

        product_line, total_line = wizard.line_ids
        self.assertEqual(product_line.product_id, self.fifo_product)
        self.assertEqual(product_line.quantity, 10.0)
        self.assertEqual(product_line.value, 40.0)
        self.assertFalse(total_line.product_id)
        self.assertEqual(total_line.category_id, self.fifo_category)
        self.assertEqual(total_line.value, 40.0)
        self.assertEqual(wizard.total_value, 40.0)

        wizard.action_convert()

        move = self.fifo_category.valuation_conversion_move_id
        self.assertEqual(self.env["account.move"].search_count([]), moves_before + 1)
        self.assertEqual(self.fifo_category.property_valuation, "real_time")
        self.assertEqual(move.state, "posted")
        self.assertEqual(move.date, self.date)
        self.assertEqual(move.journal_id, self.stock_journal)
        self.assertEqual(
            self._debit_credit_by_account(move),
            {
                self.valuation_account: (40.0, 0.0),
                self.opening_account: (0.0, 40.0),
            },
        )
        self.assertEqual(self._account_balance(self.input_account), 0.0)
        self.assertEqual(self._account_balance(self.valuation_account), 40.0)
        self.assertEqual(self.fifo_product.value_svl, 40.0)
        self.assertEqual(self.fifo_product.quantity_svl, 10.0)
        self.assertEqual(move.stock_valuation_layer_ids.mapped("quantity"), [10.0])
        self.assertEqual(move.stock_valuation_layer_ids.mapped("value"), [40.0])

    def test_fifo_layers_keep_their_cost(self):
        self._receive(self.fifo_product, 10, 4.0)
        self._receive(self.fifo_product, 5, 6.0)

        self._open_wizard(self.fifo_category).action_convert()

        move = self.fifo_category.valuation_conversion_move_id
        self.assertEqual(
            self._debit_credit_by_account(move),
            {
                self.valuation_account: (70.0, 0.0),
                self.opening_account: (0.0, 70.0),
            },
        )
        opening_layers = move.stock_valuation_layer_ids.sorted("id")
        self.assertEqual(opening_layers.mapped("remaining_qty"), [10.0, 5.0])
        self.assertEqual(opening_layers.mapped("remaining_value"), [40.0, 30.0])
        # A later delivery of 12 units still costs 10 x 4.00 + 2 x 6.00.
        delivery = self._deliver(self.fifo_product, 12)
        self.assertEqual(delivery.stock_valuation_layer_ids.value, -52.0)

    def test_convert_avco_category(self):
        avco_category = self._create_manual_category("Shelf AVCO", "average")
        product = self._create_storable("Shelf board", avco_category)
        self._receive(product, 10, 4.0)
        self._receive(product, 10, 5.0)

        self._open_wizard(avco_category).action_convert()

        move = avco_category.valuation_conversion_move_id
        self.assertEqual(
            self._debit_credit_by_account(move),
            {
                self.valuation_account: (90.0, 0.0),
                self.opening_account: (0.0, 90.0),
            },
        )
        self.assertEqual(product.value_svl, 90.0)
        self.assertEqual(product.quantity_svl, 20.0)
        self.assertEqual(product.standard_price, 4.5)
        self.assertEqual(self._account_balance(self.input_account), 0.0)

    def test_zero_stock_category_converts_without_entry(self):
        empty_category = self._create_manual_category("Empty shelf", "fifo")
        self._create_storable("Never received", empty_category)
        self._receive(self.fifo_product, 10, 4.0)
        wizard = self._open_wizard(self.fifo_category | empty_category)

        empty_total = wizard.line_ids.filtered(lambda line: line.category_id == empty_category)
        self.assertEqual(empty_total.value, 0.0)
        self.assertEqual(empty_total.note, "No stock value: converted without an entry")
        self.assertEqual(wizard.total_value, 40.0)

        moves_before = self.env["account.move"].search_count([])
        wizard.action_convert()

        self.assertEqual(empty_category.property_valuation, "real_time")
        self.assertFalse(empty_category.valuation_conversion_move_id)
        self.assertEqual(self.env["account.move"].search_count([]), moves_before + 1)

    def test_stock_without_layers_is_valued_at_cost(self):
        # Quantities put straight into quants (an import, or stock from before valuation)
        # have no valuation layer: the conversion values them at the product's cost.
        avco_category = self._create_manual_category("Imported shelf", "average")
        imported = self._create_storable("Imported crate", avco_category)
        imported.standard_price = 2.5
        self.env["stock.quant"]._update_available_quantity(imported, self.warehouse.lot_stock_id, 8)
        self._receive(self.fifo_product, 10, 4.0)
        self.env["stock.quant"]._update_available_quantity(self.fifo_product, self.warehouse.lot_stock_id, 3)
        self.fifo_product.standard_price = 5.0
        self.env.invalidate_all()
        self.assertEqual((imported.quantity_svl, imported.qty_available), (0.0, 8.0))

        wizard = self._open_wizard(avco_category | self.fifo_category)
        imported_line = wizard.line_ids.filtered(lambda line: line.product_id == imported)
        self.assertEqual((imported_line.quantity, imported_line.value), (8.0, 20.0))
        self.assertEqual(imported_line.note, "8.0 on hand without valuation layers: valued at cost")
        fifo_line = wizard.line_ids.filtered(lambda line: line.product_id == self.fifo_product)
        self.assertEqual((fifo_line.quantity, fifo_line.value), (13.0, 55.0))
        self.assertEqual(wizard.total_value, 75.0)

        wizard.action_convert()

        self.assertEqual(
            self._debit_credit_by_account(avco_category.valuation_conversion_move_id),
            {self.valuation_account: (20.0, 0.0), self.opening_account: (0.0, 20.0)},
        )
        self.assertEqual(
            self._debit_credit_by_account(self.fifo_category.valuation_conversion_move_id),
            {self.valuation_account: (55.0, 0.0), self.opening_account: (0.0, 55.0)},
        )
        self.assertEqual((imported.quantity_svl, imported.value_svl), (8.0, 20.0))
        self.assertEqual((self.fifo_product.quantity_svl, self.fifo_product.value_svl), (13.0, 55.0))
        self.assertEqual(self._account_balance(self.valuation_account), 75.0)
        # FIFO keeps the received layer's cost first, then the stock valued at cost.
        delivery = self._deliver(self.fifo_product, 12)
        self.assertEqual(delivery.stock_valuation_layer_ids.value, -50.0)

    def test_wizard_opens_with_the_selected_categories(self):
        form = Form(
            self.env["stock.valuation.conversion.wizard"]
            .with_user(self.accountant)
            .with_context(active_model="product.category", active_ids=self.fifo_category.ids)
        )
        self.assertEqual(form.category_ids[:], self.fifo_category)
        self.assertEqual(form.date, fields.Date.context_today(self.fifo_category))

    # ---- bad input: a clear error, nothing posted, nothing changed --------------

    def test_converting_twice_is_refused(self):
        self._receive(self.fifo_product, 10, 4.0)
        self._open_wizard(self.fifo_category).action_convert()

        self._assert_nothing_posted(self._open_wizard(self.fifo_category), "cannot be converted twice")

    def test_no_counterpart_account_is_refused(self):
        self._receive(self.fifo_product, 10, 4.0)
        wizard = self._open_wizard(self.fifo_category, counterpart_account_id=False)

        self._assert_nothing_posted(wizard, "Choose the account to credit")
        self.assertEqual(self.fifo_category.property_valuation, "manual_periodic")

    def test_no_category_is_refused(self):
        wizard = self._open_wizard(self.env["product.category"])

        self._assert_nothing_posted(wizard, "Choose at least one product category")

    def test_future_date_is_refused(self):
        self._receive(self.fifo_product, 10, 4.0)
        wizard = self._open_wizard(self.fifo_category, date=fields.Date.today() + timedelta(days=1))

        self._assert_nothing_posted(wizard, "cannot be dated in the future")
        self.assertEqual(self.fifo_category.property_valuation, "manual_periodic")

    def test_locked_date_is_refused(self):
        self._receive(self.fifo_product, 10, 4.0)
        self.company.sudo().fiscalyear_lock_date = self.date

        self._assert_nothing_posted(self._open_wizard(self.fifo_category), "locked period")

    def test_category_without_accounts_is_refused(self):
        bare_category = self._create_manual_category("Bare shelf", "fifo")
        bare_category.property_stock_account_input_categ_id = False
        bare_category.property_stock_journal = False
        self._receive(self._create_storable("Loose hook", bare_category), 10, 4.0)

        self._assert_nothing_posted(
            self._open_wizard(self.fifo_category | bare_category),
            r"Set Stock Input Account, Stock Journal on the category Bare shelf",
        )
        self.assertEqual(self.fifo_category.property_valuation, "manual_periodic")
        self.assertEqual(bare_category.property_valuation, "manual_periodic")

    def test_valuation_account_as_counterpart_is_refused(self):
        self._receive(self.fifo_product, 10, 4.0)
        wizard = self._open_wizard(self.fifo_category, counterpart_account_id=self.valuation_account.id)

        self._assert_nothing_posted(wizard, "cannot be the stock valuation account")

    def test_negative_stock_is_refused(self):
        self._deliver(self.fifo_product, 3)

        self._assert_nothing_posted(self._open_wizard(self.fifo_category), "has a negative stock")
