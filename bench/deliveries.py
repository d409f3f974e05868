"""Customer delivery validation: 500 one-line deliveries of a FIFO, real-time product.

Runs on any database with stock_account (plain Odoo, or the suite), so that
compare_deliveries.sh can time both on the same data and report the ratio
(design target: the suite within 1.10 x plain Odoo).
"""
import time

from odoo import Command

from benchlib import odoo_env, parse_args


def prepare(env, count):
    company = env.company
    if not env["account.account"].search_count([("company_ids", "in", company.id)], limit=1):
        env["account.chart.template"].try_loading("generic_coa", company, install_demo=False)

    def account(code, account_type, reconcile=False):
        return env["account.account"].create({
            "name": f"Bench {code}", "code": code, "account_type": account_type, "reconcile": reconcile})

    category = env["product.category"].create({
        "name": "Bench FIFO", "property_cost_method": "fifo", "property_valuation": "real_time",
        "property_stock_valuation_account_id": account("BV1", "asset_current").id,
        "property_stock_account_input_categ_id": account("BV2", "asset_current", True).id,
        "property_stock_account_output_categ_id": account("BV3", "asset_current", True).id,
        "property_account_expense_categ_id": account("BV4", "expense_direct_cost").id,
    })
    product = env["product.product"].create({"name": "Bench product", "is_storable": True, "categ_id": category.id})
    warehouse = env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
    customer = env["res.partner"].create({"name": "Bench customer"})
    for price in (4.0, 6.0):  # two FIFO layers, so deliveries consume across them
        receipt = env["stock.picking"].create(_picking_vals(
            warehouse.in_type_id, env.ref("stock.stock_location_suppliers"), warehouse.lot_stock_id,
            product, count, customer, price))
        _validate(receipt)
    pickings = env["stock.picking"].create([
        _picking_vals(warehouse.out_type_id, warehouse.lot_stock_id, env.ref("stock.stock_location_customers"),
                      product, 1, customer)
        for _ in range(count)
    ])
    pickings.action_confirm()
    pickings.action_assign()
    for move in pickings.move_ids:
        move.quantity = move.product_uom_qty
        move.picked = True
    env.flush_all()
    return pickings


def _picking_vals(picking_type, source, destination, product, quantity, partner, price=0.0):
    return {
        "picking_type_id": picking_type.id, "partner_id": partner.id,
        "location_id": source.id, "location_dest_id": destination.id,
        "move_ids": [Command.create({
            "name": product.name, "product_id": product.id, "product_uom_qty": quantity,
            "product_uom": product.uom_id.id, "location_id": source.id,
            "location_dest_id": destination.id, "price_unit": price,
        })],
    }


def _validate(picking):
    picking.action_confirm()
    picking.action_assign()
    picking.move_ids.quantity = picking.move_ids.product_uom_qty
    picking.move_ids.picked = True
    picking.button_validate()


def main():
    args = parse_args(__doc__, deliveries=(500, "number of deliveries"))
    with odoo_env(args) as env:
        pickings = prepare(env, args.deliveries)
        start = time.perf_counter()
        for picking in pickings:
            picking.button_validate()
        env.flush_all()
        elapsed = time.perf_counter() - start
        entries = pickings.move_ids.account_move_ids
        print(f"validated {len(pickings)} deliveries ({len(entries)} journal entries) in {elapsed:.2f} s")
        print(f"RESULT {elapsed:.4f}")


if __name__ == "__main__":
    main()
