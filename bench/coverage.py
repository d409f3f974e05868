"""A simulated year of daily cycle counts (design: every item counted as often as its
class asks, each day's list about the same size).

Generates N product-locations of a programme already running (classes A/B/C/no
movement for 20/30/40/10 % of the items, each last counted at a random day of its
class's interval), then plans a year of the demo warehouse's working days with the
daily action's rules (perpetual_inventory_cyclecount/tools/planning.py), each list
being counted the day it is planned. Reports, per class, the share of items counted
at least as often as the class asks, and the deviation of the lists from the load.
"""
import random
import time
from datetime import timedelta

from odoo import fields

from benchlib import odoo_env, parse_args


def main():
    args = parse_args(__doc__, items=(20000, "number of product-locations"), seed=(1, "random seed"))
    with odoo_env(args) as env:
        # Importable once the environment has set Odoo's addons path.
        from odoo.addons.perpetual_inventory_cyclecount.tools import planning

        warehouse = env.ref("stock.warehouse0")
        start = fields.Date.context_today(warehouse)
        days = warehouse._count_working_days(start, start + timedelta(days=365))
        classes = [(c.code, c.sequence, c.counts_per_year, share) for c, share in zip(
            env["stock.abc.class"].search([("company_id", "=", warehouse.company_id.id)]), (0.2, 0.3, 0.4, 0.1))]
        began = time.perf_counter()
        items, class_of = planning.generate_items(args.items, classes, start, random.Random(args.seed))
        load = planning.average_load([365 / item.interval for item in items], len(days))
        report = planning.coverage_report(items, class_of, days, load)
        elapsed = time.perf_counter() - began
        sizes = report["sizes"]
        outside = sum(1 for size in sizes if abs(size - load) / load > 0.10)
        print(f"{args.items} product-locations, {len(days)} working days from {start}: {elapsed:.2f} s")
        for code, share in report["coverage"].items():
            print(f"class {code}: {100 * share:.2f} % counted as often as the class asks")
        print(f"average load {load:.1f} lines a day; lists {min(sizes)}-{max(sizes)}; largest deviation "
              f"{100 * report['max_deviation']:.1f} %; days beyond ±10 %: {outside}")


if __name__ == "__main__":
    main()
