from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import PerpetualCogsCommon


@tagged("post_install", "-at_install")
class TestCogsAtDelivery(PerpetualCogsCommon):
    """COGS is booked when goods leave, at the cost of the layers they consume."""

    def _code(self, key):
        return self.company_data[key].code

    def test_new_company_books_cogs_at_delivery_and_pos_in_real_time(self):
        company = self.company_data["company"]
        self.assertEqual(company.cogs_recognition, "delivery")
        self.assertEqual(company.point_of_sale_update_stock_quantities, "real")

    def test_fifo_delivery_spanning_two_layers_then_invoice_then_partial_return(self):
        self._receive(self.fifo_product, 10, 5.0)
        self._receive(self.fifo_product, 10, 7.0)

        delivery = self._deliver(self.fifo_product, 15)

        # 10 × 5.00 + 5 × 7.00, from the two layers consumed.
        self.assertEntry(delivery.move_ids.account_move_ids, {"COGS": (85.0, 0.0), "STOCKVAL": (0.0, 85.0)})
        self.assertPerpetualInvariant()

        invoice = self._invoice(self.fifo_product, 15, 20.0)
        self.assertEntry(
            invoice,
            {
                self._code("default_account_receivable"): (300.0, 0.0),
                self._code("revenue"): (0.0, 300.0),
            },
        )
        self.assertFalse(invoice.line_ids.filtered(lambda line: line.display_type == "cogs"))
        self.assertEqual(self._balance(self.company_data["cogs"]), 85.0)

        returned = self._return(delivery, 3)

        # 3 × (85.00 / 15): the unit cost the delivery used.
        self.assertEntry(returned.move_ids.account_move_ids, {"STOCKVAL": (17.0, 0.0), "COGS": (0.0, 17.0)})
        self.assertEqual(self._balance(self.company_data["cogs"]), 68.0)
        self.assertEqual(self._balance(self.company_data["default_account_stock_valuation"]), 52.0)
        self.assertPerpetualInvariant()

    def test_avco_delivery_at_average_cost(self):
        self._receive(self.avco_product, 10, 5.0)
        self._receive(self.avco_product, 10, 8.0)

        delivery = self._deliver(self.avco_product, 4)

        # 4 × 6.50, the average of 10 × 5.00 and 10 × 8.00.
        self.assertEntry(delivery.move_ids.account_move_ids, {"COGS": (26.0, 0.0), "STOCKVAL": (0.0, 26.0)})
        self.assertPerpetualInvariant()

    def test_standard_cost_delivery(self):
        self._receive(self.standard_product, 5, 9.0)

        delivery = self._deliver(self.standard_product, 2)

        self.assertEntry(delivery.move_ids.account_move_ids, {"COGS": (18.0, 0.0), "STOCKVAL": (0.0, 18.0)})
        self.assertPerpetualInvariant()

    def test_invoice_before_delivery(self):
        self._receive(self.fifo_product, 10, 4.0)

        invoice = self._invoice(self.fifo_product, 6, 20.0)

        self.assertEntry(
            invoice,
            {
                self._code("default_account_receivable"): (120.0, 0.0),
                self._code("revenue"): (0.0, 120.0),
            },
        )
        self.assertEqual(self._balance(self.company_data["cogs"]), 0.0)

        delivery = self._deliver(self.fifo_product, 6)

        self.assertEntry(delivery.move_ids.account_move_ids, {"COGS": (24.0, 0.0), "STOCKVAL": (0.0, 24.0)})
        self.assertEqual(self._balance(self.company_data["cogs"]), 24.0)
        self.assertPerpetualInvariant()

    def test_partial_delivery_with_backorder(self):
        self._receive(self.fifo_product, 10, 3.0)

        first = self._deliver(self.fifo_product, 8, done_qty=5)

        self.assertEntry(first.move_ids.account_move_ids, {"COGS": (15.0, 0.0), "STOCKVAL": (0.0, 15.0)})
        backorder = first.backorder_ids
        self.assertEqual(backorder.move_ids.product_uom_qty, 3)
        backorder.move_ids.quantity = 3
        backorder.move_ids.picked = True
        backorder.button_validate()
        self.assertEntry(backorder.move_ids.account_move_ids, {"COGS": (9.0, 0.0), "STOCKVAL": (0.0, 9.0)})
        self.assertEqual(self._balance(self.company_data["cogs"]), 24.0)
        self.assertPerpetualInvariant()

    def test_negative_stock_then_receipt(self):
        product = self._create_stock_product("Green Tea", "fifo", self.company_data, cost=10.0)

        delivery = self._deliver(product, 5)

        # Nothing on hand: valued at the product cost, 5 × 10.00.
        self.assertEntry(delivery.move_ids.account_move_ids, {"COGS": (50.0, 0.0), "STOCKVAL": (0.0, 50.0)})

        self._receive(product, 5, 12.0)

        # The receipt settles the negative layer at its real cost: 5 × 2.00 more COGS.
        self.assertEntry(delivery.move_ids.account_move_ids, {"COGS": (60.0, 0.0), "STOCKVAL": (0.0, 60.0)})
        self.assertEqual(self._balance(self.company_data["cogs"]), 60.0)
        self.assertEqual(self._balance(self.company_data["default_account_stock_valuation"]), 0.0)
        self.assertPerpetualInvariant()

    def test_entry_is_linked_to_move_and_layer_and_carries_quantity_and_unit_cost(self):
        self._receive(self.fifo_product, 10, 5.0)
        self._receive(self.fifo_product, 10, 7.0)

        move = self._deliver(self.fifo_product, 15).move_ids
        entry = move.account_move_ids

        self.assertEqual(len(entry), 1)
        self.assertEqual(entry.stock_move_id, move)
        self.assertEqual(entry.stock_valuation_layer_ids, move.stock_valuation_layer_ids)
        self.assertEqual(entry.date, fields.Date.context_today(entry))
        for line in entry.line_ids:
            self.assertEqual(line.product_id, self.fifo_product)
            self.assertEqual(line.quantity, -15)  # goods leaving
            self.assertAlmostEqual(line.stock_unit_cost, 85.0 / 15, places=2)
        cogs_line = entry.line_ids.filtered("cogs_source")
        self.assertEqual(cogs_line.account_id, self.company_data["cogs"])
        self.assertEqual(cogs_line.cogs_source, "delivery")
        self.assertEqual(entry.action_open_stock_move()["res_id"], move.id)
        self.assertEqual(
            entry.action_open_stock_valuation_layers()["domain"],
            [("id", "in", move.stock_valuation_layer_ids.ids)],
        )
        self.assertEqual(move.action_open_journal_entries()["domain"], [("id", "in", entry.ids)])

    def test_cogs_review_rows_by_source(self):
        self._receive(self.fifo_product, 10, 5.0)
        delivery = self._deliver(self.fifo_product, 4)
        self._return(delivery, 1)

        rows = self.env["stock.cogs.report"].search([("product_id", "=", self.fifo_product.id)], order="id")

        self.assertEqual(
            [(row.source, row.quantity, row.value, row.unit_cost) for row in rows],
            [("delivery", 4.0, 20.0, 5.0), ("return", -1.0, -5.0, 5.0)],
        )
        self.assertEqual(rows[0].picking_id, delivery)
        self.assertEqual(rows[0].categ_id, self.company_data["categories"]["fifo"])
        self.assertEqual(rows[0].action_open_stock_move()["res_id"], delivery.move_ids.id)

    def test_at_invoice_restores_odoo_standard(self):
        self.company_data["company"].cogs_recognition = "invoice"
        self._receive(self.fifo_product, 10, 5.0)

        delivery = self._deliver(self.fifo_product, 4)

        self.assertEntry(
            delivery.move_ids.account_move_ids, {"STOCKOUT": (20.0, 0.0), "STOCKVAL": (0.0, 20.0)}
        )
        self.assertFalse(delivery.move_ids.account_move_ids.line_ids.filtered("cogs_source"))

        invoice = self._invoice(self.fifo_product, 4, 20.0)

        self.assertEntry(
            invoice,
            {
                self._code("default_account_receivable"): (80.0, 0.0),
                self._code("revenue"): (0.0, 80.0),
                "COGS": (20.0, 0.0),
                "STOCKOUT": (0.0, 20.0),
            },
        )
        self.assertEqual(self._balance(self.company_data["default_account_stock_out"]), 0.0)

    def test_pos_at_closing_is_refused_while_cogs_is_booked_at_delivery(self):
        company = self.company_data["company"]
        with self.assertRaises(ValidationError):
            with self.env.cr.savepoint():
                company.point_of_sale_update_stock_quantities = "closing"
        company.invalidate_recordset()
        self.assertEqual(company.point_of_sale_update_stock_quantities, "real")
        # Back to Odoo's flow the POS may update at closing; switching back forces real time.
        company.write({"cogs_recognition": "invoice", "point_of_sale_update_stock_quantities": "closing"})
        company.cogs_recognition = "delivery"
        self.assertEqual(company.point_of_sale_update_stock_quantities, "real")

    def test_missing_cogs_account_is_a_clear_error_and_nothing_moves(self):
        category = self.company_data["categories"]["fifo"]
        self._receive(self.fifo_product, 2, 5.0)
        category.property_account_expense_categ_id = False
        self.fifo_product.property_account_expense_id = False
        entries_before = self.env["account.move"].search_count([])
        with self.assertRaisesRegex(Exception, "cost of goods sold"):
            with self.env.cr.savepoint():
                self._deliver(self.fifo_product, 1)
        self.assertEqual(self.env["account.move"].search_count([]), entries_before)
        self.assertEqual(self.fifo_product.qty_available, 2)


