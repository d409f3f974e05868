"""A simulated year of daily cycle counts (design: every item counted as often as its
class asks, each day's list about the same size, a backlog caught up within a horizon).

Generates N product-locations (classes A/B/C/no movement for 20/30/40/10 % of the
items, in locations of 20 along the route) and plans a year of the demo warehouse's
working days with the daily action's rules (perpetual_inventory_cyclecount/tools/planning.py),
each list being counted the day it is planned, for three starts (--starts):
- running: a programme already running, each item last counted at a random day of its
  class's interval;
- go-live: every item stocked on the first day, none ever counted;
- gap: the programme stopped 40 days before the first day.
Reports, per class, the share of items counted at least as often as the class asks
(and, for a go-live, first counted within its interval plus the catch-up horizon), the
deviation of the lists from the load plus the day's catch-up share, and the catch-up.
"""

import random
import time
from datetime import timedelta

from benchlib import odoo_env, parse_args

from odoo import fields


def main():
    args = parse_args(
        __doc__,
        items=(20000, "number of product-locations"),
        seed=(1, "random seed"),
        starts=("running,go-live,gap", "kinds of start, comma-separated"),
    )
    with odoo_env(args) as env:
        # Importable once the environment has set Odoo's addons path.
        from odoo.addons.perpetual_inventory_cyclecount.tools import planning

        warehouse = env.ref("stock.warehouse0")
        start = fields.Date.context_today(warehouse)
        days = warehouse._count_working_days(start, start + timedelta(days=365))
        horizon = warehouse._count_catch_up_horizon()
        classes = [
            (c.code, c.sequence, c.counts_per_year, share)
            for c, share in zip(
                env["stock.abc.class"].search([("company_id", "=", warehouse.company_id.id)]),
                (0.2, 0.3, 0.4, 0.1),
            )
        ]
        for kind in args.starts.split(","):
            began = time.perf_counter()
            rng = random.Random(args.seed)
            if kind == "go-live":
                first_days = warehouse._count_working_days(start, start + timedelta(days=800))
                items, class_of = planning.generate_items(
                    args.items, classes, start, rng, working_days=first_days
                )
            else:
                stopped = start - timedelta(days=40 if kind == "gap" else 0)
                items, class_of = planning.generate_items(args.items, classes, stopped, rng)
            load = planning.average_load([365 / item.interval for item in items], len(days))
            report = planning.coverage_report(
                items, class_of, days, load, horizon=horizon, since=start if kind == "go-live" else None
            )
            elapsed = time.perf_counter() - began
            sizes, catch_up = report["sizes"], report["catch_up"]
            print(
                f"{kind}: {args.items} product-locations, {len(days)} working days from {start}: {elapsed:.2f} s"
            )
            for code, share in report["coverage"].items():
                first = report.get("first_counts", {}).get(code)
                print(
                    f"  class {code}: {100 * share:.2f} % counted as often as the class asks"
                    + (
                        f", {100 * first:.2f} % first counted within its interval + {horizon} days"
                        if first is not None
                        else ""
                    )
                )
            top = max(size - share for size, share in zip(sizes, catch_up))
            print(
                f"  average load {load:.1f} lines a day; lists {min(sizes)}-{max(sizes)}, beyond the catch-up "
                f"at most {top} (load + 10 %: {load * 1.1:.1f}); largest deviation from load + catch-up "
                f"{100 * report['max_deviation']:.1f} %; catch-up days {sum(1 for share in catch_up if share)}, "
                f"largest share {max(catch_up)}"
            )


if __name__ == "__main__":
    main()
