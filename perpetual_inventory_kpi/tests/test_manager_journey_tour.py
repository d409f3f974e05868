from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestManagerJourneyTour(HttpCase):
    """The demo manager, from the page they land on, through the menus, in Chromium."""

    def test_manager_opens_every_kpi_tile_the_shrinkage_and_a_warehouses_counting(self):
        warehouse = self.env["stock.warehouse"].search(
            [("company_id", "=", self.env.ref("perpetual_inventory.user_manager").company_id.id)], limit=1
        )
        self.assertNotEqual(warehouse.count_capacity, 40)
        self.assertTrue(self.env["stock.kpi.shrinkage"].search_count([]), "the demo has posted losses")

        self.start_tour("/odoo", "perpetual_inventory_kpi_manager_journey_tour", login="manager")

        self.assertEqual(warehouse.count_capacity, 40)
