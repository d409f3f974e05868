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
        self.assertIn(
            self.env.ref("perpetual_inventory.group_finance_approver"),
            self.env.ref("base.user_admin").groups_id,
        )

    def test_each_role_has_its_menu(self):
        expectations = {
            "perpetual_inventory.menu_count_root": (
                "perpetual_inventory.group_counter,perpetual_inventory.group_manager",
                False,
            ),
            "perpetual_inventory.menu_counting": (
                "perpetual_inventory.group_manager",
                "stock.menu_stock_root",
            ),
            "perpetual_inventory.menu_perpetual_inventory_settings": (
                "base.group_system",
                "perpetual_inventory.menu_perpetual_inventory_config",
            ),
            "perpetual_inventory.menu_accounting_perpetual_inventory": (
                "account.group_account_readonly",
                "account.menu_finance_reports",
            ),
        }
        for xmlid, (group_xmlid, parent_xmlid) in expectations.items():
            menu = self.env.ref(xmlid)
            groups = self.env["res.groups"].concat(*(self.env.ref(x) for x in group_xmlid.split(",")))
            self.assertEqual(menu.groups_id, groups, xmlid)
            expected_parent = self.env.ref(parent_xmlid) if parent_xmlid else self.env["ir.ui.menu"]
            self.assertEqual(menu.parent_id, expected_parent, xmlid)

    def _visible(self, user, *xmlids):
        visible_ids = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
        return [xmlid for xmlid in xmlids if self.env.ref(xmlid).id in visible_ids]

    def test_accounting_roles_see_the_cogs_review_and_reconciliation(self):
        accounting_menus = (
            "account.menu_finance",
            "account.menu_finance_reports",
            "perpetual_inventory.menu_stock_cogs_report",
            "perpetual_inventory.menu_stock_gl_reconciliation",
        )
        billing_admin = self.env["res.users"].create(
            {
                "name": "Billing admin",
                "login": "pi_billing_admin",
                "groups_id": [(6, 0, [self.env.ref("account.group_account_manager").id])],
            }
        )
        billing_user = self.env["res.users"].create(
            {
                "name": "Billing clerk",
                "login": "pi_billing_clerk",
                "groups_id": [(6, 0, [self.env.ref("account.group_account_invoice").id])],
            }
        )
        for user in (
            self.env.ref("base.user_admin"),
            self.env.ref("perpetual_inventory.user_finance"),
            self.env.ref("perpetual_inventory.user_accountant"),
            billing_admin,
        ):
            self.assertEqual(self._visible(user, *accounting_menus), list(accounting_menus), user.login)
            # Journal items of an entry and a move's journal entries are behind this group.
            self.assertTrue(user.has_group("account.group_account_readonly"), user.login)
        self.assertEqual(self._visible(billing_user, *accounting_menus[2:]), [])
        self.assertEqual(
            self._visible(self.env.ref("perpetual_inventory.user_manager"), *accounting_menus), []
        )

    def test_demo_users_land_where_their_journey_starts(self):
        # (home action, the menu entry that opens it, its app): the web client opens the
        # action at /odoo and shows its app's menus.
        landings = {
            "perpetual_inventory.user_accountant": (
                "perpetual_inventory.action_stock_cogs_report",
                "perpetual_inventory.menu_stock_cogs_report",
                "account.menu_finance",
            ),
            "perpetual_inventory.user_finance": (
                "perpetual_inventory.action_stock_variance_waiting_finance",
                "perpetual_inventory.menu_stock_variance_waiting_finance",
                "stock.menu_stock_root",
            ),
            "perpetual_inventory.user_manager": (
                "perpetual_inventory.action_stock_count_session",
                "perpetual_inventory.menu_count_sessions",
                "stock.menu_stock_root",
            ),
            "perpetual_inventory.user_warehouse": (
                "perpetual_inventory.action_operations_screen",
                "perpetual_inventory.menu_operations_screen",
                "stock.menu_stock_root",
            ),
        }
        for user_xmlid, (action_xmlid, menu_xmlid, app_xmlid) in landings.items():
            user = self.env.ref(user_xmlid)
            self.assertEqual(user.action_id.id, self.env.ref(action_xmlid).id, user.login)
            self.assertEqual(self.env.ref(menu_xmlid).action.id, user.action_id.id, user.login)
            self.assertEqual(self._visible(user, app_xmlid, menu_xmlid), [app_xmlid, menu_xmlid], user.login)
        waiting_for_finance = "perpetual_inventory.menu_stock_variance_waiting_finance"
        self.assertEqual(
            self._visible(self.env.ref("perpetual_inventory.user_manager"), waiting_for_finance), []
        )
        self.assertEqual(
            self.env.ref(waiting_for_finance).action.context, "{'search_default_waiting_finance': 1}"
        )

    def test_finance_approver_and_accounting_admin_are_stock_accountants(self):
        accountant = self.env.ref("perpetual_inventory.group_stock_accountant")
        self.assertIn(
            accountant, self.env.ref("perpetual_inventory.group_finance_approver").trans_implied_ids
        )
        self.assertIn(accountant, self.env.ref("account.group_account_manager").trans_implied_ids)
        self.assertIn(self.env.ref("account.group_account_readonly"), accountant.implied_ids)
        # The company's stock accountant is chosen among them.
        company = self.env.ref("base.main_company")
        company_field = company._fields["stock_accountant_id"]
        domain = company_field.get_domain_list(company)
        self.assertEqual(
            self.env["res.users"].search(domain),
            self.env["res.users"].search([("groups_id", "in", accountant.id)]),
        )

    def test_managers_reach_the_suites_configuration_and_reporting(self):
        manager = self.env.ref("perpetual_inventory.user_manager")
        self.assertFalse(manager.has_group("stock.group_stock_manager"))
        menus = (
            "stock.menu_stock_config_settings",
            "perpetual_inventory.menu_perpetual_inventory_config",
            "perpetual_inventory.menu_stock_variance_reason",
            "stock.menu_warehouse_report",
            "perpetual_inventory.menu_stock_variance_analysis",
        )
        self.assertEqual(self._visible(manager, *menus), list(menus))
        counter = self.env.ref("perpetual_inventory.user_counter")
        self.assertEqual(self._visible(counter, *menus), [])

    def test_settings_menu_opens_at_the_suites_block(self):
        action = self.env.ref("perpetual_inventory.menu_perpetual_inventory_settings").action
        self.assertEqual(action.context, "{'module': 'stock', 'bin_size': False}")
        arch = self.env["res.config.settings"].get_view(action.view_id.id, "form")["arch"]
        stock_app = arch[arch.index('name="stock"') :]
        first_block = stock_app[stock_app.index("<block") :]
        self.assertTrue(
            first_block.startswith(
                '<block title="Perpetual Inventory" name="perpetual_inventory_setting_container"'
            ),
            first_block[:200],
        )

    def test_settings_menu_visible_to_settings_administrators_only(self):
        settings_menu = self.env.ref("perpetual_inventory.menu_perpetual_inventory_settings")
        manager = self.env["res.users"].create(
            {
                "name": "Plain manager",
                "login": "pi_plain_manager",
                "groups_id": [(6, 0, [self.env.ref("perpetual_inventory.group_manager").id])],
            }
        )
        visible_ids = self.env["ir.ui.menu"].with_user(manager)._visible_menu_ids()
        self.assertNotIn(settings_menu.id, visible_ids)
        admin_visible = self.env["ir.ui.menu"].with_user(self.env.ref("base.user_admin"))._visible_menu_ids()
        self.assertIn(settings_menu.id, admin_visible)
