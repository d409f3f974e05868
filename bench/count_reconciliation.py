"""Booking a count's adjustments (design target: <= 1.0 x Odoo's own _apply_inventory).

Run through bench/compare_count_booking.sh, which makes it fair: one template database
holds the generated quants, and every run books them on two fresh copies of it, one per
path, each in its own process, the order alternating from run to run.

    count_reconciliation.py generate --lines N --differing S   (on the template, committed)
    count_reconciliation.py book odoo|suite                     (on a copy, committed)

- generate: --lines quants of FIFO products with real-time valuation, 10 units each, spread
  over bins of the main warehouse, and the counted quantities (--differing share of them
  one unit short) stored beside them in a table of their own;
- book odoo: inventory_quantity set on every quant from that table, then
  stock.quant._apply_inventory(), as Inventory > Physical Inventory > Apply does;
- book suite: a count session whose lines are counted with the same quantities, then
  action_reconcile() (the differences are within tolerance, so all are booked).
Only the booking call is timed. Prints RESULT <path> <seconds> <queries> <load average>.
"""

import argparse
import os
import time

import odoo
from odoo import Command

LINES_PER_BIN = 100
COUNTED_TABLE = "bench_counted_quantity"


def parse_args():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("-c", dest="config", required=True)
    parser.add_argument("-d", dest="database", required=True)
    parser.add_argument("step", choices=["generate", "book"])
    parser.add_argument("path", nargs="?", choices=["odoo", "suite"])
    parser.add_argument("--lines", type=int, default=2000)
    parser.add_argument("--differing", type=float, default=0.3)
    return parser.parse_args()


def generate(env, lines, differing):
    company = env.company
    company.write({"count_tolerance_percent": 100.0, "count_tolerance_value": 1e9})
    warehouse = env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
    category = env["product.category"].search(
        [("property_valuation", "=", "real_time"), ("property_cost_method", "=", "fifo")], limit=1
    )
    products = env["product.product"].create(
        [
            {
                "name": f"Bench count product {number}",
                "is_storable": True,
                "categ_id": category.id,
                "standard_price": 2.0,
            }
            for number in range(min(lines, LINES_PER_BIN))
        ]
    )
    bins = env["stock.location"].create(
        [
            {
                "name": f"BENCH-{number:04d}",
                "location_id": warehouse.lot_stock_id.id,
            }
            for number in range((lines + LINES_PER_BIN - 1) // LINES_PER_BIN)
        ]
    )
    env.flush_all()
    keys = [(location.id, product.id) for location in bins for product in products][:lines]
    every = max(1, round(1 / differing)) if differing else 0
    counted = [9.0 if every and number % every == 0 else 10.0 for number in range(len(keys))]
    env.cr.execute(
        """
        INSERT INTO stock_quant (product_id, location_id, company_id, quantity, reserved_quantity, in_date,
                                 create_uid, write_uid, create_date, write_date)
        SELECT unnest(%s::int[]), unnest(%s::int[]), %s, 10, 0, now(), 1, 1, now(), now()
    """,
        [[product for _, product in keys], [location for location, _ in keys], company.id],
    )
    env.cr.execute(
        f"""
        CREATE TABLE {COUNTED_TABLE} AS
        SELECT unnest(%s::int[]) AS location_id, unnest(%s::int[]) AS product_id,
               unnest(%s::float8[]) AS quantity
    """,
        [[location for location, _ in keys], [product for _, product in keys], counted],
    )
    print(f"generated {len(keys)} quants in {len(bins)} bins", flush=True)


def _counted(env):
    env.cr.execute(f"SELECT location_id, product_id, quantity FROM {COUNTED_TABLE}")
    return {(location, product): quantity for location, product, quantity in env.cr.fetchall()}


def book_with_odoo(env):
    counted = _counted(env)
    env.cr.execute(f"""
        UPDATE stock_quant quant
           SET inventory_quantity = counted.quantity, inventory_diff_quantity = counted.quantity - quant.quantity,
               inventory_quantity_set = true
          FROM {COUNTED_TABLE} counted
         WHERE quant.location_id = counted.location_id AND quant.product_id = counted.product_id
     RETURNING quant.id
    """)
    quants = env["stock.quant"].browse(sorted(row[0] for row in env.cr.fetchall()))
    assert len(quants) == len(counted)
    env.invalidate_all()
    return measure(env, quants._apply_inventory)


def book_with_the_suite(env):
    counted = _counted(env)
    counter = env.ref("perpetual_inventory.user_counter")
    bins = env["stock.location"].browse(sorted({location for location, _ in counted}))
    session = env["stock.count.session"].create(
        {
            "kind": "cycle",
            "location_ids": [Command.set(bins.ids)],
            "counter_ids": [Command.set(counter.ids)],
        }
    )
    session.action_start()
    lines = session.line_ids
    assert len(lines) == len(counted), (len(lines), len(counted))
    for line in lines:
        env.cr.execute(
            "UPDATE stock_count_line SET counted_qty = %s, expected_qty = 10, state = 'counted', "
            "counted_by_id = %s, counted_at = now() WHERE id = %s",
            [counted[(line.location_id.id, line.product_id.id)], counter.id, line.id],
        )
    env.invalidate_all()
    result = measure(env, session.action_reconcile)
    assert session.state == "reconciled", session.state
    return result


def measure(env, operation):
    env.flush_all()
    queries_before = env.cr.sql_log_count
    start = time.perf_counter()
    operation()
    env.flush_all()
    return time.perf_counter() - start, env.cr.sql_log_count - queries_before


def main():
    args = parse_args()
    odoo.tools.config.parse_config(["-c", args.config, "-d", args.database, "--log-level=warn"])
    registry = odoo.modules.registry.Registry(args.database)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"lang": "en_US"})
        if args.step == "generate":
            generate(env, args.lines, args.differing)
        else:
            book = book_with_odoo if args.path == "odoo" else book_with_the_suite
            seconds, queries = book(env)
            print(f"RESULT {args.path} {seconds:.2f} {queries} {os.getloadavg()[0]:.1f}", flush=True)
        cr.commit()


if __name__ == "__main__":
    main()
