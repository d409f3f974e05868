"""Stock-vs-GL reconciliation on many products (design target: 50 000 products in <= 3 s).

Clones one demo product, with its valuation layers and its journal items, N
times in SQL, then times one reconciliation of the company.
"""

from benchlib import odoo_env, parse_args, timed


def clone_rows(cr, table, where, replacements, join="bench_product b"):
    """Copy the rows of ``table`` matching ``where`` once per row of ``join``,
    with ``replacements`` ({column: SQL expression}) and a fresh id."""
    cr.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s ORDER BY ordinal_position",
        (table,),
    )
    columns = [name for (name,) in cr.fetchall()]
    replacements = {"id": f"nextval('{table}_id_seq')", **replacements}
    selected = ", ".join(replacements.get(column, f"t.{column}") for column in columns)
    cr.execute(
        f"INSERT INTO {table} ({', '.join(columns)}) SELECT {selected} FROM {table} t, {join} WHERE {where}"
    )


def clone_products(cr, product, count):
    """``count`` copies of ``product`` (template and variant), listed in the temporary
    table bench_product (n, tmpl_id, product_id)."""
    cr.execute(
        """
        CREATE TEMP TABLE bench_product ON COMMIT DROP AS
        SELECT g AS n, nextval('product_template_id_seq') AS tmpl_id,
               nextval('product_product_id_seq') AS product_id
          FROM generate_series(1, %s) g
        """,
        (count,),
    )
    clone_rows(
        cr,
        "product_template",
        f"t.id = {product.product_tmpl_id.id}",
        {
            "id": "b.tmpl_id",
            "name": "jsonb_build_object('en_US', 'Bench product ' || b.n)",
        },
    )
    clone_rows(
        cr,
        "product_product",
        f"t.id = {product.id}",
        {
            "id": "b.product_id",
            "product_tmpl_id": "b.tmpl_id",
            "barcode": "NULL",
            "default_code": "'BENCH' || b.n",
        },
    )


def generate(env, product, count):
    cr = env.cr
    clone_products(cr, product, count)
    clone_rows(cr, "stock_valuation_layer", f"t.product_id = {product.id}", {"product_id": "b.product_id"})
    clone_rows(cr, "account_move_line", f"t.product_id = {product.id}", {"product_id": "b.product_id"})
    cr.execute("ANALYZE stock_valuation_layer; ANALYZE account_move_line")


def main():
    args = parse_args(__doc__, products=(50000, "number of generated products"))
    results = {}
    with odoo_env(args) as env:
        product = env.ref("perpetual_inventory.product_retail_01")
        with timed(f"generate {args.products} products with their layers and entries", results):
            generate(env, product, args.products)
        env.cr.execute("SELECT count(*) FROM stock_valuation_layer")
        print(f"valuation layers in the database: {env.cr.fetchone()[0]}")
        company = env.ref("base.main_company")
        with timed("stock-vs-GL reconciliation", results):
            reconciliation = env["stock.gl.reconciliation"]._run_check(company)
        print(f"rows: {len(reconciliation.line_ids)}, difference: {reconciliation.difference:.2f}")


if __name__ == "__main__":
    main()
