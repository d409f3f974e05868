"""Run by tests/test_wheels.py with the Python of a fresh environment in which the suite
is installed from its wheels only: the installed addons book a delivery's COGS and post a
count variance. Prints SMOKE OK; any failure raises."""

import sys
import sysconfig

import odoo
from odoo import Command, api

config_path, db_name = sys.argv[1:3]
odoo.tools.config.parse_config(["-c", config_path, "-d", db_name])
site_packages = sysconfig.get_paths()["purelib"]

with odoo.modules.registry.Registry(db_name).cursor() as cr:
    env = api.Environment(cr, odoo.SUPERUSER_ID, {})
    for addon in ("perpetual_inventory", "perpetual_inventory_cyclecount", "perpetual_inventory_kpi"):
        path = odoo.modules.module.get_module_path(addon)
        assert path.startswith(site_packages), f"{addon} comes from {path}, not from the installed wheel"

    # A customer delivery of a FIFO product in stock books Dr COGS / Cr inventory at once.
    warehouse = env.ref("stock.warehouse0")
    quant = env["stock.quant"].search(
        [
            ("location_id", "child_of", warehouse.lot_stock_id.id),
            ("quantity", ">=", 2),
            ("product_id.categ_id.property_cost_method", "=", "fifo"),
            ("product_id.categ_id.property_valuation", "=", "real_time"),
        ],
        limit=1,
    )
    assert quant, "the demo data has FIFO stock in the bins of WH/Stock"
    product = quant.product_id
    picking = env["stock.picking"].create(
        {
            "picking_type_id": warehouse.out_type_id.id,
            "partner_id": env.ref("base.res_partner_2").id,
            "location_id": warehouse.lot_stock_id.id,
            "location_dest_id": env.ref("stock.stock_location_customers").id,
            "move_ids": [
                Command.create(
                    {
                        "name": product.name,
                        "product_id": product.id,
                        "product_uom_qty": 1.0,
                        "product_uom": product.uom_id.id,
                        "location_id": warehouse.lot_stock_id.id,
                        "location_dest_id": env.ref("stock.stock_location_customers").id,
                    }
                )
            ],
        }
    )
    picking.action_confirm()
    picking.action_assign()
    picking.move_ids.quantity = 1.0
    picking.with_context(skip_sms=True).button_validate()  # stock_sms would ask first
    move = picking.move_ids
    assert move.state == "done", move.state
    layer_value = -sum(move.stock_valuation_layer_ids.mapped("value"))
    entry = move.account_move_ids
    assert len(entry) == 1 and entry.state == "posted", entry
    cogs_account = product.categ_id.property_account_expense_categ_id
    stock_account = product.categ_id.property_stock_valuation_account_id
    lines = {(line.account_id, line.debit, line.credit) for line in entry.line_ids}
    assert lines == {(cogs_account, layer_value, 0.0), (stock_account, 0.0, layer_value)}, lines

    # A variance opened by hand, approved by another user, posts its adjustment.
    manager = env.ref("perpetual_inventory.user_manager")
    variance = env["stock.variance"].create(
        {
            "product_id": product.id,
            "location_id": quant.location_id.id,
            "expected_qty": quant.quantity,
            "counted_qty": quant.quantity - 1,
            "reason_id": env.ref("perpetual_inventory.reason_theft").id,
        }
    )
    variance.with_user(manager).action_submit()
    variance.with_user(manager).action_approve()
    if variance.state == "to_approve_finance":
        variance.with_user(env.ref("perpetual_inventory.user_finance")).action_approve()
    variance.with_user(manager).action_post()
    assert variance.state == "posted", variance.state
    assert variance.account_move_id.state == "posted"
    cr.rollback()
print("SMOKE OK")
