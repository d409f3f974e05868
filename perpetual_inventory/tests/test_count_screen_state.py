from odoo.tests import tagged

from .rpc_common import RpcCommon

SCANNER = "stock.count.scanner"
FINISHED = "You finished your part of"


@tagged("post_install", "-at_install")
class TestCountScreenState(RpcCommon):
    """What the Count screen shows comes from the server, called by the counter over
    JSON-RPC: what is found stock, that a finished count stays finished, and where the
    counter is after a reload."""

    def _scan(self, user, barcode, at=None):
        at = at or {}
        return self.rpc(
            user,
            SCANNER,
            "scan",
            barcode,
            session_id=at.get("session_id", False),
            location_id=at.get("location_id", False),
            session_ids=self.count_session.ids,
        )

    def _screen(self, user):
        return self.rpc(user, SCANNER, "get_screen_data", session_id=self.count_session.id)

    def _everything(self):
        self.env.invalidate_all()
        lines = self.count_session.sudo().line_ids
        return (
            sorted(lines.mapped(lambda line: (line.id, line.counted_qty, line.state))),
            self.env["stock.count.scan"].sudo().search_count([]),
        )

    def assertRefusedAnswer(self, answer, message):
        self.assertEqual(answer["type"], "error", answer)
        self.assertIn(message, answer["message"])

    # Found stock ---------------------------------------------------------------

    def test_stock_missing_from_the_list_is_counted_against_its_quantity_not_as_found_stock(self):
        # 18 Soap arrived in A-01 after the list was made; no Green Tea was ever in A-01.
        self._receive_into(self.soap, 18, 3.0, self.bin_a)
        at_a = self._scan(self.counter_1, "PITEST-A01")

        soap = self._scan(self.counter_1, self.soap.barcode, at_a)
        tea = self._scan(self.counter_1, self.tea.barcode, at_a)

        self.assertEqual((soap["line"]["product_name"], soap["line"]["is_found_stock"]), ("Dish Soap", False))
        self.assertEqual((tea["line"]["product_name"], tea["line"]["is_found_stock"]), ("Green Tea", True))
        self.assertNotIn("expected", repr([soap, tea]), "blind")
        soap_line = self._line(self.count_session, self.soap, self.bin_a)
        tea_line = self._line(self.count_session, self.tea, self.bin_a)
        self.assertEqual(
            (soap_line.expected_qty, soap_line.counted_qty, soap_line.is_found_stock), (18, 1, False)
        )
        self.assertEqual((tea_line.expected_qty, tea_line.counted_qty, tea_line.is_found_stock), (0, 1, True))
        self.assertEqual((soap_line.scan_ids.action, tea_line.scan_ids.action), ("scan", "found"))

    # Finishing is final ----------------------------------------------------------

    def _finish_my_part(self):
        at_a = self._scan(self.counter_1, "PITEST-A01")
        self._scan(self.counter_1, self.beans.barcode, at_a)
        self.rpc(self.counter_1, SCANNER, "finish_location", self.count_session.id, self.bin_a.id)
        done = self.rpc(self.counter_1, SCANNER, "finish_session", self.count_session.id)
        self.assertEqual(
            (done["type"], done["session_state"], done["others_waiting"]), ("session_done", "in_progress", 1)
        )
        return at_a

    def test_after_finishing_the_counter_can_no_longer_scan_type_or_undo(self):
        at_a = self._finish_my_part()
        beans = self._line(self.count_session, self.beans)
        before = self._everything()

        self.assertRefusedAnswer(self._scan(self.counter_1, "PITEST-A01"), FINISHED)
        self.assertRefusedAnswer(self._scan(self.counter_1, self.beans.barcode, at_a), FINISHED)
        self.assertRefusedAnswer(self._scan(self.counter_1, self.tea.barcode, at_a), FINISHED)
        self.assertRefusedAnswer(self.rpc(self.counter_1, SCANNER, "set_quantity", beans.id, 7), FINISHED)
        self.assertRefusedAnswer(self.rpc(self.counter_1, SCANNER, "undo", self.count_session.ids), FINISHED)
        self.assertRefusedAnswer(
            self.rpc(self.counter_1, SCANNER, "finish_location", self.count_session.id, self.bin_a.id),
            FINISHED,
        )
        self.assertRefusedAnswer(
            self.rpc(self.counter_1, SCANNER, "finish_session", self.count_session.id), FINISHED
        )
        self.assertRpcRefused(
            self.counter_1, "stock.count.line", "write", [beans.id], {"counted_qty": 7}, message=FINISHED
        )

        self.assertEqual(self._everything(), before)
        self.assertEqual((beans.counted_qty, beans.state), (1, "counted"))

    def test_the_screen_shows_the_finished_count_and_others_count_on(self):
        self._finish_my_part()

        screen = self._screen(self.counter_1)
        self.assertEqual(
            screen["sessions"],
            [
                {
                    "id": self.count_session.id,
                    "name": self.count_session.name,
                    "kind": "spot",
                    "finished": True,
                }
            ],
        )
        self.assertEqual((screen["locations"], screen["current"], screen["can_undo"]), ([], False, False))
        self.assertEqual(self.count_session.finished_counter_ids, self.counter_1)
        # Colin still counts B-01, then finishes the count for both.
        at_b = self._scan(self.counter_2, "PITEST-B01")
        self.assertEqual(self._scan(self.counter_2, self.tea.barcode, at_b)["type"], "line")
        self.rpc(self.counter_2, SCANNER, "finish_location", self.count_session.id, self.bin_b.id)
        self.rpc(self.counter_2, SCANNER, "finish_session", self.count_session.id)
        self.assertEqual(self.count_session.state, "counted")
        self.assertEqual(self._screen(self.counter_1)["sessions"][0]["finished"], True)

    def test_a_finished_counter_given_a_line_to_count_takes_up_their_part_again(self):
        self._finish_my_part()
        tea = self._line(self.count_session, self.tea, self.bin_b)

        self.rpc(self.manager, "stock.count.line", "write", [tea.id], {"counter_id": self.counter_1.id})

        self.assertFalse(self.count_session.finished_counter_ids)
        self.assertEqual(self._screen(self.counter_1)["sessions"][0]["finished"], False)
        answer = self.rpc(self.counter_1, SCANNER, "set_quantity", tea.id, 20)
        self.assertEqual((answer["type"], tea.counted_qty), ("line", 20))

    def test_a_counter_cannot_finish_with_lines_left_nor_mark_the_session_over_rpc(self):
        refused = self.rpc(self.counter_1, SCANNER, "finish_session", self.count_session.id)
        self.assertRefusedAnswer(refused, "of your lines are not counted yet")
        self.assertRpcRefused(
            self.counter_1,
            "stock.count.session",
            "write",
            [self.count_session.id],
            {"finished_counter_ids": [(4, self.counter_1.id)]},
        )
        self.assertFalse(self.count_session.finished_counter_ids)

    # After a reload ----------------------------------------------------------------

    def test_a_reload_takes_up_at_the_last_location_with_undo_available(self):
        fresh = self._screen(self.counter_1)
        self.assertEqual((fresh["current"], fresh["can_undo"]), (False, False))

        at_a = self._scan(self.counter_1, "PITEST-A01")
        only_there = self._screen(self.counter_1)
        self.assertEqual(only_there["current"]["location_id"], self.bin_a.id, "a location scan is remembered")
        self.assertFalse(only_there["can_undo"], "scanning a location is not a step to undo")
        self._scan(self.counter_1, self.beans.barcode, at_a)
        self._scan(self.counter_1, self.beans.barcode, at_a)

        reloaded = self._screen(self.counter_1)
        self.assertEqual(
            reloaded["current"],
            {
                "session_id": self.count_session.id,
                "location_id": self.bin_a.id,
                "location_name": self.bin_a.complete_name,
                "location_barcode": "PITEST-A01",
            },
        )
        self.assertTrue(reloaded["can_undo"])
        self.assertFalse(self._screen(self.counter_2)["current"], "Colin's screen knows only his own steps")
        self.assertTrue(self.rpc(self.counter_1, SCANNER, "undo", self.count_session.ids)["can_undo"])
        self.assertFalse(self.rpc(self.counter_1, SCANNER, "undo", self.count_session.ids)["can_undo"])
        self.assertEqual(self._screen(self.counter_1)["current"]["location_id"], self.bin_a.id)

    def test_after_finishing_a_location_a_reload_asks_for_the_next_one(self):
        at_a = self._scan(self.counter_1, "PITEST-A01")
        self._scan(self.counter_1, self.beans.barcode, at_a)

        self.rpc(self.counter_1, SCANNER, "finish_location", self.count_session.id, self.bin_a.id)

        screen = self._screen(self.counter_1)
        self.assertEqual((screen["current"], screen["can_undo"]), (False, True))
