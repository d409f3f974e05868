from odoo.tests import HttpCase, tagged

from .scanner_common import ScannerCommon

COUNT_SCREEN_URL = "/odoo/action-perpetual_inventory.action_count_screen"


@tagged("post_install", "-at_install")
class TestCountScreenTour(ScannerCommon, HttpCase):
    """A counter uses the Count screen in Chromium on a phone-sized viewport, scanning
    with a keyboard-wedge scanner."""

    browser_size = "412x915"
    touch_enabled = True

    def setUp(self):
        super().setUp()
        # One counter with both bins: beans and tea expected in A-01 ... and tea also in B-01.
        self.count_session.line_ids.filtered(lambda line: line.product_id in (self.honey, self.camera)).unlink()
        self.count_session.line_ids.counter_id = self.counter_1
        self.count_session.line_ids.filtered(lambda line: line.location_id == self.bin_b).location_id = self.bin_a

    def test_count_scan_type_undo_finish(self):
        self.start_tour(COUNT_SCREEN_URL, "perpetual_inventory_count_tour", login=self.counter_1.login)

        beans = self._line(self.count_session, self.beans)
        tea = self._line(self.count_session, self.tea)
        self.assertEqual((beans.counted_qty, beans.state, beans.counted_by_id), (2, "counted", self.counter_1))
        self.assertEqual((tea.counted_qty, tea.state), (7, "counted"))
        self.assertEqual(self.count_session.state, "counted")

    def test_errors_are_shown_and_nothing_is_recorded(self):
        before = self._lines_snapshot()

        self.start_tour(COUNT_SCREEN_URL, "perpetual_inventory_count_errors_tour", login=self.counter_1.login)

        self.assertEqual(self._lines_snapshot(), before)
        self.assertEqual(self.count_session.state, "in_progress")
