"""Server time of one RFID read on the Count screen (issue target: a burst of 500 distinct
EPCs in one call <= 1 s, with the same number of queries whatever the burst's size).

Starts a count of the demo bin WH/Stock/A-01 for the demo counter, then times the
scanner's scan_epcs, as the screen calls it in the counter's rights: a first read of
--tags distinct SGTIN-96 tags spread over the bin's products, the same read again (every
tag already counted), and a read of twice as many new tags, with their query counts.
"""

import time

from benchlib import odoo_env, parse_args

from odoo import Command


def tags_of(products, serials):
    # Importable once the environment has set Odoo's addons path.
    from odoo.addons.perpetual_inventory.tools import epc

    return [
        epc.sgtin96(product.barcode, serial, product.barcode[:7])
        for serial in serials
        for product in products
    ]


def timed_read(env, scanner, current, tags):
    env.flush_all()
    queries = env.cr.sql_log_count
    start = time.perf_counter()
    answer = scanner.scan_epcs("\n".join(tags), current["session_id"], current["location_id"])
    env.flush_all()
    elapsed = (time.perf_counter() - start) * 1000
    assert answer["type"] == "rfid", answer
    return answer, elapsed, env.cr.sql_log_count - queries


def main():
    args = parse_args(__doc__, tags=(500, "distinct tags in the first read"))
    with odoo_env(args) as env:
        counter = env.ref("perpetual_inventory.user_counter")
        bin_a = env.ref("perpetual_inventory.location_wh_a_01")
        session = env["stock.count.session"].create(
            {"location_ids": [Command.set(bin_a.ids)], "counter_ids": [Command.set(counter.ids)]}
        )
        session.action_start()
        products = session.line_ids.filtered(
            lambda line: line.product_id.tracking == "none" and len(line.product_id.barcode or "") == 13
        ).product_id
        scanner = env["stock.count.scanner"].with_user(counter)
        current = scanner.scan(bin_a.barcode, session_ids=session.ids)
        per_product = -(-args.tags // len(products))
        first_tags = tags_of(products, range(1, per_product + 1))[: args.tags]
        more_tags = tags_of(products, range(per_product + 1, 3 * per_product + 1))[: 2 * args.tags]
        for label, tags in [
            ("first read", first_tags),
            ("same read again", first_tags),
            ("new tags", more_tags),
        ]:
            answer, elapsed, queries = timed_read(env, scanner, current, tags)
            print(
                f"{label}: {len(tags)} tags over {len(products)} products, {answer['tags_counted']} counted, "
                f"{answer['already_counted']} already counted: {elapsed:.0f} ms, {queries} queries",
                flush=True,
            )


if __name__ == "__main__":
    main()
