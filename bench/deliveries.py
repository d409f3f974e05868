"""The transaction path: customer deliveries and POS orders of a FIFO, real-time product.

Runs on any database with stock_account and point_of_sale (plain Odoo, or the
suite), so that compare_deliveries.sh can time both on the same data:

- single: each delivery validated and committed in its own transaction, as
  one user's request each (design target: the suite within 1.10 x plain Odoo);
- pos: each paid POS order synced through pos.order.sync_from_ui and committed
  in its own transaction (target: within 1.15 x plain Odoo);
- batch: all deliveries validated at once in one transaction, as the list's
  mass Validate does;
- loop (only on request): the deliveries validated one after the other in a
  single transaction, as this benchmark did before. Its time grows with the
  square of the count, in Odoo's ORM (see the README), not in the validation.

Given several databases (-d plain -d suite), one process times them side by
side: the same data is generated in each, then single and pos alternate the
databases document by document (the first one alternating too), so that the
load of a shared machine falls on both alike. The data is generated and
committed first: run it on copies of the benchmark databases
(compare_deliveries.sh does), which are dropped afterwards.
"""

import argparse
import cProfile
import time
import uuid

import odoo
from odoo import Command

DEFAULT_PHASES = ("single", "pos", "batch")
DELIVERY_PHASES = ("single", "batch", "loop")


def prepare(env, count, pos_orders, phases):
    """Everything the timed phases need, identical on every database."""
    company = env.company
    if not env["account.account"].search_count([("company_ids", "in", company.id)], limit=1):
        env["account.chart.template"].try_loading("generic_coa", company, install_demo=False)

    def account(code, account_type, reconcile=False):
        return env["account.account"].create(
            {"name": f"Bench {code}", "code": code, "account_type": account_type, "reconcile": reconcile}
        )

    category = env["product.category"].create(
        {
            "name": "Bench FIFO",
            "property_cost_method": "fifo",
            "property_valuation": "real_time",
            "property_stock_valuation_account_id": account("BV1", "asset_current").id,
            "property_stock_account_input_categ_id": account("BV2", "asset_current", True).id,
            "property_stock_account_output_categ_id": account("BV3", "asset_current", True).id,
            "property_account_expense_categ_id": account("BV4", "expense_direct_cost").id,
            "property_account_income_categ_id": account("BV5", "income").id,
        }
    )
    product = env["product.product"].create(
        {
            "name": "Bench product",
            "is_storable": True,
            "categ_id": category.id,
            "available_in_pos": True,
            "list_price": 10.0,
            "taxes_id": [Command.clear()],
        }
    )
    warehouse = env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
    customer = env["res.partner"].create({"name": "Bench customer"})
    delivery_phases = [phase for phase in DELIVERY_PHASES if phase in phases]
    needed = count * len(delivery_phases) + pos_orders * ("pos" in phases)
    for price in (4.0, 6.0):  # two FIFO layers, so deliveries consume across them
        receipt = env["stock.picking"].create(
            _picking_vals(
                warehouse.in_type_id,
                env.ref("stock.stock_location_suppliers"),
                warehouse.lot_stock_id,
                product,
                (needed + 1) // 2,
                customer,
                price,
            )
        )
        _validate(receipt)
    data = dict.fromkeys(DELIVERY_PHASES + ("pos",), [])
    for phase in delivery_phases:
        data[phase] = _ready_deliveries(env, warehouse, product, customer, count).ids
    if "pos" in phases:
        data["pos"] = _pos_orders(env, warehouse, product, pos_orders)
    return data


def _ready_deliveries(env, warehouse, product, customer, count):
    customers = env.ref("stock.stock_location_customers")
    pickings = env["stock.picking"].create(
        [
            _picking_vals(warehouse.out_type_id, warehouse.lot_stock_id, customers, product, 1, customer)
            for _ in range(count)
        ]
    )
    pickings.action_confirm()
    pickings.action_assign()
    for move in pickings.move_ids:
        move.quantity = move.product_uom_qty
        move.picked = True
    return pickings


def _pos_orders(env, warehouse, product, count):
    """An open POS session and the payloads its front end would send, one per order."""
    cash_journal = env["account.journal"].create({"name": "Bench cash", "code": "BCSH", "type": "cash"})
    cash = env["pos.payment.method"].create({"name": "Bench cash", "journal_id": cash_journal.id})
    config = env["pos.config"].create(
        {
            "name": "Bench shop",
            "picking_type_id": warehouse.pos_type_id.id or warehouse.out_type_id.id,
            "payment_method_ids": [Command.set(cash.ids)],
        }
    )
    config.open_ui()
    session = config.current_session_id
    session.set_opening_control(0, None)
    now = odoo.fields.Datetime.to_string(odoo.fields.Datetime.now())
    line = {
        "product_id": product.id,
        "qty": 1,
        "price_unit": 10.0,
        "discount": 0,
        "pack_lot_ids": [],
        "price_subtotal": 10.0,
        "price_subtotal_incl": 10.0,
        "tax_ids": [Command.clear()],
    }
    return [
        {
            "uuid": str(uuid.uuid4()),
            "name": f"Bench order {number}",
            "session_id": session.id,
            "sequence_number": number,
            "user_id": env.uid,
            "date_order": now,
            "pricelist_id": config.pricelist_id.id,
            "fiscal_position_id": False,
            "partner_id": False,
            "amount_paid": 10.0,
            "amount_return": 0,
            "amount_tax": 0,
            "amount_total": 10.0,
            "last_order_preparation_change": "{}",
            "to_invoice": False,
            "lines": [Command.create(line)],
            "payment_ids": [Command.create({"amount": 10.0, "name": now, "payment_method_id": cash.id})],
        }
        for number in range(1, count + 1)
    ]


