"""Server time of one Count screen scan (design target: p95 <= 50 ms).

Starts a count of the demo bin WH/Stock/A-01 for the demo counter, then times
the scanner's server method for a location scan followed by product scans, as
the screen calls it (one call per scan), in the counter's own rights.
"""

import statistics
import time

from benchlib import odoo_env, parse_args

from odoo import Command


def main():
    args = parse_args(__doc__, scans=(300, "number of product scans"))
    with odoo_env(args) as env:
        counter = env.ref("perpetual_inventory.user_counter")
        bin_a = env.ref("perpetual_inventory.location_wh_a_01")
        session = env["stock.count.session"].create(
            {
                "location_ids": [Command.set(bin_a.ids)],
                "counter_ids": [Command.set(counter.ids)],
            }
        )
        session.action_start()
        scanner = env["stock.count.scanner"].with_user(counter)
        barcodes = session.line_ids.product_id.mapped("barcode")
        current = scanner.scan(bin_a.barcode, session_ids=session.ids)
        timings = []
        for number in range(args.scans):
            start = time.perf_counter()
            result = scanner.scan(
                barcodes[number % len(barcodes)],
                session_id=current["session_id"],
                location_id=current["location_id"],
                session_ids=session.ids,
            )
            env.flush_all()
            timings.append((time.perf_counter() - start) * 1000)
            assert result["type"] == "line", result
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(
            f"{args.scans} scans over {len(barcodes)} products: "
            f"median {statistics.median(timings):.1f} ms, p95 {p95:.1f} ms, max {timings[-1]:.1f} ms"
        )


if __name__ == "__main__":
    main()