@tagged("post_install", "-at_install")
class TestCogsSecondCompany(PerpetualCogsCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_data_2 = cls.setup_other_company()
        cls._setup_company_stock(cls.company_data_2)
        cls.product_2 = cls._create_stock_product("Honey", "fifo", cls.company_data_2)

    def test_each_company_books_in_its_own_accounts_by_its_own_setting(self):
        self.company_data_2["company"].cogs_recognition = "invoice"
        self._receive(self.fifo_product, 4, 10.0)
        self._receive(self.product_2, 4, 10.0, company_data=self.company_data_2)

        delivery_1 = self._deliver(self.fifo_product, 1)
        delivery_2 = self._deliver(self.product_2, 1, company_data=self.company_data_2)

        entry_1 = delivery_1.move_ids.account_move_ids
        entry_2 = delivery_2.move_ids.account_move_ids
        self.assertEntry(entry_1, {"COGS": (10.0, 0.0), "STOCKVAL": (0.0, 10.0)})
        self.assertEqual(
            entry_1.line_ids.account_id,
            self.company_data["cogs"] | self.company_data["default_account_stock_valuation"],
        )
        self.assertEntry(entry_2, {"STOCKOUT": (10.0, 0.0), "STOCKVAL": (0.0, 10.0)})
        self.assertEqual(entry_2.company_id, self.company_data_2["company"])
        self.assertEqual(
            entry_2.line_ids.account_id,
            self.company_data_2["default_account_stock_out"]
            | self.company_data_2["default_account_stock_valuation"],
        )
        self.assertPerpetualInvariant()

    def test_second_company_perpetual_delivery_and_return(self):
        self._receive(self.product_2, 4, 10.0, company_data=self.company_data_2)
        self._receive(self.product_2, 4, 13.0, company_data=self.company_data_2)

        delivery = self._deliver(self.product_2, 6, company_data=self.company_data_2)

        entry = delivery.move_ids.account_move_ids
        self.assertEntry(entry, {"COGS": (66.0, 0.0), "STOCKVAL": (0.0, 66.0)})
        self.assertEqual(
            entry.line_ids.account_id,
            self.company_data_2["cogs"] | self.company_data_2["default_account_stock_valuation"],
        )
        returned = self._return(delivery, 2)
        self.assertEntry(returned.move_ids.account_move_ids, {"STOCKVAL": (22.0, 0.0), "COGS": (0.0, 22.0)})
        self.assertPerpetualInvariant(self.company_data_2)
