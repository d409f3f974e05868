from lxml import etree

from odoo import Command
from odoo.tests import tagged

from .rpc_common import RpcCommon


@tagged("post_install", "-at_install")
class TestTrustStockEntries(RpcCommon):
    """The entry of a done stock move is as final as the move: an Invoicing administrator
    who is also the finance approver cannot reset, cancel, reverse or delete it over RPC."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.controller = cls._create_user("Frank Finance", "pi_controller", "account.group_account_manager")
        cls.controller.groups_id += cls.env.ref("perpetual_inventory.group_finance_approver")
        cls.controller.password = cls.controller.login

    def setUp(self):
        super().setUp()
        # Counter 1 found 6 of the 10 beans (5.00 each): a theft variance of -20.00, posted.
        self.variance = (
            self.env["stock.variance"]
            .sudo()
            .create(
                {
                    "company_id": self.company.id,
                    "product_id": self.beans.id,
                    "location_id": self.bin_a.id,
                    "expected_qty": 10.0,
                    "counted_qty": 6.0,
                    "reason_id": self.env.ref("perpetual_inventory.reason_theft").id,
                    "counter_ids": [Command.set(self.counter_1.ids)],
                }
            )
        )
        self.variance.action_submit()
        self.rpc(self.manager, "stock.variance", "action_approve", [self.variance.id])
        self.rpc(self.manager, "stock.variance", "action_post", [self.variance.id])
        self.variance_entry = self.variance.account_move_id
        # 4 units of Sea Salt (standard cost 9.00) delivered: Dr COGS 36.00 / Cr inventory.
        self._receive(self.standard_product, 10, 9.0)
        self.delivery = self._deliver(self.standard_product, 4)
        self.cogs_entry = self.delivery.move_ids.account_move_ids

    def _misc_entry(self):
        entry = self.env["account.move"].create(
            {
                "move_type": "entry",
                "journal_id": self.company_data["default_journal_misc"].id,
                "line_ids": [
                    Command.create({"account_id": self.accounts["COUNTDIFF"].id, "debit": 15.0}),
                    Command.create(
                        {
                            "account_id": self.company_data["default_account_revenue"].id,
                            "credit": 15.0,
                        }
                    ),
                ],
            }
        )
        entry.action_post()
        return entry

    def _entry_state(self, entry):
        entry.invalidate_recordset()
        return entry.sudo().read(["state", "line_ids", "reversal_move_ids"])[0]

    def assertKept(self, entry, stock_move):
        """The entry is still posted and never reversed; the move is still done."""
        self.assertEqual(entry.state, "posted")
        self.assertFalse(entry.reversal_move_ids)
        self.assertEqual(stock_move.state, "done")

    def test_the_variance_entry_cannot_be_reset_cancelled_reversed_or_deleted(self):
        self.assertEntry(self.variance_entry, {"SHRINK": (20.0, 0.0), "STOCKVAL": (0.0, 20.0)})
        before = self._entry_state(self.variance_entry)
        entry_id = self.variance_entry.id
        for method, args, kwargs in [
            ("button_draft", [[entry_id]], {}),
            ("button_cancel", [[entry_id]], {}),
            ("write", [[entry_id], {"state": "draft"}], {}),
            ("write", [[entry_id], {"state": "cancel"}], {}),
            ("unlink", [[entry_id]], {"context": {"force_delete": True}}),
        ]:
            message = self.assertRpcRefused(
                self.controller, "account.move", method, *args, message="new count", **kwargs
            )
            self.assertIn(f"variance {self.variance.name}", message)
        wizard_id = self.rpc(
            self.controller,
            "account.move.reversal",
            "create",
            {
                "journal_id": self.variance_entry.journal_id.id,
            },
            context={"active_model": "account.move", "active_ids": [entry_id]},
        )
        self.assertRpcRefused(
            self.controller,
            "account.move.reversal",
            "refund_moves",
            [wizard_id],
            message="cannot reverse .* opposite difference",
        )

        self.assertEqual(self._entry_state(self.variance_entry), before)
        self.assertKept(self.variance_entry, self.variance.stock_move_id)
        self.assertEqual(self.variance.state, "posted")
        self.assertEqual(self._quantity(self.beans, self.bin_a), 6)
        self.assertPerpetualInvariant()

    def test_the_delivery_cogs_entry_cannot_be_reset_or_cancelled(self):
        self.assertEntry(self.cogs_entry, {"COGS": (36.0, 0.0), "STOCKVAL": (0.0, 36.0)})
        before = self._entry_state(self.cogs_entry)
        for method in ("button_draft", "button_cancel"):
            message = self.assertRpcRefused(
                self.controller, "account.move", method, [self.cogs_entry.id], message="return the goods"
            )
            self.assertIn(self.delivery.name, message)

        self.assertEqual(self._entry_state(self.cogs_entry), before)
        self.assertKept(self.cogs_entry, self.delivery.move_ids)
        self.assertEqual(self.delivery.state, "done")
        self.assertPerpetualInvariant()

    def test_the_receipt_entry_names_a_return_to_the_vendor(self):
        receipt_entry = (
            self.env["stock.move"]
            .search(
                [
                    ("product_id", "=", self.standard_product.id),
                    ("location_id.usage", "=", "supplier"),
                ]
            )
            .account_move_ids
        )
        self.assertRpcRefused(
            self.controller,
            "account.move",
            "button_draft",
            [receipt_entry.id],
            message="return the goods to the vendor",
        )
        self.assertEqual(receipt_entry.state, "posted")

    def test_an_ordinary_entry_can_still_be_reset_and_cancelled(self):
        entry = self._misc_entry()
        self.rpc(self.controller, "account.move", "button_draft", [entry.id])
        self.assertEqual(entry.state, "draft")
        self.rpc(self.controller, "account.move", "action_post", [entry.id])
        self.rpc(self.controller, "account.move", "button_cancel", [entry.id])
        self.assertEqual(entry.state, "cancel")

    def test_a_vendor_bill_can_still_be_reset_to_draft(self):
        bill = self.env["account.move"].create(
            {
                "move_type": "in_invoice",
                "partner_id": self.vendor.id,
                "invoice_date": "2026-01-01",
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Cleaning service",
                            "quantity": 1,
                            "price_unit": 80.0,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        bill.action_post()
        self.rpc(self.controller, "account.move", "button_draft", [bill.id])
        self.assertEqual(bill.state, "draft")

    def test_the_form_hides_reset_and_reverse_on_stock_entries_only(self):
        entry = self._misc_entry()
        entry_ids = [self.variance_entry.id, self.cogs_entry.id, entry.id]
        read = self.rpc(self.controller, "account.move", "read", entry_ids, ["show_reset_to_draft_button"])
        self.assertEqual([row["show_reset_to_draft_button"] for row in read], [False, False, True])
        arch = (
            self.env["account.move"]
            .with_user(self.controller)
            .get_views([(False, "form")])["views"]["form"]["arch"]
        )
        reverse_button = etree.fromstring(arch).xpath("//header/button[@string='Reverse Entry']")[0]
        self.assertRegex(reverse_button.get("invisible"), r"\) or \(stock_move_id\)$")
