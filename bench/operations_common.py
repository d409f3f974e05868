"""What the Operations screen benchmarks share: a warehouse user, barcoded products and
receipts of the demo warehouse, all made inside the benchmark's rolled-back transaction."""

from odoo import Command


def warehouse_user(env):
    """A warehouse user (Inventory / User) of the main company."""
    return env["res.users"].create(
        {
            "name": "Bench Warehouse",
            "login": "pi_bench_warehouse",
            "groups_id": [Command.set(env.ref("stock.group_stock_user").ids)],
        }
    )


def barcoded_products(env, count):
    return env["product.product"].create(
        [
            {"name": f"Bench Operations {index}", "is_storable": True, "barcode": f"PIBENCH-OPS-{index}"}
            for index in range(count)
        ]
    )


def receipt(env, products, quantity):
    """A ready receipt of the demo warehouse: one line of ``quantity`` per product. Its type
    asks for product scans, with no destination scan (every line goes to WH/Stock)."""
    warehouse = env.ref("stock.warehouse0")
    picking_type = warehouse.in_type_id
    picking_type.write(
        {"pi_scan_product": True, "pi_scan_destination": "never", "pi_scan_allow_extra": False}
    )
    source = env.ref("stock.stock_location_suppliers")
    picking = env["stock.picking"].create(
        {
            "picking_type_id": picking_type.id,
            "location_id": source.id,
            "location_dest_id": warehouse.lot_stock_id.id,
            "move_ids": [
                Command.create(
                    {
                        "name": product.name,
                        "product_id": product.id,
                        "product_uom_qty": quantity,
                        "product_uom": product.uom_id.id,
                        "location_id": source.id,
                        "location_dest_id": warehouse.lot_stock_id.id,
                    }
                )
                for product in products
            ],
        }
    )
    picking.action_confirm()
    picking.action_assign()
    return picking
