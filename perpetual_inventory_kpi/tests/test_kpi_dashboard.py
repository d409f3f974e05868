from odoo.tests import HttpCase, tagged

from .kpi_common import KpiCommon

DASHBOARD_URL = "/odoo/action-perpetual_inventory_kpi.action_kpi_dashboard"


@tagged("post_install", "-at_install")
class TestKpiDashboard(KpiCommon, HttpCase):
    """The dashboard's one server call, its statuses, its click-through, and the screen."""

    def setUp(self):
        super().setUp()
        yesterday_session, session = self._count_session(), self._count_session()
        self._decided_line(yesterday_session, self.beans, 10, 10, True, day=self._days_ago(1))
        self._decided_line(session, self.beans, 10, 10, True)
        self._decided_line(session, self.tea, 10, 7, False, state="confirmed")
        self.env["stock.kpi.snapshot"].sudo()._build_range(self._days_ago(1), self.today, self.company)

    def _tiles(self, **filters):
        data = self.env["stock.kpi.snapshot"].with_user(self.manager).get_dashboard_data(**filters)
        return data, {tile["key"]: tile for tile in data["tiles"]}

    def test_tiles_show_the_last_day_against_the_targets(self):
        data, tiles = self._tiles()

        self.assertEqual(data["dates"], [str(self._days_ago(1)), str(self.today)])
        record = tiles["record_accuracy"]
        self.assertEqual((record["value"], record["target"], record["status"]), (50.0, 98.0, "red"))
        self.assertEqual(record["trend"], [100.0, 50.0])
        self.assertEqual(tiles["quantity_accuracy"]["value"], 85.0)
        self.assertEqual(tiles["quantity_accuracy"]["status"], "none", "no target for quantity accuracy")
        self.assertIsNone(tiles["pick_accuracy"]["value"], "no delivery: no figure, not 100 %")

        _data, class_b = self._tiles(abc_class_id=self.classes["B"].id)
        self.assertEqual(class_b["record_accuracy"]["trend"], [], "nothing of class B was counted")
        other = self.env["stock.warehouse"].create(
            {"name": "Annex", "code": "ANX", "company_id": self.company.id}
        )
        _data, annex = self._tiles(warehouse_id=other.id)
        self.assertIsNone(annex["record_accuracy"]["value"])

    def test_tiles_say_which_day_they_show(self):
        data, tiles = self._tiles()
        today = self.today.strftime("%m/%d/%Y")
        self.assertEqual((data["date"], data["date_label"]), (str(self.today), f"{today}, so far"))
        self.assertEqual(tiles["record_accuracy"]["day_label"], f"{today}, so far")
        self.assertEqual(tiles["cogs_30"]["day_label"], f"30 days to {today}, so far")
        self.assertEqual(tiles["turnover"]["day_label"], f"365 days to {today}, so far")
        yesterday = self._days_ago(1)
        self.env["stock.kpi.snapshot"].sudo().search([("date", "=", self.today)]).unlink()
        data, tiles = self._tiles()
        self.assertEqual(data["date"], str(yesterday))
        self.assertEqual(tiles["stockout_rate"]["day_label"], yesterday.strftime("%m/%d/%Y"))
        self.assertEqual(tiles["dsi"]["day_label"], f"365 days to {yesterday:%m/%d/%Y}")

    def test_status_against_target(self):
        status = self.env["stock.kpi.snapshot"]._kpi_status
        self.assertEqual(
            [status(value, 98.0, "higher") for value in (98.0, 96.0, 95.9)], ["green", "amber", "red"]
        )
        self.assertEqual(
            [status(value, 2.0, "lower") for value in (2.0, 4.0, 4.1)], ["green", "amber", "red"]
        )
        self.assertEqual(status(None, 98.0, "higher"), "none")

    def test_a_tile_opens_the_records_behind_its_figure(self):
        action = (
            self.env["stock.kpi.snapshot"]
            .with_user(self.manager)
            .action_open_kpi_records(
                "record_accuracy", str(self.today), self.warehouse.id, self.classes["A"].id
            )
        )

        lines = self.env[action["res_model"]].search(action["domain"])
        self.assertEqual(lines.mapped("product_id"), self.beans | self.tea)

    def test_manager_opens_the_dashboard_and_a_tile(self):
        self.manager.password = self.manager.login
        self.start_tour(DASHBOARD_URL, "perpetual_inventory_kpi_dashboard_tour", login=self.manager.login)
