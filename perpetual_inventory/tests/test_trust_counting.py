from odoo.tests import tagged

from .rpc_common import RpcCommon

SCANNER = "stock.count.scanner"


@tagged("post_install", "-at_install")
class TestTrustCounting(RpcCommon):
    """Count integrity against any client: counters and managers call the server directly,
    with bad input too. Every refusal is readable, and changes nothing."""

    def setUp(self):
        super().setUp()
        self.at_a = self.rpc(
            self.counter_1, SCANNER, "scan", "PITEST-A01", session_ids=self.count_session.ids
        )
        self.beans_line = self._line(self.count_session, self.beans)

    def _scan(self, barcode, **kwargs):
        kwargs.setdefault("session_id", self.at_a["session_id"])
        kwargs.setdefault("location_id", self.at_a["location_id"])
        return self.rpc(self.counter_1, SCANNER, "scan", barcode, **kwargs)

    def _everything(self):
        self.env.invalidate_all()
        lines = self.count_session.sudo().line_ids
        return (
            sorted(
                lines.mapped(
                    lambda line: (
                        line.id,
                        line.product_id.id,
                        line.location_id.id,
                        line.counted_qty,
                        line.state,
                        line.expected_qty,
                    )
                )
            ),
            self.env["stock.count.scan"].sudo().search_count([]),
        )

    def assertErrorAnswer(self, answer, message=""):
        self.assertEqual(answer["type"], "error", answer)
        self.assertNotRegex(
            answer["message"], r"Traceback|Error\b|object has no attribute|Expected singleton"
        )
        if message:
            self.assertRegex(answer["message"], message)

    # Bad input -------------------------------------------------------------------

    def test_bad_quantities_are_refused_and_change_nothing(self):
        self._scan(self.beans.barcode)
        before = self._everything()
        for quantity in (
            "ten",
            "NaN",
            float("nan"),
            float("inf"),
            float("-inf"),
            1e308,
            None,
            True,
            [],
            {},
            "",
            -3,
        ):
            answer = self.rpc(self.counter_1, SCANNER, "set_quantity", self.beans_line.id, quantity)
            self.assertErrorAnswer(answer, "not a quantity|enter a number|plausible|as a number|negative")
            self.assertEqual(self._everything(), before, repr(quantity))
            self.assertRpcRefused(
                self.counter_1, "stock.count.line", "write", [self.beans_line.id], {"counted_qty": quantity}
            )
            self.assertEqual(self._everything(), before, repr(quantity))

    def test_absurdly_large_counts_are_refused(self):
        answer = self.rpc(self.counter_1, SCANNER, "set_quantity", self.beans_line.id, 5e9)
        self.assertErrorAnswer(answer, "not a plausible count")
        self.assertEqual(self.beans_line.state, "to_count")

    def test_bad_barcodes_are_refused_and_change_nothing(self):
        before = self._everything()
        for barcode in (12345, None, ["PITEST-A01"], {"barcode": 1}, 1.5, True, "", "   "):
            self.assertErrorAnswer(self._scan(barcode), "barcode|text")
        self.assertEqual(self._everything(), before)

    def test_gs1_codes_with_impossible_dates_or_malformed_parts_are_refused(self):
        before = self._everything()
        gtin = "0" + self.honey.barcode
        for barcode in (
            f"01{gtin}171399311042",  # expiry month 13
            f"01{gtin}170230311042",  # 31 February... day 30 of February
            f"01{gtin}3103ABCDEF",  # net weight not a number
            f"01{gtin[:-3]}",  # truncated GTIN
            "0199999999999999",  # unknown product
        ):
            self.assertErrorAnswer(self._scan(barcode))
        self.assertEqual(self._everything(), before)

    def test_bad_references_are_refused(self):
        before = self._everything()
        done_session = self.count_session.sudo().copy({"state": "done"})
        done_session.counter_ids = self.counter_1
        for kwargs in (
            {"session_id": done_session.id},
            {"session_id": 999999},
            {"session_id": "1"},
            {"location_id": "A-01"},
            {"location_id": 999999},
        ):
            self.assertErrorAnswer(self._scan(self.beans.barcode, **kwargs))
        self.assertErrorAnswer(self._scan("PITEST-A01", session_ids="all"))
        for method, args in (
            ("set_quantity", (999999, 1)),
            ("set_quantity", ("x", 1)),
            ("finish_location", (done_session.id, self.bin_a.id)),
            ("finish_session", (999999,)),
            ("undo", ("everything",)),
        ):
            self.assertErrorAnswer(self.rpc(self.counter_1, SCANNER, method, *args))
        self.assertEqual(self._everything(), before)

    def test_a_scan_without_session_while_the_counter_has_several(self):
        second = self._session(self.bin_b, self.counter_1)
        second.with_user(self.manager).action_start()
        answer = self._scan(self.beans.barcode, session_id=False)
        self.assertErrorAnswer(answer, "several counts open")

    def test_a_session_the_counter_is_not_on(self):
        other = self._session(self.bin_a, self.counter_3)
        other.with_user(self.manager).action_start()
        answer = self._scan(self.beans.barcode, session_id=other.id)
        self.assertErrorAnswer(answer, "not open for you")
        self.assertFalse(other.line_ids.filtered(lambda line: line.counted_qty))

    # Integrity ---------------------------------------------------------------------

    def test_a_location_assigned_to_another_counter_is_refused(self):
        answer = self.rpc(self.counter_1, SCANNER, "scan", "PITEST-B01", session_ids=self.count_session.ids)
        self.assertErrorAnswer(answer, "counted by Colin Counter")
        # Even with a forged current location, the stock of B-01 gets no second line.
        forged = self._scan(self.tea.barcode, location_id=self.bin_b.id)
        self.assertErrorAnswer(forged, "counted by Colin Counter")
        self.assertEqual(
            len(self.count_session.line_ids.filtered(lambda line: line.product_id == self.tea)), 1
        )

    def test_counters_cannot_write_workflow_fields_or_delete_lines(self):
        before = self._everything()
        for vals in (
            {"state": "accepted"},
            {"expected_qty": 10},
            {"counter_id": self.counter_1.id},
            {"counted_by_id": self.counter_2.id},
            {"is_found_stock": True},
        ):
            self.assertRpcRefused(
                self.counter_1,
                "stock.count.line",
                "write",
                [self.beans_line.id],
                vals,
                message="Counters can only enter counted quantities",
            )
        self.assertRpcRefused(self.counter_1, "stock.count.line", "unlink", [self.beans_line.id])
        self.assertRpcRefused(
            self.counter_1,
            "stock.count.line",
            "create",
            {
                "session_id": self.count_session.id,
                "product_id": self.tea.id,
                "location_id": self.bin_a.id,
                "counter_id": self.counter_1.id,
            },
        )
        self.assertEqual(self._everything(), before)

    def test_managers_plan_lines_but_not_their_counts_or_decisions(self):
        self._scan(self.beans.barcode)
        for vals in (
            {"state": "accepted"},
            {"expected_qty": 1.0},
            {"within_tolerance": True},
            {"count_round": 3},
        ):
            self.assertRpcRefused(
                self.manager,
                "stock.count.line",
                "write",
                [self.beans_line.id],
                vals,
                message="set by the counting workflow",
            )
        self.assertRpcRefused(
            self.manager,
            "stock.count.line",
            "write",
            [self.beans_line.id],
            {"counter_id": self.counter_2.id},
            message="Only lines still to count",
        )
        self.assertRpcRefused(
            self.manager, "stock.count.line", "unlink", [self.beans_line.id], message="record of the count"
        )
        honey = self._line(self.count_session, self.honey)
        self.rpc(self.manager, "stock.count.line", "write", [honey.id], {"counter_id": self.counter_3.id})
        self.assertEqual(honey.counter_id, self.counter_3)

    def test_a_session_that_booked_adjustments_cannot_be_cancelled(self):
        # Counter 2 counts B-01 as expected; the manager reconciles while A-01 is still being
        # counted... after A-01 is done too: the tea's small difference is booked.
        self.rpc(self.counter_1, SCANNER, "finish_location", self.count_session.id, self.bin_a.id)
        at_b = self.rpc(self.counter_2, SCANNER, "scan", "PITEST-B01", session_ids=self.count_session.ids)
        self.rpc(
            self.counter_2,
            SCANNER,
            "set_quantity",
            self._line(self.count_session, self.tea, self.bin_b).id,
            20,
        )
        self.assertTrue(at_b)
        self.rpc(self.manager, "stock.count.session", "action_reconcile", [self.count_session.id])
        self.assertEqual(self.count_session.state, "in_progress", "the zeroed lines are recounted")
        self.assertEqual(self._line(self.count_session, self.tea, self.bin_b).state, "applied")

        self.assertRpcRefused(
            self.manager,
            "stock.count.session",
            "action_cancel",
            [self.count_session.id],
            message="cannot be cancelled",
        )
        self.assertEqual(self.count_session.state, "in_progress")

    def test_the_scan_log_cannot_be_forged(self):
        self._scan(self.beans.barcode)
        entry = self.env["stock.count.scan"].search([("line_id", "=", self.beans_line.id)])
        self.assertRpcRefused(
            self.manager,
            "stock.count.scan",
            "create",
            {
                "session_id": self.count_session.id,
                "line_id": self.beans_line.id,
                "user_id": self.counter_1.id,
                "action": "scan",
                "qty_before": 0,
                "qty_after": 5,
            },
        )
        self.assertRpcRefused(self.manager, "stock.count.scan", "unlink", [entry.id])
        self.assertRpcRefused(self.manager, "stock.count.scan", "write", [entry.id], {"undone": True})
        self.assertFalse(entry.undone)
