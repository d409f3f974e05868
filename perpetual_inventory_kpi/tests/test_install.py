from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestInstall(TransactionCase):
    def test_installed_on_top_of_cycle_counting(self):
        module = self.env["ir.module.module"].search([("name", "=", "perpetual_inventory_kpi")])
        self.assertEqual(module.state, "installed")
        self.assertIn("perpetual_inventory_cyclecount", module.dependencies_id.mapped("name"))
        menu = self.env.ref("perpetual_inventory_kpi.menu_inventory_kpi")
        self.assertEqual(menu.parent_id, self.env.ref("stock.menu_warehouse_report"))
        self.assertEqual(menu.groups_id, self.env.ref("perpetual_inventory.group_manager"))