def _picking_vals(picking_type, source, destination, product, quantity, partner, price=0.0):
    return {
        "picking_type_id": picking_type.id,
        "partner_id": partner.id,
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
        ],
    }


def _validate(picking):
    picking.action_confirm()
    picking.action_assign()
    picking.move_ids.quantity = picking.move_ids.product_uom_qty
    picking.move_ids.picked = True
    picking.button_validate()


def _in_transaction(registry, work):
    """Run work(env) in its own cursor and commit, as one HTTP request does."""
    with registry.cursor() as cr:
        work(odoo.api.Environment(cr, odoo.SUPERUSER_ID, {}))


def _validate_one(picking_id):
    return lambda env: env["stock.picking"].browse(picking_id).button_validate()


def _sync_one(order):
    return lambda env: env["pos.order"].sync_from_ui([order])


def _validate_all(picking_ids):
    return lambda env: env["stock.picking"].browse(picking_ids).button_validate()


def _validate_one_by_one(picking_ids):
    def work(env):
        for picking in env["stock.picking"].browse(picking_ids):
            picking.button_validate()

    return work


PER_DOCUMENT = {"single": _validate_one, "pos": _sync_one}
ALL_AT_ONCE = {"batch": _validate_all, "loop": _validate_one_by_one}


def run_phase(phase, registries, data, profiler=None):
    """Seconds spent per database; documents alternate between the databases."""
    elapsed = dict.fromkeys(registries, 0.0)
    names = list(registries)
    if phase in PER_DOCUMENT:
        steps = zip(*[[PER_DOCUMENT[phase](document) for document in data[name][phase]] for name in names])
    else:
        steps = [[ALL_AT_ONCE[phase](data[name][phase]) for name in names]]
    for index, step in enumerate(steps):
        order = list(zip(names, step))
        if index % 2:
            order.reverse()
        for name, work in order:
            if profiler:
                profiler.enable()
            start = time.perf_counter()
            _in_transaction(registries[name], work)
            elapsed[name] += time.perf_counter() - start
            if profiler:
                profiler.disable()
    return elapsed


def check(registry, data):
    """Every timed document is done and booked, or the timing means nothing."""
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        pickings = env["stock.picking"].browse([pid for phase in DELIVERY_PHASES for pid in data[phase]])
        uuids = [order["uuid"] for order in data["pos"]]
        pickings |= env["pos.order"].search([("uuid", "in", uuids)]).picking_ids
        expected = sum(len(documents) for documents in data.values())
        entries = pickings.move_ids.account_move_ids
        states = set(pickings.mapped("state"))
        if len(pickings) != expected or states - {"done"} or len(entries) != expected:
            raise SystemExit(
                f"expected {expected} done pickings with one entry each, found "
                f"{len(pickings)} pickings ({states}), {len(entries)} entries"
            )


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-c", dest="config", required=True)
    parser.add_argument(
        "-d",
        dest="databases",
        action="append",
        required=True,
        help="a database to time; repeat it to time several side by side",
    )
    parser.add_argument("--deliveries", type=int, default=500, help="deliveries per delivery phase")
    parser.add_argument("--pos-orders", type=int, default=500, help="POS orders")
    parser.add_argument(
        "--phases",
        default=",".join(DEFAULT_PHASES),
        help="comma-separated, among " + ", ".join(DEFAULT_PHASES + ("loop",)),
    )
    parser.add_argument("--profile", help="write a cProfile of the timed work to this file")
    args = parser.parse_args()
    phases = args.phases.split(",")
    odoo.tools.config.parse_config(["-c", args.config, "--log-level=warn"])
    registries = {name: odoo.modules.registry.Registry(name) for name in args.databases}
    data = {}
    for name, registry in registries.items():
        with registry.cursor() as cr:
            env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
            data[name] = prepare(env, args.deliveries, args.pos_orders, phases)
    profiler = cProfile.Profile() if args.profile else None
    for phase in phases:
        elapsed = run_phase(phase, registries, data, profiler)
        for name, seconds in elapsed.items():
            print(f"{name} {phase}: {len(data[name][phase])} documents in {seconds:.2f} s", flush=True)
            print(f"RESULT {name} {phase} {seconds:.4f}", flush=True)
    if profiler:
        profiler.dump_stats(args.profile)
    for name, registry in registries.items():
        check(registry, data[name])


if __name__ == "__main__":
    main()
