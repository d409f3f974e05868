from unittest.mock import patch

from odoo.tests import tagged

from .count_common import CountCommon


@tagged("post_install", "-at_install")
class TestCountBooking(CountCommon):
    """Booking a count books what Odoo's own Apply books, with its entries numbered at once.

    Each comparison books the same counted stock twice, each time in a savepoint rolled back
    afterwards, so that both bookings start from the same stock and the same entry numbers."""

    def setUp(self):
        super().setUp()
        # Every difference is within tolerance: all lines are booked at reconciliation.
        self.company.write({"count_tolerance_percent": 100.0, "count_tolerance_value": 1e6})
        self._receive_into(self.beans, 10, 5.0, self.bin_a)  # FIFO, 10 × 5.00
        self._receive_into(self.soap, 100, 2.0, self.bin_a)  # AVCO, 100 × 2.00
        self._receive_into(self.tea, 20, 4.0, self.bin_b)  # FIFO, 20 × 4.00
        self._receive_into(self.tea, 6, 4.0, self.bin_a)
        self.counted = {
            (self.beans, self.bin_a): 8,  # two lost
            (self.soap, self.bin_a): 103,  # three found
            (self.tea, self.bin_b): 15,  # five lost
            (self.tea, self.bin_a): 6,  # as expected
        }
        self.session = self._session(self.bin_a | self.bin_b, self.counter_1)
        self.session.with_user(self.manager).action_start()
        for (product, location), quantity in self.counted.items():
            self._count(self._line(self.session, product, location), quantity)
        self.env.flush_all()
        self.last_move_id = self.env["stock.move"].search([], order="id desc", limit=1).id

    def _rolled_back(self, booking):
        """Run ``booking`` and return what it booked, then undo it."""
        self.env.flush_all()
        self.env.cr.execute("SAVEPOINT count_booking_compare")
        try:
            booking()
            self.env.flush_all()
            return self._booked()
        finally:
            self.env.cr.execute("ROLLBACK TO SAVEPOINT count_booking_compare")
            self.env.invalidate_all(flush=False)

    def _booked(self):
        """Per counted stock: its move, layers, entries (lines by account) and quant."""
        moves = self.env["stock.move"].search([("id", ">", self.last_move_id)])
        booked = {}
        for move in moves:
            location = (
                move.location_dest_id if move.location_dest_id.usage == "internal" else move.location_id
            )
            quant = self.env["stock.quant"].search(
                [("product_id", "=", move.product_id.id), ("location_id", "=", location.id)]
            )
            booked[(move.product_id.name, location.name)] = {
                "move": (
                    move.location_id.name,
                    move.location_dest_id.name,
                    move.product_qty,
                    move.quantity,
                    move.state,
                    move.is_inventory,
                    move.date.date(),
                ),
                "layers": [
                    (layer.quantity, layer.value, layer.unit_cost, layer.remaining_qty, layer.remaining_value)
                    for layer in move.stock_valuation_layer_ids
                ],
                "entries": [
                    {
                        "name": entry.name,
                        "state": entry.state,
                        "date": entry.date,
                        "journal": entry.journal_id.code,
                        "sequence": (entry.sequence_prefix, entry.sequence_number),
                        "lines": sorted(
                            (
                                line.account_id.code,
                                line.debit,
                                line.credit,
                                line.quantity,
                                line.move_name,
                                line.parent_state,
                            )
                            for line in entry.line_ids
                        ),
                    }
                    for entry in move.account_move_ids
                ],
                "quant": (quant.quantity, quant.inventory_date, location.last_inventory_date),
            }
        return booked

    def _book_with_the_suite(self, **context):
        self.session.with_user(self.manager).with_context(**context).action_reconcile()

    def _book_with_odoo(self):
        quants = self.env["stock.quant"]
        for (product, location), quantity in self.counted.items():
            quant = self.env["stock.quant"].search(
                [("product_id", "=", product.id), ("location_id", "=", location.id)]
            )
            quant.with_context(inventory_mode=True).write({"inventory_quantity": quantity})
            quants |= quant
        quants._apply_inventory()

    def test_batch_numbering_books_what_numbering_one_by_one_books(self):
        numbered = []
        entry_class = type(self.env["account.move"])
        original = entry_class._set_next_sequence

        def count_numbering(move):
            numbered.append(move.id)
            return original(move)

        with patch.object(entry_class, "_set_next_sequence", count_numbering):
            one_by_one = self._rolled_back(lambda: self._book_with_the_suite(perpetual_batch_numbering=False))
            numbered_one_by_one = len(numbered)
            numbered.clear()
            batched = self._rolled_back(self._book_with_the_suite)

        entries = [entry for stock in batched.values() for entry in stock["entries"]]
        self.assertEqual(len(entries), 3)  # the matching count books no entry
        self.assertEqual(numbered_one_by_one, 3)
        self.assertEqual(len(numbered), 1)  # the others numbered after the first, at once
        self.assertEqual(batched, one_by_one)
        names = sorted(entry["name"] for entry in entries)
        prefix = entries[0]["sequence"][0]
        first = min(entry["sequence"][1] for entry in entries)
        self.assertEqual(
            sorted(entry["sequence"] for entry in entries), [(prefix, first + step) for step in range(3)]
        )
        self.assertTrue(all(name.startswith(prefix) and name != "/" for name in names))
        for entry in entries:
            self.assertEqual(entry["state"], "posted")
            self.assertEqual({line[4] for line in entry["lines"]}, {entry["name"]})

    def test_the_suite_books_what_odoos_apply_books(self):
        odoo = self._rolled_back(self._book_with_odoo)
        suite = self._rolled_back(self._book_with_the_suite)

        self.assertEqual(set(suite), set(odoo))
        self.assertEqual(len(suite), 4)
        stock_valuation = self.company_data["default_account_stock_valuation"].code
        suite_names, odoo_names = [], []
        for stock, booked in suite.items():
            expected = odoo[stock]
            self.assertEqual(booked["move"], expected["move"], stock)
            self.assertEqual(booked["layers"], expected["layers"], stock)
            self.assertEqual(booked["quant"], expected["quant"], stock)
            self.assertEqual(len(booked["entries"]), len(expected["entries"]), stock)
            for entry, odoo_entry in zip(booked["entries"], expected["entries"]):
                suite_names.append(entry["name"])
                odoo_names.append(odoo_entry["name"])
                for field in ("state", "date", "journal"):
                    self.assertEqual(entry[field], odoo_entry[field], stock)
                # The stock side is the same; the other side is the reason's account in the
                # suite, where Odoo books the stock input or output account.
                self.assertEqual(
                    [line[1:4] for line in entry["lines"] if line[0] == stock_valuation],
                    [line[1:4] for line in odoo_entry["lines"] if line[0] == stock_valuation],
                    stock,
                )
                self.assertEqual(
                    sorted(line[1:4] for line in entry["lines"] if line[0] != stock_valuation),
                    sorted(line[1:4] for line in odoo_entry["lines"] if line[0] != stock_valuation),
                    stock,
                )
                self.assertEqual(
                    {line[0] for line in entry["lines"] if line[0] != stock_valuation}, {"COUNTDIFF"}
                )
        self.assertEqual(len(suite_names), 3)
        self.assertEqual(sorted(suite_names), sorted(odoo_names))

    def test_numbers_taken_meanwhile_are_skipped_as_odoo_does(self):
        """Another transaction posted an entry with the next number: the batch write fails
        on the journal's unique names and the entries are numbered one by one."""
        journal = self.company_data["default_journal_misc"]
        account = self.company_data["default_account_expense"]

        def entry():
            return self.env["account.move"].create(
                {
                    "journal_id": journal.id,
                    "line_ids": [
                        (0, 0, {"account_id": account.id, "debit": 1.0}),
                        (0, 0, {"account_id": self.accounts["COUNTDIFF"].id, "credit": 1.0}),
                    ],
                }
            )

        first, second, third = entry(), entry(), entry()
        first.action_post()
        taken = entry()
        taken.action_post()
        format_string, values = first._get_sequence_format_param(first.name)
        self.assertEqual(taken.name, format_string.format(**{**values, "seq": values["seq"] + 1}))
        # As when they are posted: in the posted state, not numbered yet.
        self.env.cr.execute(
            "UPDATE account_move SET state = 'posted', name = '/' WHERE id IN %s", [(second.id, third.id)]
        )
        self.env.invalidate_all()

        (second | third)._number_after(first)

        self.assertEqual(
            [second.name, third.name],
            [format_string.format(**{**values, "seq": values["seq"] + step}) for step in (2, 3)],
        )
        self.assertEqual(
            (third.sequence_prefix, third.sequence_number), (taken.sequence_prefix, values["seq"] + 3)
        )
