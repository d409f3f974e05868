"""Server time of one Operations screen scan on a 200-line receipt (target: p95 <= 50 ms),
and the queries of one scan on a 20-line and on a 200-line receipt (must be equal).

Calls stock.operation.scanner.scan as a warehouse user (Inventory / User), one call per
scan with a request id, as the screen does; the ORM cache is emptied before each scan (a
request starts with an empty cache) and the writes are flushed inside the timing. The
Odoo process's CPU time per scan is shown too: on a shared machine it varies less than
the elapsed time.
"""

import statistics
import time
import uuid

from benchlib import odoo_env, parse_args
from operations_common import barcoded_products, receipt, warehouse_user


def main():
    args = parse_args(__doc__, lines=(200, "lines of the receipt"), scans=(400, "number of product scans"))
    with odoo_env(args) as env:
        user = warehouse_user(env)
        products = barcoded_products(env, args.lines)
        picking = receipt(env, products, args.scans)
        scanner = env["stock.operation.scanner"].with_user(user)
        timings, cpu = [], []
        for number in range(args.scans):
            env.invalidate_all()
            start, start_cpu = time.perf_counter(), time.process_time()
            answer = scanner.scan(picking.id, products[number % len(products)].barcode, str(uuid.uuid4()))
            env.flush_all()
            timings.append((time.perf_counter() - start) * 1000)
            cpu.append((time.process_time() - start_cpu) * 1000)
            assert answer["type"] == "line", answer
        timings.sort()
        p95 = timings[int(len(timings) * 0.95) - 1]
        print(
            f"{args.scans} scans on a {args.lines}-line receipt: median {statistics.median(timings):.1f} ms, "
            f"p95 {p95:.1f} ms, max {timings[-1]:.1f} ms; the server process's CPU time: median "
            f"{statistics.median(cpu):.1f} ms (less swayed by the machine's load)"
        )

        def queries_of_a_scan(count):
            picking = receipt(env, products[:count], 5)
            scanner.scan(picking.id, products[0].barcode)  # the product's caches warm
            env.flush_all()
            env.invalidate_all()
            start = env.cr.sql_log_count
            answer = scanner.scan(picking.id, products[1].barcode, str(uuid.uuid4()))
            env.flush_all()
            assert answer["type"] == "line", answer
            return env.cr.sql_log_count - start

        queries_of_a_scan(20)  # the registry's caches (access rules, groups) warm
        small, large = queries_of_a_scan(20), queries_of_a_scan(args.lines)
        print(f"queries of one scan: {small} on a 20-line receipt, {large} on a {args.lines}-line receipt")
        assert small == large, "a scan's queries grow with the transfer"


if __name__ == "__main__":
    main()
