"""Today's cycle count of a warehouse (design target: 100 000 quants in <= 3 s).

Clones demo products and bins in SQL so that the main warehouse holds N quants
(products x bins), classifies them, gives half of them a last count over the past
year, then times the daily action's list for the warehouse: the items and their due
dates, the selection, and the count session with its lines, in walking order and
split between the demo counters. The forecast of the coming year is timed apart.
"""
from datetime import timedelta

from odoo import fields

from benchlib import odoo_env, parse_args, timed
from reconciliation import clone_products, clone_rows

BINS = 500


def generate(env, product, location, quants):
    cr = env.cr
    products = quants // BINS
    clone_products(cr, product, products)
    cr.execute(
        """
        CREATE TEMP TABLE bench_bin ON COMMIT DROP AS
        SELECT g AS n, nextval('stock_location_id_seq') AS location_id FROM generate_series(1, %s) g
        """,
        (BINS,),
    )
    clone_rows(cr, "stock_location", f"t.id = {location.id}", {
        "id": "b.location_id", "name": "'Bench ' || b.n", "barcode": "NULL",
        "complete_name": "t.complete_name || ' ' || b.n", "posx": "b.n",
        "parent_path": "regexp_replace(t.parent_path, '[0-9]+/$', '') || b.location_id || '/'",
    }, join="bench_bin b")
    quant = env["stock.quant"].search([("location_id", "=", location.id)], limit=1)
    clone_rows(cr, "stock_quant", f"t.id = {quant.id}", {
        "product_id": "p.product_id", "location_id": "b.location_id", "lot_id": "NULL", "package_id": "NULL",
        "quantity": "1 + (p.n + b.n) % 20", "reserved_quantity": "0",
    }, join="bench_product p, bench_bin b")
    cr.execute("ANALYZE stock_quant; ANALYZE stock_location; ANALYZE product_product")


def count_history(env, session):
    """Half of the quants were counted once, at a day of the past year."""
    env.cr.execute(
        """
        INSERT INTO stock_count_line (session_id, company_id, product_id, location_id, state, count_round,
                                      counted_qty, counted_at, create_uid, create_date, write_uid, write_date)
        SELECT %(session)s, quant.company_id, quant.product_id, quant.location_id, 'applied', 1,
               quant.quantity, now() - ((quant.id %% 365) || ' days')::interval, 1, now(), 1, now()
          FROM stock_quant quant JOIN bench_product p ON p.product_id = quant.product_id
         WHERE quant.id %% 2 = 0
        """,
        {"session": session.id},
    )
    env.cr.execute("ANALYZE stock_count_line")


def main():
    args = parse_args(__doc__, quants=(100000, "number of generated quants"))
    results = {}
    with odoo_env(args) as env:
        warehouse = env.ref("stock.warehouse0")
        with timed(f"generate {args.quants} quants", results):
            generate(env, env.ref("perpetual_inventory.product_retail_01"),
                     env.ref("perpetual_inventory.location_wh_a_01"), args.quants)
            env["product.product"]._classify_abc(warehouse.company_id)
            done = env["stock.count.session"].search([("state", "=", "done")], limit=1)
            count_history(env, done)
        warehouse.count_counter_ids = env.ref("perpetual_inventory.user_counter") | env.ref(
            "perpetual_inventory.user_counter_2")
        today = fields.Date.context_today(warehouse)
        day = next(d for d in (today + timedelta(days=n) for n in range(7))
                   if warehouse._count_calendar_position(d)[0])
        env["stock.count.schedule"].search([("warehouse_id", "=", warehouse.id), ("date", "=", day)]).unlink()
        env["stock.count.session"].search([("warehouse_id", "=", warehouse.id), ("schedule_date", "=", day)]).write(
            {"schedule_date": False})
        env.flush_all()
        with timed(f"today's count of the warehouse ({day})", results):
            session = warehouse._build_cycle_count(day)
            env.flush_all()
        print(f"{len(session.line_ids)} lines over {len(session.location_ids)} locations, "
              f"counters: {', '.join(session.line_ids.counter_id.mapped('name'))}")
        with timed("forecast of the coming year", results):
            warehouse._refresh_count_forecast(day)
            env.flush_all()


if __name__ == "__main__":
    main()
