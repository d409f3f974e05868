from odoo import Command, fields
from odoo.tests import HttpCase, JsonRpcException, tagged


@tagged("post_install", "-at_install")
class TestTodaysCounts(HttpCase):
    """*Count › Today's Counts* on the demo database, as the demo counter: run the way the
    web client runs it, then walked on a phone."""

    browser_size = "412x915"
    touch_enabled = True

    def setUp(self):
        super().setUp()
        self.counter = self.env.ref("perpetual_inventory.user_counter")
        self.action = self.env.ref("perpetual_inventory_cyclecount.action_todays_counts")
        self.todays = self.env["stock.count.session"].search(
            [
                ("schedule_date", "=", fields.Date.context_today(self.counter)),
                ("state", "=", "in_progress"),
                ("counter_ids", "in", self.counter.id),
            ]
        )

    def _call(self, model, method, *args, **kwargs):
        """``model.method`` called by the user logged in, as the web client calls it."""
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {
                "model": model,
                "method": method,
                "args": list(args),
                "kwargs": kwargs,
            },
        )

    def _run_todays_counts(self, login):
        self.authenticate(login, login)
        return self.make_jsonrpc_request("/web/action/run", {"action_id": self.action.id})

    def _my_lines(self):
        return self.todays.line_ids.filtered(lambda line: line.counter_id == self.counter)

    def test_the_demo_counter_opens_todays_counts_with_lines_to_count(self):
        self.assertTrue(
            self._my_lines().filtered(lambda line: line.state == "to_count"),
            "the demo counter has lines to count today",
        )

        action = self._run_todays_counts("counter")

        self.assertEqual(
            (action["type"], action["tag"]), ("ir.actions.client", "perpetual_inventory.count_screen")
        )
        self.assertEqual(action["context"]["active_ids"], self.todays.ids)
        screen = self._call(
            "stock.count.scanner", "get_screen_data", session_ids=action["context"]["active_ids"]
        )
        self.assertEqual(
            [session["id"] for session in screen["sessions"]],
            self.todays.ids,
            "today's counts only, not the counter's other counts in progress",
        )
        self.assertEqual(
            sorted(line["id"] for group in screen["locations"] for line in group["lines"]),
            sorted(self._my_lines().ids),
        )

    def test_counters_still_cannot_change_a_session(self):
        self._run_todays_counts("counter")
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self._call("stock.count.session", "write", self.todays.ids, {"note": "mine now"})
        self.assertEqual(self.todays.state, "in_progress")

    def test_users_who_do_not_count_cannot_run_it(self):
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self._run_todays_counts("accountant")

    def test_the_counter_counts_today_on_a_phone_and_finishes(self):
        # Carla walks one shelf of today's count to the end; Colin takes the rest of her list.
        mine = self._my_lines()
        session, shelf = mine[:1].session_id, mine[:1].location_id
        walked = mine.filtered(lambda line: line.session_id == session and line.location_id == shelf)
        (mine - walked).counter_id = self.env.ref("perpetual_inventory.user_counter_2")
        (self.todays - session).write({"counter_ids": [Command.unlink(self.counter.id)]})

        self.start_tour("/odoo", "perpetual_inventory_cyclecount_todays_counts_tour", login="counter")

        self.assertEqual(set(walked.mapped("state")), {"counted"})
        self.assertEqual(
            sorted(walked.mapped("counted_qty")),
            [0.0] * (len(walked) - 1) + [1.0],
            "one product scanned twice, once undone; the rest not found",
        )
        self.assertIn(self.counter, session.finished_counter_ids)
        steps = self.env["stock.count.scan"].search(
            [("session_id", "=", session.id), ("user_id", "=", self.counter.id)], order="id"
        )
        self.assertEqual(
            steps.mapped("action"),
            ["location", "scan", "scan", "undo"] + ["zero"] * (len(walked) - 1) + ["finish"],
        )
