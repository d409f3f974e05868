from odoo import Command

from .scanner_common import ScannerCommon, ean13


class OperationCommon(ScannerCommon):
    """The scanner's warehouse with a warehouse user (Inventory / User), scan rules on its
    receipts and deliveries, and helpers to make ready transfers.

    Bins A-01 (PITEST-A01) and B-01 (PITEST-B01) under the warehouse stock; A-01 holds 10
    Espresso Beans at 5.00 (FIFO), 5 Honey of lot L42 and the Camera SN-0001; B-01 holds 20
    Green Tea at 4.00.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.warehouse = cls.company_data["default_warehouse"]
        cls.stock = cls.warehouse.lot_stock_id
        cls.warehouse_user = cls._create_user("Wes Warehouse", "pi_warehouse", "stock.group_stock_user")
        cls.warehouse_user.password = cls.warehouse_user.login
        cls.in_type = cls.warehouse.in_type_id
        cls.out_type = cls.warehouse.out_type_id
        cls.int_type = cls.warehouse.int_type_id
        cls.suppliers = cls.env.ref("stock.stock_location_suppliers")
        cls.customers = cls.env.ref("stock.stock_location_customers")
        cls.stock.barcode = "PITEST-STOCK"
        cls.sugar = cls._create_stock_product("Cane Sugar", "fifo", cls.company_data, cost=2.0)
        cls.sugar.barcode = ean13("299990000004")

    def _scan_rules(self, picking_type, **rules):
        picking_type.write({f"pi_scan_{name}": value for name, value in rules.items()})

    def _picking(self, picking_type, lines, source=None, destination=None):
        """A ready transfer of ``lines`` [(product, quantity, unit price)]."""
        source = source or picking_type.default_location_src_id
        destination = destination or picking_type.default_location_dest_id
        picking = self.env["stock.picking"].create(
            {
                "picking_type_id": picking_type.id,
                "partner_id": (self.vendor if picking_type.code == "incoming" else self.customer).id,
                "location_id": source.id,
                "location_dest_id": destination.id,
                "move_ids": [
                    Command.create(
                        {
                            "name": product.name,
                            "product_id": product.id,
                            "product_uom_qty": quantity,
                            "product_uom": product.uom_id.id,
                            "location_id": source.id,
                            "location_dest_id": destination.id,
                            "price_unit": price,
                        }
                    )
                    for product, quantity, price in lines
                ],
            }
        )
        picking.action_confirm()
        picking.action_assign()
        return picking

    def _receipt(self, lines):
        return self._picking(self.in_type, lines, self.suppliers, self.stock)

    def _delivery(self, lines):
        return self._picking(
            self.out_type, [(product, qty, 0.0) for product, qty in lines], self.stock, self.customers
        )

    def _scanner(self, user=None):
        return self.env["stock.operation.scanner"].with_user(user or self.warehouse_user)

    def _move(self, picking, product):
        return picking.move_ids.filtered(lambda move: move.product_id == product)

    def _picking_snapshot(self, picking):
        picking.invalidate_recordset()
        return sorted(
            (
                line.product_id.name,
                line.location_id.name,
                line.lot_id.name or line.lot_name or "",
                line.quantity,
                line.picked,
                line.pi_scanned_qty,
            )
            for line in picking.move_line_ids
        )
