"""Reorder-point suggestions (design target: 50 000 products in <= 5 s).

Clones a demo product N times (half of them with a vendor lead time), then one demo
customer delivery move M times over those products (in SQL, done, dated over the
last 90 days, one product in 20 without sales), and times one suggestion run over
a 90-day window: the daily demand per product and warehouse, its mean and standard
deviation, lead times, service levels, and the insert of every suggestion.
"""

from benchlib import odoo_env, parse_args, timed
from reconciliation import clone_products, clone_rows


def generate(env, product, products, moves):
    cr = env.cr
    clone_products(cr, product, products)
    cr.execute(
        """
        CREATE TEMP TABLE bench_move ON COMMIT DROP AS
        SELECT g AS n, nextval('stock_move_id_seq') AS move_id,
               (SELECT array_agg(product_id ORDER BY n) FROM bench_product WHERE n %% 20 != 0)
                   [1 + ((g::bigint * 7919) %% (%s - %s / 20))::int] AS product_id,
               (1 + g %% 7)::numeric AS qty,
               now() - ((1 + g %% 89) || ' days')::interval AS date
          FROM generate_series(1, %s) g
        """,
        (products, products, moves),
    )
    cr.execute(
        """
        SELECT move.id FROM stock_move move
          JOIN stock_location dest ON dest.id = move.location_dest_id
          JOIN stock_location src ON src.id = move.location_id
         WHERE dest.usage = 'customer' AND src.usage = 'internal' AND move.state = 'done'
           AND move.product_id = %s
         LIMIT 1
    """,
        (product.id,),
    )
    [move_id] = cr.fetchone()
    clone_rows(
        cr,
        "stock_move",
        f"t.id = {move_id}",
        {
            "id": "b.move_id",
            "product_id": "b.product_id",
            "date": "b.date",
            "product_qty": "b.qty",
            "product_uom_qty": "b.qty",
            "quantity": "b.qty",
        },
        join="bench_move b",
    )
    vendor_info = env["product.supplierinfo"].create(
        {
            "partner_id": env.ref("base.res_partner_1").id,
            "product_tmpl_id": product.product_tmpl_id.id,
            "delay": 5,
        }
    )
    env.flush_all()
    clone_rows(
        cr,
        "product_supplierinfo",
        f"t.id = {vendor_info.id}",
        {
            "product_tmpl_id": "b.tmpl_id",
            "delay": "1 + b.n % 20",
        },
        join="(SELECT * FROM bench_product WHERE n % 2 = 0) b",
    )
    cr.execute("ANALYZE stock_move; ANALYZE product_product; ANALYZE product_supplierinfo")


def main():
    args = parse_args(
        __doc__,
        products=(50000, "number of generated products"),
        moves=(1000000, "number of generated delivery moves"),
    )
    results = {}
    with odoo_env(args) as env:
        product = env.ref("perpetual_inventory.product_retail_01")
        with timed(f"generate {args.products} products and {args.moves} moves", results):
            generate(env, product, args.products, args.moves)
        company = env.ref("base.main_company")
        env = env(context={"allowed_company_ids": company.ids})
        wizard = env["stock.reorder.suggestion.wizard"].create({"window_days": 90})
        with timed("reorder suggestions, 90-day window", results):
            wizard._compute_suggestions()
        with timed("reorder suggestions, run again (the same rows replaced)", results):
            wizard._compute_suggestions()
        env.cr.execute(
            "SELECT count(*), count(*) FILTER (WHERE vendor_lead_time) FROM stock_reorder_suggestion "
            "WHERE wizard_id = %s",
            (wizard.id,),
        )
        print("suggestions (with a vendor lead time):", env.cr.fetchone())


if __name__ == "__main__":
    main()
