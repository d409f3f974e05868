from odoo import Command
from odoo.tests import tagged

from odoo.addons.perpetual_inventory.tests.rpc_common import RpcCommon
from odoo.addons.perpetual_inventory.tests.rpc_views import ViewReadMixin

COUNTING = ["count_counter_ids", "count_responsible_id", "count_calendar_id", "count_capacity"]


@tagged("post_install", "-at_install")
class TestWarehouseCountingAccess(ViewReadMixin, RpcCommon):
    """Managers set a warehouse's counting (counters, responsible, calendar, capacity) in
    Configuration > Warehouse Management > Warehouses; the rest of a warehouse stays with
    Inventory administrators, and counters change nothing."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.warehouse = cls.company_data["default_warehouse"]
        cls.calendar = cls.env["resource.calendar"].create(
            {"name": "Counting days", "company_id": cls.company.id}
        )
        cls.stock_admin = cls._create_user("Ines Inventory", "pi_stock_admin", "stock.group_stock_manager")
        cls.stock_admin.password = cls.stock_admin.login

    def _reachable(self, user, *xmlids):
        """Those of the menus ``user`` reaches: the menu and every menu above it are visible."""
        visible_ids = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()

        def reachable(menu):
            return not menu or (menu.id in visible_ids and reachable(menu.parent_id))

        return [xmlid for xmlid in xmlids if reachable(self.env.ref(xmlid))]

    def test_manager_opens_a_warehouse_and_saves_its_counting(self):
        form = self._read_as_shown(
            self.manager, {"res_model": "stock.warehouse", "domain": [("id", "=", self.warehouse.id)]}, "form"
        )
        self.assertTrue(set(COUNTING) <= set(form[0]), "the form shows the counting settings")

        self.rpc(
            self.manager,
            "stock.warehouse",
            "web_save",
            [self.warehouse.id],
            {
                "count_counter_ids": [Command.set((self.counter_1 | self.counter_2).ids)],
                "count_responsible_id": self.manager.id,
                "count_calendar_id": self.calendar.id,
                "count_capacity": 40,
            },
            specification={"count_capacity": {}},
        )

        self.assertEqual(
            (
                self.warehouse.count_counter_ids,
                self.warehouse.count_responsible_id,
                self.warehouse.count_calendar_id,
                self.warehouse.count_capacity,
            ),
            (self.counter_1 | self.counter_2, self.manager, self.calendar, 40),
        )

    def test_the_rest_of_a_warehouse_stays_with_inventory_administrators(self):
        name = self.warehouse.name
        for values in (
            {"name": "Renamed"},
            {"code": "XX"},
            {"reception_steps": "two_steps"},
            {"active": False},
            {"count_capacity": 5, "name": "Renamed"},
        ):
            with self.subTest(values=values):
                self.assertRpcRefused(
                    self.manager,
                    "stock.warehouse",
                    "write",
                    [self.warehouse.id],
                    values,
                    message="Only Inventory administrators",
                )
        self.assertRpcRefused(self.manager, "stock.warehouse", "create", {"name": "Annex", "code": "ANX"})
        self.assertRpcRefused(self.manager, "stock.warehouse", "unlink", [self.warehouse.id])
        self.assertEqual((self.warehouse.name, self.warehouse.count_capacity), (name, 0))

        self.rpc(
            self.stock_admin,
            "stock.warehouse",
            "write",
            [self.warehouse.id],
            {"name": "Main Warehouse", "count_capacity": 25},
        )
        self.assertEqual((self.warehouse.name, self.warehouse.count_capacity), ("Main Warehouse", 25))

    def test_counters_change_no_warehouse(self):
        for values in ({"count_capacity": 1}, {"count_counter_ids": [Command.set(self.counter_1.ids)]}):
            with self.subTest(values=values):
                self.assertRpcRefused(self.counter_1, "stock.warehouse", "write", [self.warehouse.id], values)
        self.assertEqual(
            (self.warehouse.count_capacity, self.warehouse.count_counter_ids), (0, self.env["res.users"])
        )

    def test_managers_find_warehouses_in_the_configuration(self):
        menus = (
            "stock.menu_stock_config_settings",
            "stock.menu_warehouse_config",
            "stock.menu_action_warehouse_form",
        )
        self.assertEqual(
            self._reachable(self.manager, *menus, "stock.menu_pickingtype"),
            list(menus),
            "Warehouses, not the operation types",
        )
        self.assertEqual(
            self._reachable(self.stock_admin, *menus, "stock.menu_pickingtype"),
            [*menus, "stock.menu_pickingtype"],
        )
        self.assertEqual(self._reachable(self.counter_1, *menus), [])
