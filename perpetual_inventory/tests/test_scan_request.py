from odoo.tests import tagged

from .rpc_common import RpcCommon

SCANNER = "stock.count.scanner"


@tagged("post_install", "-at_install")
class TestScanRequest(RpcCommon):
    """A request the Count screen sends again with the same id (its answer was lost)
    gets the first answer back and counts nothing more, whatever the role's RPC does."""

    def _at_bin_a(self, user=None):
        return self.rpc(
            user or self.counter_1, SCANNER, "scan", "PITEST-A01", session_ids=self.count_session.ids
        )

    def _scan(self, barcode, current, request_id, user=None):
        return self.rpc(
            user or self.counter_1,
            SCANNER,
            "scan",
            barcode,
            session_id=current["session_id"],
            location_id=current["location_id"],
            request_id=request_id,
        )

    def _requests(self, user):
        return self.env["perpetual.scan.request"].sudo().search([("user_id", "=", user.id)])

    def test_the_same_scan_sent_twice_counts_once_and_answers_the_same(self):
        current = self._at_bin_a()

        first = self._scan(self.beans.barcode, current, "scan-1")
        again = self._scan(self.beans.barcode, current, "scan-1")
        self.env.invalidate_all()

        self.assertEqual(again, first)
        line = self._line(self.count_session, self.beans)
        self.assertEqual((line.counted_qty, len(line.scan_ids)), (1, 1))
        stored = self._requests(self.counter_1)
        self.assertEqual(
            (stored.request_id, stored.res_model, stored.res_id, stored.answer),
            ("scan-1", "stock.count.session", self.count_session.id, first),
        )
        # Stored in one statement: every column the ORM's create fills, filled the same way.
        self.assertEqual((stored.user_id, stored.create_uid, stored.write_uid), (self.counter_1,) * 3)
        self.assertTrue(stored.create_date and stored.create_date == stored.write_date)
        made_by_orm = (
            self.env["perpetual.scan.request"]
            .with_user(self.counter_1)
            .sudo()
            .create(
                {
                    "request_id": "scan-orm",
                    "res_model": stored.res_model,
                    "res_id": stored.res_id,
                    "answer": first,
                }
            )
        )
        for field in ("user_id", "create_uid", "write_uid", "res_model", "res_id", "answer"):
            self.assertEqual(made_by_orm[field], stored[field], field)
        # A new id is a new scan.
        self.assertEqual(self._scan(self.beans.barcode, current, "scan-2")["line"]["counted_qty"], 2)

    def test_typed_quantity_undo_and_finish_are_done_once(self):
        current = self._at_bin_a()
        beans = self._line(self.count_session, self.beans)
        self._scan(self.beans.barcode, current, "scan-1")
        self._scan(self.beans.barcode, current, "scan-2")

        for _attempt in range(2):
            undone = self.rpc(self.counter_1, SCANNER, "undo", self.count_session.ids, request_id="undo-1")
        self.env.invalidate_all()
        self.assertEqual(undone["lines"][0]["counted_qty"], 1)
        self.assertEqual(beans.counted_qty, 1, "the undo sent twice took back one scan")

        for _attempt in range(2):
            typed = self.rpc(self.counter_1, SCANNER, "set_quantity", beans.id, "7", request_id="type-1")
        self.assertEqual(typed["line"]["counted_qty"], 7)
        for _attempt in range(2):
            done = self.rpc(
                self.counter_1,
                SCANNER,
                "finish_location",
                current["session_id"],
                current["location_id"],
                request_id="finish-1",
            )
        self.assertEqual(done, {"type": "location_done", "zeroed": 2})
        self.env.invalidate_all()
        zeroed = self.count_session.line_ids.filtered(
            lambda line: line.location_id == self.bin_a and line.counted_qty == 0
        )
        self.assertEqual(len(zeroed.scan_ids), 2, "each line zeroed once")
        for _attempt in range(2):
            finished = self.rpc(
                self.counter_1, SCANNER, "finish_session", self.count_session.id, request_id="finish-2"
            )
        self.assertEqual(finished["type"], "session_done")
        self.assertEqual(self.count_session.finished_counter_ids, self.counter_1)

    def test_an_error_is_not_stored_so_the_retry_after_fixing_it_works(self):
        beans = self._line(self.count_session, self.beans)

        refused = self.rpc(self.counter_1, SCANNER, "set_quantity", beans.id, "-3", request_id="type-1")
        self.assertEqual(refused["type"], "error")
        self.assertFalse(self._requests(self.counter_1))
        counted = self.rpc(self.counter_1, SCANNER, "set_quantity", beans.id, "3", request_id="type-1")

        self.assertEqual(counted["line"]["counted_qty"], 3)
        self.env.invalidate_all()
        self.assertEqual(beans.counted_qty, 3)

    def test_another_users_request_id_does_not_collide(self):
        mine = self._at_bin_a()
        theirs = self.rpc(self.counter_2, SCANNER, "scan", "PITEST-B01", session_ids=self.count_session.ids)

        self._scan(self.beans.barcode, mine, "same-id")
        answer = self._scan(self.tea.barcode, theirs, "same-id", user=self.counter_2)

        self.assertEqual((answer["line"]["product_name"], answer["line"]["counted_qty"]), ("Green Tea", 1))
        self.env.invalidate_all()
        self.assertEqual(self._line(self.count_session, self.beans).counted_qty, 1)
        self.assertEqual(self._line(self.count_session, self.tea).counted_qty, 1)

    def test_invalid_request_ids_are_refused_and_count_nothing(self):
        current = self._at_bin_a()
        before = self._lines_snapshot()

        for request_id in (42, ["id"], "x" * 65, "   "):
            answer = self._scan(self.beans.barcode, current, request_id)
            self.assertEqual(answer["type"], "error", request_id)
            self.assertIn("invalid request id", answer["message"])
        self.env.invalidate_all()
        self.assertEqual(self._lines_snapshot(), before)
        self.assertFalse(self._requests(self.counter_1))

    def test_users_read_their_own_requests_only_and_nobody_changes_them(self):
        current = self._at_bin_a()
        self._scan(self.beans.barcode, current, "scan-1")
        theirs = self.rpc(self.counter_2, SCANNER, "scan", "PITEST-B01", session_ids=self.count_session.ids)
        self._scan(self.tea.barcode, theirs, "scan-1", user=self.counter_2)
        mine = self._requests(self.counter_1)
        model = "perpetual.scan.request"

        found = self.rpc(self.counter_1, model, "search_read", [], ["request_id", "user_id"])
        self.assertEqual([row["id"] for row in found], mine.ids)
        self.assertRpcRefused(self.counter_1, model, "write", mine.ids, {"answer": {"type": "line"}})
        self.assertRpcRefused(self.counter_1, model, "unlink", mine.ids)
        self.assertRpcRefused(self.manager, model, "unlink", mine.ids)
        self.assertRpcRefused(
            self.counter_1, model, "create", {"request_id": "forged", "user_id": self.counter_2.id}
        )
        self.assertEqual(len(self._requests(self.counter_2)), 1)
