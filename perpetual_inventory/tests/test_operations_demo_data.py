from odoo.tests import tagged

from .rpc_common import RpcCommon

SCANNER = "stock.operation.scanner"
DEMO_RECEIPTS = {"picking_demo_receipt_1": "PO-DEMO-0001", "picking_demo_receipt_2": "PO-DEMO-0002"}
DEMO_DELIVERIES = {"picking_demo_delivery_1": "SO-DEMO-0001", "picking_demo_delivery_2": "SO-DEMO-0002"}


@tagged("post_install", "-at_install")
class TestOperationsDemoData(RpcCommon):
    """The demo warehouse user finds today's receipts and deliveries on the Operations
    screen, ready to scan, through the calls the screen makes."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The common test setup works in a company of its own; the demo is the main company's.
        cls.demo_env = cls.env(su=True)
        cls.demo_user = cls.demo_env.ref("perpetual_inventory.user_warehouse")
        cls.main_warehouse = cls.demo_env.ref("stock.warehouse0")

    def _demo_picking(self, xmlid):
        return self.demo_env.ref(f"perpetual_inventory.{xmlid}")

    def test_warehouse_user_is_an_inventory_user_landing_on_the_operations_screen(self):
        user = self.demo_user
        self.assertEqual(user.login, "warehouse")
        self.assertTrue(user.has_group("stock.group_stock_user"))
        self.assertFalse(user.has_group("stock.group_stock_manager"))
        self.assertFalse(user.has_group("perpetual_inventory.group_manager"))
        self.assertFalse(user.has_group("perpetual_inventory.group_counter"))
        self.assertEqual(user.company_id, self.main_warehouse.company_id)
        self.assertEqual(
            user.action_id.id, self.demo_env.ref("perpetual_inventory.action_operations_screen").id
        )

    def test_demo_transfers_are_ready_in_the_main_warehouse_from_barcoded_bins(self):
        for xmlid, origin in {**DEMO_RECEIPTS, **DEMO_DELIVERIES}.items():
            picking = self._demo_picking(xmlid)
            self.assertEqual(picking.origin, origin)
            self.assertEqual(picking.state, "assigned", xmlid)
            self.assertEqual(picking.picking_type_id.warehouse_id, self.main_warehouse)
            self.assertTrue(all(picking.move_ids.product_id.mapped("barcode")), xmlid)
            bins = (
                picking.move_line_ids.location_dest_id
                if picking.picking_type_code == "incoming"
                else picking.move_line_ids.location_id
            )
            self.assertEqual(len(picking.move_line_ids), len(picking.move_ids), xmlid)
            self.assertTrue(bins and all(bins.mapped("barcode")), xmlid)
        for xmlid in DEMO_RECEIPTS:
            self.assertEqual(self._demo_picking(xmlid).picking_type_code, "incoming")
        for xmlid in DEMO_DELIVERIES:
            self.assertEqual(self._demo_picking(xmlid).picking_type_code, "outgoing")

    def test_demo_transfer_types_have_their_scan_rules_on(self):
        receipt_type = self._demo_picking("picking_demo_receipt_1").picking_type_id
        delivery_type = self._demo_picking("picking_demo_delivery_1").picking_type_id
        self.assertEqual(receipt_type, self.main_warehouse.in_type_id)
        self.assertEqual(delivery_type, self.main_warehouse.out_type_id)
        self.assertTrue(receipt_type.pi_scan_product and receipt_type.pi_scan_allow_extra)
        self.assertFalse(receipt_type.pi_scan_allow_empty_validation)
        self.assertTrue(delivery_type.pi_scan_source_location and delivery_type.pi_scan_product)
        self.assertFalse(delivery_type.pi_scan_allow_extra or delivery_type.pi_scan_allow_empty_validation)
        for xmlid in (*DEMO_RECEIPTS, *DEMO_DELIVERIES):
            self.assertTrue(self._demo_picking(xmlid).picking_type_id._pi_scans_mandatory(), xmlid)

    def test_warehouse_user_lists_the_demo_transfers_over_rpc(self):
        groups = self.rpc(self.demo_user, SCANNER, "get_transfers")["groups"]
        listed = {group["code"]: {t["id"]: t["origin"] for t in group["transfers"]} for group in groups}
        for xmlid, origin in DEMO_RECEIPTS.items():
            self.assertEqual(listed["incoming"].get(self._demo_picking(xmlid).id), origin)
        for xmlid, origin in DEMO_DELIVERIES.items():
            self.assertEqual(listed["outgoing"].get(self._demo_picking(xmlid).id), origin)
        found = self.rpc(self.demo_user, SCANNER, "get_transfers", search="PO-DEMO-0002")["groups"]
        self.assertEqual(
            [t["id"] for group in found for t in group["transfers"]],
            self._demo_picking("picking_demo_receipt_2").ids,
        )

    def test_warehouse_user_scans_a_demo_receipt_and_a_demo_pick(self):
        receipt = self._demo_picking("picking_demo_receipt_1")
        self.assertEqual(
            self.rpc(self.demo_user, SCANNER, "open_by_barcode", "PO-DEMO-0001"), {"transfer_id": receipt.id}
        )
        tea = self.demo_env.ref("perpetual_inventory.product_retail_03")
        answer = self.rpc(self.demo_user, SCANNER, "scan", receipt.id, tea.barcode)
        self.assertEqual((answer["line"]["scanned"], answer["line"]["done"]), (1, False))

        delivery = self._demo_picking("picking_demo_delivery_1")
        earl_grey = self.demo_env.ref("perpetual_inventory.product_retail_04")
        bin_ = delivery.move_line_ids.filtered(lambda line: line.product_id == earl_grey).location_id[:1]
        answer = self.rpc(self.demo_user, SCANNER, "scan", delivery.id, bin_.barcode)
        self.assertEqual(answer["type"], "location")
        answer = self.rpc(self.demo_user, SCANNER, "scan", delivery.id, earl_grey.barcode)
        self.assertEqual(answer["line"]["scanned"], 1)

    def test_a_customer_return_is_ready_to_receive_and_takes_a_damaged_mark(self):
        customer_return = self._demo_picking("picking_demo_return_1")
        self.assertEqual(customer_return.state, "assigned")
        self.assertEqual(customer_return.picking_type_id, self.main_warehouse.in_type_id)
        self.assertEqual(
            customer_return.partner_id, self.demo_env.ref("perpetual_inventory.partner_customer_cafe")
        )
        self.assertTrue(customer_return._pi_is_customer_return())
        move = customer_return.move_ids
        self.assertEqual((move.product_uom_qty, move.origin_returned_move_id.state), (2, "done"))
        self.assertTrue(move.product_id.barcode)

        found = self.rpc(self.demo_user, SCANNER, "get_transfers", search="Return of")["groups"]
        self.assertEqual([t["id"] for group in found for t in group["transfers"]], customer_return.ids)
        data = self.rpc(self.demo_user, SCANNER, "get_transfer_data", customer_return.id)
        self.assertTrue(data["transfer"]["customer_return"])
        self.rpc(self.demo_user, SCANNER, "scan", customer_return.id, move.product_id.barcode)
        answer = self.rpc(self.demo_user, SCANNER, "mark_damaged", customer_return.id, move.id, 1)
        self.assertEqual((answer["line"]["scanned"], answer["line"]["damaged"]), (1, 1))
