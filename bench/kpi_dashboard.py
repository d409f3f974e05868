"""KPI dashboard data (design target: a year of daily snapshots in <= 1 s).

Writes a year of daily snapshot rows for the demo company (every warehouse × every
ABC class plus the all-classes row, plus W generated warehouses' worth of rows) in
SQL, then times get_dashboard_data: all warehouses and classes, one warehouse, one class.
"""

import statistics
import time

from benchlib import odoo_env, parse_args


def generate(env, company, warehouses, days):
    env.cr.execute(
        """
        INSERT INTO stock_kpi_snapshot (date, company_id, warehouse_id, abc_class_id, count_lines,
               count_lines_ok, count_expected_qty, count_difference_qty, inventory_value,
               average_inventory_value, cogs_day, cogs_30, cogs_365, picked_lines, pick_errors,
               stocked_skus, stockout_skus, shrinkage_value, scheduled_lines, scheduled_lines_done)
        SELECT CURRENT_DATE - day, %(company)s, -wh, class.id, 40, 39, 400, 5, 100000 + day, 100000,
               300, 9000, 110000, 200, 1, 500, 8, 12.5, 40, 38
          FROM generate_series(0, %(days)s - 1) day,
               generate_series(1, %(warehouses)s) wh,
               (SELECT id FROM stock_abc_class WHERE company_id = %(company)s UNION ALL SELECT NULL) class
    """,
        {"company": company.id, "warehouses": warehouses, "days": days},
    )
    print(f"{env.cr.rowcount} snapshot rows written")


def main():
    args = parse_args(__doc__, warehouses=(20, "generated warehouses"), days=(365, "days of snapshots"))
    with odoo_env(args) as env:
        company = env.ref("base.main_company")
        # Generated warehouses only need ids: the foreign key is dropped for the run.
        env.cr.execute(
            "ALTER TABLE stock_kpi_snapshot DROP CONSTRAINT IF EXISTS stock_kpi_snapshot_warehouse_id_fkey"
        )
        env.cr.execute("DELETE FROM stock_kpi_snapshot")
        generate(env, company, args.warehouses, args.days)
        env.cr.execute("ANALYZE stock_kpi_snapshot")
        snapshots = env["stock.kpi.snapshot"].with_context(allowed_company_ids=company.ids)
        a_class = env["stock.abc.class"].search([("company_id", "=", company.id)], limit=1)
        for label, kwargs in (
            ("all warehouses, all classes", {}),
            ("one warehouse", {"warehouse_id": -1}),
            ("one class", {"abc_class_id": a_class.id}),
        ):
            durations = []
            for _run in range(10):
                start = time.perf_counter()
                snapshots.get_dashboard_data(**kwargs)
                durations.append(time.perf_counter() - start)
            print(
                f"dashboard data, {label}: median {statistics.median(durations) * 1000:.1f} ms, "
                f"max {max(durations) * 1000:.1f} ms",
                flush=True,
            )


if __name__ == "__main__":
    main()
