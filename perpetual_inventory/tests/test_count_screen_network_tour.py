from odoo.tests import tagged

from .test_count_screen_tour import COUNT_SCREEN_URL, CountScreenTourCommon


@tagged("post_install", "-at_install")
class TestCountScreenNetworkTour(CountScreenTourCommon):
    """The network drops answers in the middle of a burst of scans, then the page is
    reloaded with scans waiting: nothing is lost, nothing is counted twice."""

    def test_scans_survive_lost_answers_and_a_reload(self):
        self.start_tour(
            COUNT_SCREEN_URL, "perpetual_inventory_count_network_tour", login=self.counter_1.login
        )

        beans = self._line(self.count_session, self.beans)
        tea = self._line(self.count_session, self.tea)
        self.assertEqual((beans.counted_qty, tea.counted_qty), (4, 2))
        scans = self.env["stock.count.scan"].search(
            [("session_id", "=", self.count_session.id), ("action", "=", "scan")]
        )
        self.assertEqual(
            sorted(scan.line_id.product_id.name for scan in scans), ["Espresso Beans"] * 4 + ["Green Tea"] * 2
        )
        requests = self.env["perpetual.scan.request"].sudo().search([("user_id", "=", self.counter_1.id)])
        self.assertEqual(len(requests), 7, "the location and six scans, each once")
