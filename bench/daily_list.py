"""Today's cycle count of a warehouse (design target: 100 000 quants in <= 3 s, on every
kind of day).

Clones demo products and bins in SQL so that the main warehouse holds N quants
(products x bins), classifies them (or puts them all in one class, --abc A), then
times the daily action's list for the warehouse on each kind of day (--cases):
- rhythm: a programme running since the items were stocked 200 days ago, every list
  counted (simulated by the daily action's rules, tools/planning.py);
- go-live: every item stocked today, none ever counted;
- gap: the same programme stopped 40 days ago, so that a backlog is caught up.
Each case is timed alone: the items and their due dates, the plan, and the count
session with its lines, in walking order and split between the demo counters. The
forecast of the coming year is timed apart (--forecast 1: after the first case).
"""

from datetime import timedelta

from benchlib import odoo_env, parse_args, timed
from reconciliation import clone_products, clone_rows

from odoo import fields

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
    clone_rows(
        cr,
        "stock_location",
        f"t.id = {location.id}",
        {
            "id": "b.location_id",
            "name": "'Bench ' || b.n",
            "barcode": "NULL",
            "complete_name": "t.complete_name || ' ' || b.n",
            "posx": "b.n",
            "parent_path": "regexp_replace(t.parent_path, '[0-9]+/$', '') || b.location_id || '/'",
        },
        join="bench_bin b",
    )
    quant = env["stock.quant"].search([("location_id", "=", location.id)], limit=1)
    clone_rows(
        cr,
        "stock_quant",
        f"t.id = {quant.id}",
        {
            "product_id": "p.product_id",
            "location_id": "b.location_id",
            "lot_id": "NULL",
            "package_id": "NULL",
            "quantity": "1 + (p.n + b.n) % 20",
            "reserved_quantity": "0",
        },
        join="bench_product p, bench_bin b",
    )
    cr.execute("ANALYZE stock_quant; ANALYZE stock_location; ANALYZE product_product")


def set_history(env, warehouse, session, case, day):
    """The day the quants were stocked and the items' last counts, by case."""
    cr = env.cr
    stocked = day if case == "go-live" else day - timedelta(days=200)
    cr.execute(
        "UPDATE stock_quant q SET create_date = %s FROM bench_product p WHERE p.product_id = q.product_id",
        (stocked,),
    )
    if case == "go-live":
        return
    # Importable once the environment has set Odoo's addons path.
    from odoo.addons.perpetual_inventory_cyclecount.tools import planning

    # The programme ran by the daily action's rules from the day the items were stocked,
    # each list counted the day it was planned, until the eve (rhythm) or 40 days ago (gap).
    stop = day - timedelta(days=40 if case == "gap" else 0)
    items, _open = warehouse._cycle_count_items(stocked)
    days = warehouse._count_working_days(stocked, stop)
    _working, index, days_ahead, _eve, _ahead = warehouse._count_calendar_position(stocked)
    _sizes, counts, _plans = planning.simulate(
        items,
        days,
        warehouse._count_load(items, days_ahead),
        first_index=index,
        horizon=warehouse._count_catch_up_horizon(),
    )
    last = [(key, dates[-1]) for key, dates in counts.items() if dates]
    cr.execute(
        """
        INSERT INTO stock_count_line (session_id, company_id, product_id, location_id, lot_id, state, count_round,
                                      counted_qty, counted_at, create_uid, create_date, write_uid, write_date)
        SELECT %(session)s, %(company)s, history.product_id, history.location_id, NULLIF(history.lot_id, 0),
               'applied', 1, 1, history.counted_on + time '10:00', 1, now(), 1, now()
          FROM unnest(%(products)s::int[], %(locations)s::int[], %(lots)s::int[], %(dates)s::date[])
               AS history (product_id, location_id, lot_id, counted_on)
        """,
        {
            "session": session.id,
            "company": warehouse.company_id.id,
            "products": [key[0] for key, _day in last],
            "locations": [key[1] for key, _day in last],
            "lots": [key[2] for key, _day in last],
            "dates": [counted for _key, counted in last],
        },
    )
    cr.execute("ANALYZE stock_count_line")


def main():
    args = parse_args(
        __doc__,
        quants=(100000, "number of generated quants"),
        cases=("rhythm,go-live,gap", "kinds of day, comma-separated"),
        abc=("computed", "'computed', or the class code of every generated product"),
        forecast=(1, "1: time the year's forecast after the first case"),
    )
    results = {}
    with odoo_env(args) as env:
        warehouse = env.ref("stock.warehouse0")
        with timed(f"generate {args.quants} quants", results):
            generate(
                env,
                env.ref("perpetual_inventory.product_retail_01"),
                env.ref("perpetual_inventory.location_wh_a_01"),
                args.quants,
            )
            env["product.product"]._classify_abc(warehouse.company_id)
            if args.abc != "computed":
                abc_class = env["stock.abc.class"].search(
                    [("company_id", "=", warehouse.company_id.id), ("code", "=", args.abc)]
                )
                env.cr.execute(
                    "UPDATE product_product product SET abc_class_id = %s FROM bench_product p "
                    "WHERE p.product_id = product.id",
                    (abc_class.id,),
                )
        warehouse.count_counter_ids = env.ref("perpetual_inventory.user_counter") | env.ref(
            "perpetual_inventory.user_counter_2"
        )
        done = env["stock.count.session"].search([("state", "=", "done")], limit=1)
        today = fields.Date.context_today(warehouse)
        day = next(
            d
            for d in (today + timedelta(days=n) for n in range(7))
            if warehouse._count_calendar_position(d)[0]
        )
        env["stock.count.schedule"].search(
            [("warehouse_id", "=", warehouse.id), ("date", ">=", day)]
        ).unlink()
        env["stock.count.session"].search(
            [("warehouse_id", "=", warehouse.id), ("schedule_date", ">=", day)]
        ).write({"schedule_date": False})
        env.flush_all()
        for number, case in enumerate(args.cases.split(",")):
            env.cr.execute("SAVEPOINT bench_case")
            set_history(env, warehouse, done, case, day)
            env.invalidate_all()
            with timed(f"{case}: today's count of the warehouse ({day})", results):
                session = warehouse._build_cycle_count(day)
                env.flush_all()
            row = env["stock.count.schedule"].search(
                [("warehouse_id", "=", warehouse.id), ("date", "=", day)]
            )
            print(
                f"{case}: {len(session.line_ids)} lines over {len(session.location_ids)} locations for a load of "
                f"{row.average_load:.1f}; catch-up share {row.catch_up_count}, left overdue {row.overdue_count}, "
                f"planned to clear by {row.clear_by_date or '-'}; "
                f"counters: {', '.join(session.line_ids.counter_id.mapped('name'))}",
                flush=True,
            )
            if args.forecast and not number:
                with timed(f"{case}: forecast of the coming year", results):
                    warehouse._refresh_count_forecast(day)
                    env.flush_all()
            env.cr.execute("ROLLBACK TO SAVEPOINT bench_case")
            env.invalidate_all()


if __name__ == "__main__":
    main()
