from odoo.tests import HttpCase, tagged

from .scanner_common import ScannerCommon

COUNT_SCREEN_URL = "/odoo/action-perpetual_inventory.action_count_screen"
BEANS, TEA = "2999900000013", "2999900000020"


class CountScreenTourCommon(ScannerCommon, HttpCase):
    """Counter 1 counts Espresso Beans and Green Tea in A-01, on a phone (412 x 915, touch)."""

    browser_size = "412x915"
    touch_enabled = True

    def setUp(self):
        super().setUp()
        # One counter with both bins: beans and tea expected in A-01 ... and tea also in B-01.
        self.count_session.line_ids.filtered(
            lambda line: line.product_id in (self.honey, self.camera)
        ).unlink()
        self.count_session.line_ids.counter_id = self.counter_1
        self.count_session.line_ids.filtered(
            lambda line: line.location_id == self.bin_b
        ).location_id = self.bin_a


@tagged("post_install", "-at_install")
class TestCountScreenTour(CountScreenTourCommon):
    """A counter uses the Count screen in Chromium on a phone-sized viewport, scanning
    with a keyboard-wedge scanner."""

    def _log(self, product):
        """(action, quantity after, undone) of the product's scan log, oldest first."""
        entries = self.env["stock.count.scan"].search(
            [("session_id", "=", self.count_session.id), ("line_id.product_id", "=", product.id)], order="id"
        )
        return [(entry.action, entry.qty_after, entry.undone) for entry in entries]

    def test_count_scan_type_undo_finish(self):
        self.start_tour(COUNT_SCREEN_URL, "perpetual_inventory_count_tour", login=self.counter_1.login)

        beans = self._line(self.count_session, self.beans)
        tea = self._line(self.count_session, self.tea)
        self.assertEqual(
            (beans.counted_qty, beans.state, beans.counted_by_id), (5, "counted", self.counter_1)
        )
        self.assertEqual((tea.counted_qty, tea.state), (1500, "counted"))
        self.assertEqual(self.count_session.state, "counted")
        # Enter then leaving the field saved once; the refused 5000 left no trace.
        self.assertEqual(
            self._log(self.beans),
            [
                ("scan", 1, False),
                ("scan", 2, False),
                ("scan", 3, True),
                ("undo", 2, False),
                ("typed", 5, False),
            ],
        )
        self.assertEqual(
            self._log(self.tea),
            [
                ("zero", 0, True),
                ("undo", 0, False),
                ("typed", 1500, False),
            ],
        )

    def test_errors_are_shown_and_nothing_is_recorded(self):
        before = self._lines_snapshot()

        self.start_tour(COUNT_SCREEN_URL, "perpetual_inventory_count_errors_tour", login=self.counter_1.login)

        self.assertEqual(self._lines_snapshot(), before)
        self.assertEqual(self.count_session.state, "in_progress")

    def test_burst_of_scans_is_counted_in_order(self):
        self.start_tour(COUNT_SCREEN_URL, "perpetual_inventory_count_burst_tour", login=self.counter_1.login)

        self.assertEqual(self._line(self.count_session, self.beans).counted_qty, 4)
        self.assertEqual(self._line(self.count_session, self.tea).counted_qty, 2)
        entries = self.env["stock.count.scan"].search(
            [("session_id", "=", self.count_session.id)], order="id"
        )
        self.assertEqual(entries.mapped("barcode"), ["PITEST-A01", BEANS, BEANS, TEA, BEANS, TEA, BEANS])
        self.assertEqual(entries.mapped("qty_after"), [0, 1, 2, 1, 3, 2, 4])


@tagged("post_install", "-at_install")
class TestCountScreenPhone(CountScreenTourCommon):
    """A counter logs in on a phone and lands on the Count screen, with a long round of
    shelves to walk."""

    def setUp(self):
        super().setUp()
        shelves = self.env["stock.location"].create(
            [
                {"name": f"C-{number:02d}", "barcode": f"PITEST-C{number:02d}", "location_id": self.bin_a.id}
                for number in range(1, 13)
            ]
        )
        self.env["stock.count.line"].create(
            [
                {
                    "session_id": self.count_session.id,
                    "location_id": shelf.id,
                    "product_id": self.soap.id,
                    "counter_id": self.counter_1.id,
                }
                for shelf in shelves
            ]
        )
        self._count(self._line(self.count_session, self.beans), 4)

    def test_counter_lands_on_count_screen_and_finds_the_way_back(self):
        self.start_tour("/odoo", "perpetual_inventory_count_phone_tour", login=self.counter_1.login)

    def test_managers_and_users_with_a_home_action_keep_theirs(self):
        self.manager.password = self.manager.login
        screen = self.env.ref("perpetual_inventory.action_count_screen")
        self.assertEqual(self._home_action(self.counter_1), screen.id)
        self.assertFalse(self._home_action(self.manager))
        my_counts = self.env.ref("perpetual_inventory.action_my_count_lines")
        self.counter_1.action_id = my_counts.id
        self.assertEqual(self._home_action(self.counter_1), my_counts.id)

    def _home_action(self, user):
        self.authenticate(user.login, user.login)
        return self.make_jsonrpc_request("/web/session/get_session_info")["home_action_id"]


@tagged("post_install", "-at_install")
class TestCountScreenRfidTour(CountScreenTourCommon):
    """A counter's RFID reader, in keyboard-wedge mode, on the phone's Count screen."""

    def test_a_trigger_pull_counts_each_tag_once(self):
        self.start_tour(COUNT_SCREEN_URL, "perpetual_inventory_count_rfid_tour", login=self.counter_1.login)

        self.assertEqual(self._line(self.count_session, self.beans).counted_qty, 2)
        self.assertEqual(self._line(self.count_session, self.tea).state, "to_count")
        register = self.env["stock.epc.read"].search([("session_id", "=", self.count_session.id)])
        self.assertEqual(
            sorted(register.mapped("epc")), ["3034B7197000004000000001", "3034B7197000004000000002"]
        )
        self.assertEqual(register.user_id, self.counter_1)
