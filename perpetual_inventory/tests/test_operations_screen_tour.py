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

    def test_demo_warehouse_user_receives_a_demo_purchase_order_from_the_landing_page(self):
        # The demo belongs to the main company, not to the test setup's own.
        receipt = self.env.ref("perpetual_inventory.picking_demo_receipt_1").sudo()

        self.start_tour("/odoo", "perpetual_inventory_operations_demo_tour", login="warehouse")

        self.assertEqual(receipt.state, "done")
        self.assertEqual(
            sorted((move.product_id.default_code, move.quantity) for move in receipt.move_ids),
            [("RT003", 24), ("RT009", 12)],
        )
        self.assertEqual(set(receipt.move_ids.stock_valuation_layer_ids.mapped("quantity")), {24, 12})

    def test_demo_warehouse_user_receives_a_customer_return_with_a_damaged_unit(self):
        customer_return = self.env.ref("perpetual_inventory.picking_demo_return_1").sudo()
        move = customer_return.move_ids
        where = move.move_line_ids.location_dest_id
        product = move.product_id.with_company(customer_return.company_id).with_context(location=where.id)
        on_hand_before = product.qty_available

        self.start_tour("/odoo", "perpetual_inventory_operations_return_tour", login="warehouse")

        self.assertEqual((customer_return.state, move.quantity), ("done", 2))
        scrap = self.env["stock.scrap"].sudo().search([("picking_id", "=", customer_return.id)])
        self.assertEqual(
            (scrap.scrap_qty, scrap.location_id, scrap.variance_reason_id),
            (1, where, self.env.ref("perpetual_inventory.reason_damaged_return")),
        )
        self.assertEqual(
            (scrap.state, scrap.variance_id.state), ("draft", "to_approve"), "the manager approves"
        )
        product.invalidate_recordset()
        self.assertEqual(product.qty_available, on_hand_before + 2, "nothing leaves before approval")
        marks = (
            self.env["stock.operation.scan"]
            .sudo()
            .search([("picking_id", "=", customer_return.id), ("action", "=", "damaged")])
        )
        self.assertEqual((marks.user_id.login, marks.qty_after), ("warehouse", 1))

    def test_tagged_goods_received_against_the_order_by_one_rfid_read(self):
        self._scan_rules(self.in_type, product=True, allow_extra=False, allow_empty_validation=False)
        receipt = self._receipt([(self.beans, 3, 5.0), (self.tea, 1, 4.0)])
        receipt.origin = "PO-TOUR-3"

        self.start_tour("/odoo", "perpetual_inventory_operations_rfid_tour", login=self.warehouse_user.login)

        self.assertEqual(receipt.state, "done")
        self.assertEqual(
            sorted((move.product_id.name, move.quantity) for move in receipt.move_ids),
            [("Espresso Beans", 3), ("Green Tea", 1)],
        )
        self.assertEqual(len(self.env["stock.epc.read"].search([("picking_id", "=", receipt.id)])), 4)

    def test_pick_with_a_wrong_product_then_short_asks_for_the_backorder(self):
        self._scan_rules(self.out_type, source_location=True, product=True, allow_extra=False)
        delivery = self._delivery([(self.beans, 4)])
        delivery.origin = "SO-TOUR-2"

        self.start_tour("/odoo", "perpetual_inventory_operations_pick_tour", login=self.warehouse_user.login)

        self.assertEqual(delivery.state, "done")
        self.assertEqual((delivery.move_ids.quantity, delivery.move_line_ids.location_id), (3, self.bin_a))
        backorder = self.env["stock.picking"].search([("backorder_id", "=", delivery.id)])
        self.assertEqual(backorder.move_ids.product_uom_qty, 1)
        errors = self.env["stock.operation.scan"].search(
            [("picking_id", "=", delivery.id), ("action", "=", "pick_error")]
        )
        self.assertEqual(
            [(error.error_kind, error.product_id) for error in errors], [("wrong_product", self.tea)]
        )

    def test_bin_to_bin_move_started_by_scanning_the_bin(self):
        self.start_tour(
            "/odoo", "perpetual_inventory_operations_internal_tour", login=self.warehouse_user.login
        )

        moved = self.env["stock.picking"].search(
            [("picking_type_id", "=", self.int_type.id), ("location_id", "=", self.bin_a.id)]
        )
        self.assertEqual((moved.state, moved.move_line_ids.location_dest_id), ("done", self.bin_b))
        self.assertEqual(self._quantity(self.beans, self.bin_b), 2)
        self.assertEqual(self._quantity(self.beans, self.bin_a), 8)

    def test_the_menu_is_for_warehouse_users_not_counters(self):
        menu = self.env.ref("perpetual_inventory.menu_operations_screen")
        visible = self.env["ir.ui.menu"].with_user(self.warehouse_user)._visible_menu_ids()
        self.assertIn(menu.id, visible)
        hidden = self.env["ir.ui.menu"].with_user(self.counter_1)._visible_menu_ids()
        self.assertNotIn(menu.id, hidden)
