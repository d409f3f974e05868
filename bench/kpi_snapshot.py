"""KPI snapshot of a day (design target: 1 000 000 stock moves, 50 000 products in <= 10 s).

Generates classification.py's data set (N products, M delivery moves with their
valuation layers, dated over the last year), dates the moves like their layers, and
times the snapshot of today for the demo company, then its re-run (which replaces the
rows), then yesterday's.
"""

from datetime import timedelta

from benchlib import odoo_env, parse_args, timed
from classification import generate

from odoo import fields


def main():
    args = parse_args(
        __doc__,
        products=(50000, "number of generated products"),
        moves=(1000000, "number of generated delivery moves"),
    )
    results = {}
    with odoo_env(args) as env:
        product = env.ref("perpetual_inventory.product_retail_01")
        with timed(f"generate {args.products} products and {args.moves} moves with their layers", results):
            generate(env, product, args.products, args.moves)
            env.cr.execute("""
                UPDATE stock_move move SET date = bench_move.create_date, state = 'done'
                  FROM bench_move WHERE move.id = bench_move.move_id;
                ANALYZE stock_move;
            """)
        company = env.ref("base.main_company")
        env["product.product"]._classify_abc(company)
        snapshots = env["stock.kpi.snapshot"]
        today = fields.Date.context_today(snapshots)
        with timed("KPI snapshot of today", results):
            snapshots._build_day(today, company)
        with timed("KPI snapshot of today, re-run", results):
            snapshots._build_day(today, company)
        with timed("KPI snapshot of yesterday", results):
            snapshots._build_day(today - timedelta(days=1), company)
        env.cr.execute(
            """SELECT count(*), sum(stocked_skus), sum(picked_lines), round(sum(cogs_365))
                            FROM stock_kpi_snapshot WHERE date = %s AND abc_class_id IS NULL""",
            [today],
        )
        print("rows, stocked SKUs, picked lines, COGS 365 of today's all-classes rows:", env.cr.fetchone())


if __name__ == "__main__":
    main()
