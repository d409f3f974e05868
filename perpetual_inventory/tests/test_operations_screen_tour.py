from odoo.tests import HttpCase, tagged

from .operation_common import OperationCommon


@tagged("post_install", "-at_install")
class TestOperationsScreenTour(OperationCommon, HttpCase):
    """A warehouse user receives a purchase order on a phone (412 x 915, touch) with a
    keyboard-wedge scanner, in the Operations screen."""

    browser_size = "412x915"
    touch_enabled = True

    def test_receipt_scanned_and_validated_on_a_phone(self):
        self._scan_rules(self.in_type, product=True, allow_extra=True, allow_empty_validation=False)
        receipt = self._receipt([(self.beans, 2, 5.0), (self.tea, 1, 4.0)])
        receipt.origin = "PO-TOUR-1"

        self.start_tour("/odoo", "perpetual_inventory_operations_tour", login=self.warehouse_user.login)

        self.assertEqual(receipt.state, "done")
        self.assertEqual(
            sorted((move.product_id.name, move.quantity) for move in receipt.move_ids),
            [("Espresso Beans", 2), ("Green Tea", 1)],
        )

    def test_the_menu_is_for_warehouse_users_not_counters(self):
        menu = self.env.ref("perpetual_inventory.menu_operations_screen")
        visible = self.env["ir.ui.menu"].with_user(self.warehouse_user)._visible_menu_ids()
        self.assertIn(menu.id, visible)
        hidden = self.env["ir.ui.menu"].with_user(self.counter_1)._visible_menu_ids()
        self.assertNotIn(menu.id, hidden)
