"""Booking a count's adjustments (design target: <= 1.0 x Odoo's own _apply_inventory).

Generates --lines quants of FIFO products with real-time valuation spread over bins,
then books the same count twice on the same quants, each rolled back afterwards:
  - Odoo: inventory_quantity set on every quant (--differing share of them off by one),
    then stock.quant._apply_inventory(), as Inventory > Physical Inventory > Apply does;
  - the suite: a count session whose lines are counted with the same quantities,
    then action_reconcile() (the differences are within tolerance, so all are booked).
Prints both times, their ratio and the SQL query counts.
"""
import time

from odoo import Command

from benchlib import odoo_env, parse_args

LINES_PER_BIN = 100


def generate(env, lines, differing):
    company = env.company
    company.write({"count_tolerance_percent": 100.0, "count_tolerance_value": 1e9})
    warehouse = env["stock.warehouse"].search([("company_id", "=", company.id)], limit=1)
    category = env["product.category"].search([("property_valuation", "=", "real_time"),
                                               ("property_cost_method", "=", "fifo")], limit=1)
    products = env["product.product"].create([{
        "name": f"Bench count product {number}", "is_storable": True, "categ_id": category.id,
        "standard_price": 2.0,
    } for number in range(min(lines, LINES_PER_BIN))])
    bins = env["stock.location"].create([{
        "name": f"BENCH-{number:04d}", "location_id": warehouse.lot_stock_id.id,
    } for number in range((lines + LINES_PER_BIN - 1) // LINES_PER_BIN)])
    env.flush_all()
    keys = [(location, product) for location in bins for product in products][:lines]
    env.cr.execute("""
        INSERT INTO stock_quant (product_id, location_id, company_id, quantity, reserved_quantity, in_date,
                                 create_uid, write_uid, create_date, write_date)
        SELECT unnest(%s::int[]), unnest(%s::int[]), %s, 10, 0, now(), 1, 1, now(), now()
    """, [[product.id for _, product in keys], [location.id for location, _ in keys], company.id])
    env.invalidate_all()
    every = max(1, round(1 / differing)) if differing else 0
    counted = [9.0 if every and number % every == 0 else 10.0 for number in range(len(keys))]
    return bins, keys, counted


def book_with_odoo(env, bins, keys, counted):
    quants = env["stock.quant"].search([("location_id", "in", bins.ids)])
    by_key = {(quant.location_id.id, quant.product_id.id): quant for quant in quants}
    for (location, product), quantity in zip(keys, counted):
        env.cr.execute("UPDATE stock_quant SET inventory_quantity = %s, inventory_diff_quantity = %s, "
                       "inventory_quantity_set = true WHERE id = %s",
                       [quantity, quantity - 10, by_key[(location.id, product.id)].id])
    env.invalidate_all()
    quants = quants.browse([by_key[(location.id, product.id)].id for location, product in keys])
    return measure(env, quants._apply_inventory)


def book_with_the_suite(env, bins, keys, counted):
    counter = env.ref("perpetual_inventory.user_counter")
    session = env["stock.count.session"].create({
        "kind": "cycle", "location_ids": [Command.set(bins.ids)], "counter_ids": [Command.set(counter.ids)],
    })
    session.action_start()
    line_of = {(line.location_id.id, line.product_id.id): line.id for line in session.line_ids}
    for (location, product), quantity in zip(keys, counted):
        env.cr.execute("UPDATE stock_count_line SET counted_qty = %s, expected_qty = 10, state = 'counted', "
                       "counted_by_id = %s, counted_at = now() WHERE id = %s",
                       [quantity, counter.id, line_of[(location.id, product.id)]])
    env.invalidate_all()
    seconds, queries = measure(env, session.action_reconcile)
    assert session.state == "reconciled", session.state
    return seconds, queries


def measure(env, operation):
    env.flush_all()
    queries_before = env.cr.sql_log_count
    start = time.perf_counter()
    operation()
    env.flush_all()
    return time.perf_counter() - start, env.cr.sql_log_count - queries_before


def main():
    args = parse_args(__doc__, lines=(2000, "count lines (quants)"),
                      differing=(0.3, "share of lines whose count differs"))
    results = {}
    with odoo_env(args) as env:
        env = env(context={"lang": "en_US"})
        for label, book in (("Odoo _apply_inventory", book_with_odoo), ("suite reconciliation", book_with_the_suite)):
            with env.cr.savepoint() as savepoint:
                data = generate(env, args.lines, args.differing)
                results[label] = book(env, *data)
                savepoint.rollback()  # the same quants, untouched, for the other path
            print(f"{label}: {results[label][0]:.2f} s, {results[label][1]} queries", flush=True)
    odoo_seconds = results["Odoo _apply_inventory"][0]
    suite_seconds = results["suite reconciliation"][0]
    print(f"RESULT {args.lines} lines, {args.differing:.0%} differing: "
          f"suite / Odoo = {suite_seconds / odoo_seconds:.2f}")


if __name__ == "__main__":
    main()
