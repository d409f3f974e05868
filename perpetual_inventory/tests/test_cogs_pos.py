from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.point_of_sale.tests.common import TestPoSCommon

from .common import PerpetualCogsCommon


@tagged("post_install", "-at_install")
class TestCogsPos(TestPoSCommon, PerpetualCogsCommon):
    """A POS order books its COGS when paid; closing the session books none.

    Stock of Espresso Beans (FIFO, real time, COGS account "COGS", sold at 20.00
    without tax): 10 units received at 5.00, then 10 units at 7.00.
    """

    def setUp(self):
        super().setUp()
        self.config = self.basic_config
        self.product = self.fifo_product
        self._receive(self.product, 10, 5.0)
        self._receive(self.product, 10, 7.0)

    def _sync(self, order_data):
        """Send one order as the POS front end does; return the pos.order."""
        result = self.env["pos.order"].sync_from_ui([order_data])
        return self.env["pos.order"].browse([order["id"] for order in result["pos.order"]])

    def _close_session(self):
        session = self.pos_session
        cash = sum(
            session.order_ids.payment_ids.filtered(
                lambda payment: payment.payment_method_id == self.cash_pm1
            ).mapped("amount")
        )
        session.post_closing_cash_details(cash)
        session.close_session_from_ui()
        self.assertEqual(session.state, "closed")
        return session

    def _order_entries(self, order):
        return order.picking_ids.move_ids.account_move_ids

    def _cogs_lines(self, entries):
        return entries.line_ids.filtered(lambda line: line.account_id == self.company_data["cogs"])

    def test_paid_order_books_cogs_before_closing(self):
        self.open_new_session()

        order = self._sync(self.create_ui_order_data([(self.product, 12)]))

        # 10 × 5.00 + 2 × 7.00 from the two FIFO layers consumed; 8 × 7.00 left.
        self.assertEqual(self.pos_session.state, "opened")
        self.assertEqual(order.state, "paid")
        self.assertEqual(order.picking_ids.state, "done")
        entry = self._order_entries(order)
        self.assertEntry(entry, {"COGS": (64.0, 0.0), "STOCKVAL": (0.0, 64.0)})
        self.assertEqual(self._cogs_lines(entry).cogs_source, "pos")
        self.assertEqual(self._balance(self.company_data["cogs"]), 64.0)
        self.assertEqual(self._balance(self.company_data["default_account_stock_valuation"]), 56.0)
        self.assertPerpetualInvariant()

    def test_order_synced_twice_books_once(self):
        self.open_new_session()
        order_data = self.create_ui_order_data([(self.product, 12)])
        order = self._sync(order_data)
        entry = self._order_entries(order)

        # The front end retries: same uuid.
        self._sync(dict(order_data))

        self.assertEqual(self.env["pos.order"].search_count([("uuid", "=", order_data["uuid"])]), 1)
        self.assertEqual(self.pos_session.picking_ids, order.picking_ids)
        self.assertEqual(len(order.picking_ids), 1)
        self.assertEqual(self._order_entries(order), entry)
        self.assertEqual(self._balance(self.company_data["cogs"]), 64.0)
        self.assertPerpetualInvariant()

    def test_closing_the_session_books_no_more_cogs(self):
        self.open_new_session()
        self._sync(self.create_ui_order_data([(self.product, 12)]))

        session = self._close_session()

        # 12 × 20.00 of cash sales, and no COGS nor stock output line.
        self.assertEntry(
            session.move_id,
            {
                self.pos_receivable_cash.code: (240.0, 0.0),
                self.sales_account.code: (0.0, 240.0),
            },
        )
        self.assertEqual(self._balance(self.company_data["cogs"]), 64.0)
        self.assertEqual(self._balance(self.company_data["default_account_stock_valuation"]), 56.0)
        self.assertPerpetualInvariant()

    def test_the_order_entry_stays_booked_and_the_session_still_closes(self):
        self.open_new_session()
        order = self._sync(self.create_ui_order_data([(self.product, 12)]))
        entry = self._order_entries(order)

        for refused in (entry.button_draft, entry.button_cancel):
            with self.assertRaisesRegex(UserError, "refund of the Point of Sale order"):
                refused()

        self.assertEntry(entry, {"COGS": (64.0, 0.0), "STOCKVAL": (0.0, 64.0)})
        self._close_session()
        self.assertEqual(entry.state, "posted")
        self.assertPerpetualInvariant()

    def test_refund_returns_stock_at_the_cost_the_order_used(self):
        self.open_new_session()
        order = self._sync(self.create_ui_order_data([(self.product, 12)]))
        refund_data = self.create_ui_order_data(
            [
                {
                    "product": self.product,
                    "quantity": -3,
                    "refunded_orderline_id": order.lines.id,
                }
            ]
        )

        refund = self._sync(refund_data)

        # 3 × (64.00 / 12): the unit cost the refunded order used.
        self.assertEqual(refund.refunded_order_id, order)
        self.assertEqual(refund.picking_ids.state, "done")
        entry = self._order_entries(refund)
        self.assertEntry(entry, {"STOCKVAL": (16.0, 0.0), "COGS": (0.0, 16.0)})
        self.assertEqual(self._cogs_lines(entry).cogs_source, "pos")
        self.assertEqual(self._balance(self.company_data["cogs"]), 48.0)
        self.assertPerpetualInvariant()

        session = self._close_session()

        # Closing: 12 × 20.00 of sales, 3 × 20.00 refunded, 180.00 net cash;
        # no COGS nor stock output line.
        self.assertEntry(
            session.move_id,
            {
                self.pos_receivable_cash.code: (180.0, 0.0),
                self.sales_account.code: (60.0, 240.0),
            },
        )
        self.assertEqual(self._balance(self.company_data["cogs"]), 48.0)
        self.assertPerpetualInvariant()

    def test_cogs_at_invoice_books_cogs_when_the_session_closes(self):
        self.company_data["company"].cogs_recognition = "invoice"
        self.open_new_session()

        order = self._sync(self.create_ui_order_data([(self.product, 12)]))

        # Plain Odoo: the picking parks the 64.00 on the stock output account.
        entry = self._order_entries(order)
        self.assertEntry(entry, {"STOCKOUT": (64.0, 0.0), "STOCKVAL": (0.0, 64.0)})
        self.assertFalse(entry.line_ids.filtered("cogs_source"))
        self.assertEqual(self._balance(self.company_data["cogs"]), 0.0)

        session = self._close_session()

        # Closing books COGS and clears the stock output account.
        self.assertEntry(
            session.move_id,
            {
                self.pos_receivable_cash.code: (240.0, 0.0),
                self.sales_account.code: (0.0, 240.0),
                "COGS": (64.0, 0.0),
                "STOCKOUT": (0.0, 64.0),
            },
        )
        self.assertEqual(self._balance(self.company_data["cogs"]), 64.0)
        self.assertPerpetualInvariant()
