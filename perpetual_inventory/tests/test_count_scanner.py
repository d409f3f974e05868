from odoo.tests import tagged

from .scanner_common import ScannerCommon

BLIND_WORDS = ("expected", "value", "cost", "difference")


@tagged("post_install", "-at_install")
class TestCountScanner(ScannerCommon):
    """The server side of the Count screen, one call per scan."""

    def setUp(self):
        super().setUp()
        self.scanner = self.env["stock.count.scanner"].with_user(self.counter_1)

    def _scan(self, barcode, current=None, pending=None):
        current = current or {}
        return self.scanner.scan(
            barcode,
            session_id=current.get("session_id", False),
            location_id=current.get("location_id", False),
            pending_product_id=pending or False,
            session_ids=self.count_session.ids,
        )

    def _at_bin_a(self):
        return self._scan("PITEST-A01")

    def assertBlind(self, data):
        text = repr(data).lower()
        for word in BLIND_WORDS:
            self.assertNotIn(word, text)

    def test_screen_data_lists_my_lines_by_location_and_is_blind(self):
        data = self.scanner.get_screen_data()

        self.assertEqual([session["id"] for session in data["sessions"]], self.count_session.ids)
        self.assertEqual([group["location_name"] for group in data["locations"]], [self.bin_a.complete_name])
        self.assertEqual(
            sorted(line["product_name"] for line in data["locations"][0]["lines"]),
            ["Camera", "Espresso Beans", "Honey"],
        )
        self.assertBlind(data)

    def test_location_then_product_scans_count_up(self):
        current = self._at_bin_a()
        self.assertEqual(
            (current["type"], current["location_id"], current["session_id"]),
            ("location", self.bin_a.id, self.count_session.id),
        )

        self._scan(self.beans.barcode, current)
        result = self._scan(self.beans.barcode, current)

        self.assertEqual(result["type"], "line")
        self.assertEqual(result["line"]["counted_qty"], 2)
        line = self._line(self.count_session, self.beans)
        self.assertEqual((line.counted_qty, line.state, line.counted_by_id), (2, "counted", self.counter_1))
        self.assertBlind(result)
        # The scan log is the audit trail: who scanned what, and the count before and after.
        log = [
            (entry.user_id, entry.action, entry.barcode, entry.qty_before, entry.qty_after)
            for entry in line.scan_ids.sorted("id")
        ]
        self.assertEqual(
            log,
            [
                (self.counter_1, "scan", self.beans.barcode, 0, 1),
                (self.counter_1, "scan", self.beans.barcode, 1, 2),
            ],
        )

    def test_product_not_expected_here_is_found_stock(self):
        current = self._at_bin_a()

        result = self._scan(self.tea.barcode, current)  # Green Tea is expected in B-01 only

        self.assertTrue(result["line"]["is_found_stock"])
        self.assertTrue(result["line"]["is_found_stock"])
        found = self._line(self.count_session, self.tea, self.bin_a)
        self.assertEqual(
            (found.counted_qty, found.is_found_stock, found.counter_id), (1, True, self.counter_1)
        )

    def test_errors_record_nothing(self):
        before = self._lines_snapshot()
        current = self._at_bin_a()
        self.env["stock.quant.package"].create({"name": "PALLET-COUNT"})
        cases = {
            "PALLET-COUNT is a package: count the items in it.": self._scan("PALLET-COUNT", current),
            "Scan a location first": self._scan(self.beans.barcode),
            "Unknown barcode": self._scan("NO-SUCH-CODE", current),
            "another company": self._scan("PITEST-FOREIGN", current),
            "not part of your counts": self._scan("PITEST-Z99", current),
        }
        for message, result in cases.items():
            self.assertEqual(result["type"], "error", message)
            self.assertIn(message, result["message"])
        self.assertEqual(self._lines_snapshot(), before)

    def test_gs1_code_with_lot_and_quantity(self):
        current = self._at_bin_a()
        gs1 = "01" + "0" + self.honey.barcode + "10L42" + "\x1d" + "3012"

        result = self._scan(gs1, current)

        self.assertEqual((result["line"]["lot_name"], result["line"]["counted_qty"]), ("L42", 12))
        self.assertEqual(self._line(self.count_session, self.honey).counted_qty, 12)

    def test_tracked_product_asks_for_its_lot_then_counts_it(self):
        current = self._at_bin_a()

        asked = self._scan(self.honey.barcode, current)
        self.assertEqual((asked["type"], asked["product_id"]), ("need_lot", self.honey.id))
        result = self._scan("L42", current, pending=self.honey.id)

        self.assertEqual((result["line"]["lot_name"], result["line"]["counted_qty"]), ("L42", 1))
        wrong = self._scan("L-UNKNOWN", current, pending=self.honey.id)
        self.assertEqual(wrong["type"], "error")
        self.assertIn("not a known lot", wrong["message"])

    def test_a_serial_counts_once(self):
        current = self._at_bin_a()

        result = self._scan("SN-0001", current)  # a serial alone names its product
        again = self._scan("SN-0001", current)

        self.assertEqual(result["line"]["counted_qty"], 1)
        self.assertEqual(again["type"], "error")
        self.assertIn("already counted", again["message"])
        self.assertEqual(self._line(self.count_session, self.camera).counted_qty, 1)

    def test_typed_quantity_and_bad_typed_quantity(self):
        line = self._line(self.count_session, self.beans)

        result = self.scanner.set_quantity(line.id, "7")
        bad = self.scanner.set_quantity(line.id, "-3")

        self.assertEqual(result["line"]["counted_qty"], 7)
        self.assertEqual(bad["type"], "error")
        self.assertIn("cannot be negative", bad["message"])
        self.assertEqual(line.counted_qty, 7)

    def test_undo_restores_the_count_and_removes_a_found_stock_line(self):
        current = self._at_bin_a()
        self._scan(self.beans.barcode, current)
        self._scan(self.beans.barcode, current)
        found = self._scan(self.tea.barcode, current)

        undone = self.scanner.undo(self.count_session.ids)
        self.assertEqual((undone["type"], undone["removed_line_ids"]), ("undone", [found["line"]["id"]]))
        self.scanner.undo(self.count_session.ids)

        found_line = self.env["stock.count.line"].browse(found["line"]["id"])
        self.assertEqual(found_line.state, "cancel", "kept, cancelled, for the audit trail")
        line = self._line(self.count_session, self.beans)
        self.assertEqual((line.counted_qty, line.state), (1, "counted"))
        self.scanner.undo(self.count_session.ids)
        self.assertEqual((line.counted_qty, line.state, line.counted_by_id.id), (0, "to_count", False))
        nothing = self.scanner.undo(self.count_session.ids)
        self.assertEqual((nothing["type"], nothing["message"]), ("error", "Nothing to undo."))
        self.assertEqual(
            sorted(line.scan_ids.mapped(lambda entry: (entry.action, entry.undone))),
            [("scan", True), ("scan", True), ("undo", False), ("undo", False)],
        )

    def test_undo_takes_back_only_my_own_last_step(self):
        current = self._at_bin_a()
        self._scan(self.beans.barcode, current)
        other = self.env["stock.count.scanner"].with_user(self.counter_2)
        at_b = other.scan("PITEST-B01", session_ids=self.count_session.ids)
        other.scan(self.tea.barcode, session_id=at_b["session_id"], location_id=at_b["location_id"])

        self.scanner.undo(self.count_session.ids)

        self.assertEqual(self._line(self.count_session, self.tea, self.bin_b).counted_qty, 1)
        self.assertEqual(self._line(self.count_session, self.beans).state, "to_count")

    def test_undo_refuses_a_line_changed_since_the_step(self):
        current = self._at_bin_a()
        self._scan(self.beans.barcode, current)
        line = self._line(self.count_session, self.beans)
        line.with_user(self.manager).counted_qty = 7  # the manager typed a count meanwhile

        refused = self.scanner.undo(self.count_session.ids)

        self.assertEqual(refused["type"], "error")
        self.assertIn("changed since", refused["message"])
        self.assertEqual(line.counted_qty, 7)

    def test_old_clients_cannot_delete_a_planned_line_through_undo(self):
        # Before the scan log the client told the server a line was "created": a counter
        # could remove any planned line of theirs. The server now ignores what the client says.
        planned = self._line(self.count_session, self.honey)
        result = self.scanner.undo(planned.id, 0.0, "to_count", True)
        self.assertEqual(result["type"], "error")
        self.assertEqual(planned.state, "to_count")
        self.assertTrue(planned.exists())

    def test_finish_location_is_undone_in_one_step(self):
        current = self._at_bin_a()
        self._scan(self.beans.barcode, current)
        self.scanner.finish_location(self.count_session.id, self.bin_a.id)

        self.scanner.undo(self.count_session.ids)

        self.assertEqual(self._line(self.count_session, self.honey).state, "to_count")
        self.assertEqual(self._line(self.count_session, self.camera).state, "to_count")
        self.assertEqual(self._line(self.count_session, self.beans).counted_qty, 1)

    def test_finish_location_counts_what_was_not_scanned_as_zero(self):
        current = self._at_bin_a()
        self._scan(self.beans.barcode, current)

        result = self.scanner.finish_location(self.count_session.id, self.bin_a.id)

        self.assertEqual(result["zeroed"], 2)  # Honey L42 and the camera
        self.assertEqual(self._line(self.count_session, self.honey).counted_qty, 0)
        self.assertEqual(self._line(self.count_session, self.honey).state, "counted")

    def test_finish_session_when_every_counter_is_done(self):
        refused = self.scanner.finish_session(self.count_session.id)
        self.assertEqual(refused["type"], "error")

        self.scanner.finish_location(self.count_session.id, self.bin_a.id)
        mine_done = self.scanner.finish_session(self.count_session.id)
        self.assertEqual((mine_done["session_state"], mine_done["others_waiting"]), ("in_progress", 1))

        other = self.env["stock.count.scanner"].with_user(self.counter_2)
        other.finish_location(self.count_session.id, self.bin_b.id)
        all_done = other.finish_session(self.count_session.id)
        self.assertEqual(all_done["session_state"], "counted")
        self.assertEqual(self.count_session.state, "counted")

    def test_a_scan_costs_the_same_queries_whatever_the_size_of_the_count(self):
        current = self._at_bin_a()
        self._scan(self.beans.barcode, current)  # the line is counted: later scans add to it

        def queries_of_a_scan():
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            self._scan(self.beans.barcode, current)
            self._at_bin_a()
            self.env.flush_all()
            return self.env.cr.sql_log_count - before

        queries_of_a_scan()  # warms the caches that a first call fills once
        small = queries_of_a_scan()
        others = self.env["stock.location"].create(
            [{"name": f"Q-{number}", "location_id": self.bin_b.location_id.id} for number in range(40)]
        )
        self.env["stock.count.line"].sudo().create(
            [
                {
                    "session_id": self.count_session.id,
                    "product_id": self.tea.id,
                    "location_id": location.id,
                    "counter_id": self.counter_2.id,
                }
                for location in others
            ]
        )
        self.assertEqual(queries_of_a_scan(), small)
