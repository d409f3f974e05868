from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestInstall(TransactionCase):
    def test_installed_on_top_of_the_core(self):
        modules = self.env["ir.module.module"].search(
            [
                ("name", "in", ["perpetual_inventory", "perpetual_inventory_cyclecount"]),
            ]
        )
        self.assertEqual(set(modules.mapped("state")), {"installed"})
        menu = self.env.ref("perpetual_inventory_cyclecount.menu_cycle_counting")
        self.assertEqual(menu.parent_id, self.env.ref("perpetual_inventory.menu_counting"))
        self.assertEqual(menu.groups_id, self.env.ref("perpetual_inventory.group_manager"))
