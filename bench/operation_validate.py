"""Validating a scanned 200-line receipt through the Operations screen
(stock.operation.scanner.validate) vs Odoo's own button_validate on the same transfer
(target: ratio <= 1.10).

The receipt is made and every line scanned once; then each round validates it both ways,
as the same warehouse user, each from the same scanned state (a savepoint taken before and
rolled back after each validation: a fresh copy of the same data for each side), the
side that goes first alternating from round to round. The ratio is the median of the
rounds' (paired) ratios.
"""

import statistics
import time
import uuid

from benchlib import odoo_env, parse_args
from operations_common import barcoded_products, receipt, warehouse_user


def main():
    args = parse_args(__doc__, lines=(200, "lines of the receipt"), rounds=(5, "paired rounds"))
    with odoo_env(args) as env:
        cr = env.cr
        user = warehouse_user(env)
        products = barcoded_products(env, args.lines)
        picking = receipt(env, products, 1)
        scanner = env["stock.operation.scanner"].with_user(user)
        for product in products:
            answer = scanner.scan(picking.id, product.barcode, str(uuid.uuid4()))
            assert answer["type"] == "line", answer
        env.flush_all()
        cr.execute("SAVEPOINT scanned_receipt")

        def screen():
            answer = scanner.validate(picking.id, str(uuid.uuid4()))
            assert answer["type"] == "done", answer

        def odoo():
            assert picking.with_user(user).button_validate() is True

        def timed(validate):
            env.invalidate_all()
            queries = cr.sql_log_count
            start = time.perf_counter()
            validate()
            env.flush_all()
            elapsed = time.perf_counter() - start
            queries = cr.sql_log_count - queries
            assert picking.state == "done"
            cr.execute("ROLLBACK TO SAVEPOINT scanned_receipt")
            cr.precommit.clear()
            cr.postcommit.clear()
            env.invalidate_all()
            return elapsed, queries

        ratios, times = [], {"screen": [], "odoo": []}
        for number in range(args.rounds):
            sides = [("screen", screen), ("odoo", odoo)]
            if number % 2:
                sides.reverse()
            result = {name: timed(validate) for name, validate in sides}
            for name, (elapsed, _queries) in result.items():
                times[name].append(elapsed)
            ratios.append(result["screen"][0] / result["odoo"][0])
            print(
                f"round {number + 1} ({sides[0][0]} first): screen {result['screen'][0]:.3f} s "
                f"({result['screen'][1]} queries), button_validate {result['odoo'][0]:.3f} s "
                f"({result['odoo'][1]} queries), ratio {ratios[-1]:.3f}",
                flush=True,
            )
        print(
            f"{args.lines}-line scanned receipt, {args.rounds} rounds: screen median "
            f"{statistics.median(times['screen']):.3f} s, button_validate median "
            f"{statistics.median(times['odoo']):.3f} s, ratio (median of paired) {statistics.median(ratios):.3f}"
        )


if __name__ == "__main__":
    main()
