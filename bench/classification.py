"""ABC classification (design target: 50 000 products, 1 000 000 moves in <= 5 s).

Clones a demo product N times, then one demo customer delivery move and its
valuation layer M times over those products (in SQL, with varied values, dated
over the last year), and times one classification of the company: the ranking
statement, the history and the bulk update.
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
               (SELECT array_agg(product_id ORDER BY n) FROM bench_product)[1 + ((g::bigint * 7919) %% %s)::int] AS product_id,
               -round((1 + (g::bigint * 31337) %% 1000)::numeric * (1 + g %% 17), 2) AS value,
               now() - ((g %% 360) || ' days')::interval AS create_date
          FROM generate_series(1, %s) g
        """,
        (products, moves),
    )
    cr.execute(
        """
        SELECT layer.id, layer.stock_move_id FROM stock_valuation_layer layer
          JOIN stock_move move ON move.id = layer.stock_move_id
          JOIN stock_location dest ON dest.id = move.location_dest_id
         WHERE dest.usage = 'customer' AND layer.product_id = %s
         LIMIT 1
    """,
        (product.id,),
    )
    layer_id, move_id = cr.fetchone()
    clone_rows(
        cr,
        "stock_move",
        f"t.id = {move_id}",
        {
            "id": "b.move_id",
            "product_id": "b.product_id",
            "create_date": "b.create_date",
        },
        join="bench_move b",
    )
    clone_rows(
        cr,
        "stock_valuation_layer",
        f"t.id = {layer_id}",
        {
            "product_id": "b.product_id",
            "stock_move_id": "b.move_id",
            "value": "b.value",
            "create_date": "b.create_date",
            "account_move_id": "NULL",
            "stock_valuation_layer_id": "NULL",
        },
        join="bench_move b",
    )
    cr.execute("ANALYZE stock_valuation_layer; ANALYZE stock_move; ANALYZE product_product")


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
        company = env.ref("base.main_company")
        with timed("ABC classification, first run (every product gets a class)", results):
            env["product.product"]._classify_abc(company)
        env.cr.execute("UPDATE stock_valuation_layer SET value = value * 1.01 WHERE id % 3 = 0")
        with timed("ABC classification, next run", results):
            env["product.product"]._classify_abc(company)
        env.cr.execute(
            """SELECT abc.code, count(*) FROM product_product p JOIN stock_abc_class abc
                          ON abc.id = p.abc_class_id WHERE abc.company_id = %s GROUP BY abc.code ORDER BY 1""",
            (company.id,),
        )
        print("products per class:", dict(env.cr.fetchall()))


if __name__ == "__main__":
    main()
