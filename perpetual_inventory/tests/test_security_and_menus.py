from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestSecurityAndMenus(TransactionCase):

    def test_managers_and_finance_form_a_chain_and_counters_stand_apart(self):
        counter = self.env.ref("perpetual_inventory.group_counter")
        manager = self.env.ref("perpetual_inventory.group_manager")
        finance = self.env.ref("perpetual_inventory.group_finance_approver")
        self.assertEqual(finance.category_id, manager.category_id)
        self.assertEqual(finance.category_id.name, "Perpetual Inventory")
        self.assertEqual(counter.category_id.name, "Blind Counting")
        self.assertIn(manager, finance.implied_ids)
        self.assertIn(self.env.ref("stock.group_stock_user"), manager.implied_ids)
        # Counters are blind: no other role implies the group, or its holders would lose costs.
        implying = self.env["res.groups"].search([("implied_ids", "in", counter.id)])
        self.assertFalse(implying)

    def test_counter_is_not_an_inventory_user(self):
        # Counters must not read quants (expected quantities) through stock rights.
        counter = self.env.ref("perpetual_inventory.group_counter")
        self.assertNotIn(self.env.ref("stock.group_stock_user"), counter.trans_implied_ids)

    def test_inventory_administrator_is_a_manager_and_admin_a_finance_approver(self):
        stock_admin = self.env.ref("stock.group_stock_manager")
        self.assertIn(self.env.ref("perpetual_inventory.group_manager"), stock_admin.trans_implied_ids)
        self.assertIn(self.env.ref("perpetual_inventory.group_finance_approver"),
                      self.env.ref("base.user_admin").groups_id)

    def test_each_role_has_its_menu(self):
        expectations = {
            "perpetual_inventory.menu_count_root": (
                "perpetual_inventory.group_counter,perpetual_inventory.group_manager", False),
            "perpetual_inventory.menu_counting": ("perpetual_inventory.group_manager", "stock.menu_stock_root"),
            "perpetual_inventory.menu_perpetual_inventory_settings": (
                "stock.group_stock_manager", "perpetual_inventory.menu_perpetual_inventory_config"),
            "perpetual_inventory.menu_accounting_perpetual_inventory": (
                "account.group_account_readonly", "account.menu_finance_reports"),
        }
        for xmlid, (group_xmlid, parent_xmlid) in expectations.items():
            menu = self.env.ref(xmlid)
            groups = self.env["res.groups"].concat(*(self.env.ref(x) for x in group_xmlid.split(",")))
            self.assertEqual(menu.groups_id, groups, xmlid)
            expected_parent = self.env.ref(parent_xmlid) if parent_xmlid else self.env["ir.ui.menu"]
            self.assertEqual(menu.parent_id, expected_parent, xmlid)

    def test_settings_menu_visible_to_inventory_admin_only(self):
        settings_menu = self.env.ref("perpetual_inventory.menu_perpetual_inventory_settings")
        manager = self.env["res.users"].create({
            "name": "Plain manager", "login": "pi_plain_manager",
            "groups_id": [(6, 0, [self.env.ref("perpetual_inventory.group_manager").id])],
        })
        visible_ids = self.env["ir.ui.menu"].with_user(manager)._visible_menu_ids()
        self.assertNotIn(settings_menu.id, visible_ids)
        admin_visible = self.env["ir.ui.menu"].with_user(self.env.ref("base.user_admin"))._visible_menu_ids()
        self.assertIn(settings_menu.id, admin_visible)
