from odoo.exceptions import UserError
from odoo.tests import tagged

from odoo.addons.perpetual_inventory.hooks import post_init_hook

from .common import PerpetualCogsCommon


@tagged("post_install", "-at_install")
class TestCogsRecognitionSwitch(PerpetualCogsCommon):
    """COGS is booked once per movement, whatever the setting says when the invoice comes:
    a switch that would book it twice or never is refused, and an install on a database with
    deliveries waiting for their invoice keeps Odoo's flow until they are invoiced."""

    def setUp(self):
        super().setUp()
        self.company = self.company_data["company"]
        self._receive(self.fifo_product, 10, 5.0)

    def test_switching_to_delivery_waits_for_the_interim_account_to_clear(self):
        self.company.cogs_recognition = "invoice"
        self._deliver(self.fifo_product, 4)  # 20.00 waits on stock output for its invoice

        with self.assertRaisesRegex(UserError, r"still hold .*20\.00"):
            self.company.cogs_recognition = "delivery"
        self.assertEqual(self.company.cogs_recognition, "invoice")

        invoice = self._invoice(self.fifo_product, 4, 20.0)
        self.assertEqual(self._entry_amounts(invoice)["COGS"], (20.0, 0.0), "the invoice books the COGS")
        self.company.cogs_recognition = "delivery"

        delivery = self._deliver(self.fifo_product, 2)
        self.assertEntry(delivery.move_ids.account_move_ids, {"COGS": (10.0, 0.0), "STOCKVAL": (0.0, 10.0)})
        self.assertNotIn("COGS", self._entry_amounts(self._invoice(self.fifo_product, 2, 20.0)))
        self.assertPerpetualInvariant()

    def test_install_keeps_cogs_at_invoice_for_companies_with_deliveries_to_invoice(self):
        self.company.cogs_recognition = "invoice"
        self._deliver(self.fifo_product, 4)

        post_init_hook(self.env)

        self.assertEqual(self.company.cogs_recognition, "invoice")
        invoice = self._invoice(self.fifo_product, 4, 20.0)
        self.assertEqual(self._entry_amounts(invoice)["COGS"], (20.0, 0.0), "COGS is not lost")
        self.assertPerpetualInvariant()

    def test_install_turns_clear_companies_to_delivery(self):
        self.company.write(
            {"cogs_recognition": "invoice", "point_of_sale_update_stock_quantities": "closing"}
        )
        # A company freshly set to invoice with nothing pending: the install makes it perpetual.
        self.company.cogs_recognition = "delivery"
        self.assertEqual(self.company.point_of_sale_update_stock_quantities, "real")
        post_init_hook(self.env)
        self.assertEqual(self.company.cogs_recognition, "delivery")
