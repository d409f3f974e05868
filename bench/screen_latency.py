"""The Operations screen as a warehouse user feels it: from the Enter a wedge scanner types to
the feedback line shown, in headless Chromium (target: p95 <= 100 ms).

On a copy of the benchmark database (the suite with its demo data), a ready receipt of the
demo warehouse is made for the demo products that have a barcode, then an Odoo server is
started on it and Chromium, on a phone-sized screen, logs in as the demo ``warehouse`` user,
opens the receipt on the Operations screen and scans its products one after another. Each
scan is timed in the page: from the Enter key to the next frame painted after the feedback
line changed (the server's answer, the screen's update and the browser's layout, all of it).
The copy is dropped at the end.

    bash bench/bench.sh screen_latency [--scans 100]
"""

import os
import statistics
import subprocess
import sys
import time
import urllib.request

from benchlib import parse_args

import odoo
from odoo import Command

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "scripts"))
from screenshot import log_in  # noqa: E402
from screenshot_count_screen import Browser, free_port, scan_script  # noqa: E402

RECEIPT = "PIBENCH-LATENCY"
# One scan, timed in the page: the barcode's keys, then Enter; the time to the frame painted
# after the feedback line's text changed. Resolves to [milliseconds, the feedback said success],
# or [-1, false] after 10 s.
SCAN_TIMED = """
(async (barcode) => {
    const box = document.querySelector(".o_pi_scan_feedback");
    const before = box.textContent;
    const key = (key) => document.body.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true }));
    [...barcode].forEach(key);
    let start;
    const shown = new Promise((resolve) => {
        const observer = new MutationObserver(() => {
            if (box.textContent !== before) {
                observer.disconnect();
                requestAnimationFrame(() => resolve([
                    performance.now() - start,
                    Boolean(box.querySelector(".o_pi_feedback_success")),
                ]));
            }
        });
        observer.observe(box, { subtree: true, childList: true, characterData: true });
        setTimeout(() => { observer.disconnect(); resolve([-1, false]); }, 10000);
    });
    start = performance.now();
    key("Enter");
    return await shown;
})(%s)
"""


def make_receipt(database, config):
    """A ready receipt of every barcoded demo product, 1 000 units each: scans never run out."""
    registry = odoo.modules.registry.Registry(database)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        warehouse = env.ref("stock.warehouse0")
        products = env["product.product"].search(
            [
                ("barcode", "!=", False),
                ("is_storable", "=", True),
                ("tracking", "=", "none"),
                ("company_id", "in", (warehouse.company_id.id, False)),
            ],
            limit=20,
        )
        supplier = env.ref("stock.stock_location_suppliers")
        picking = env["stock.picking"].create(
            {
                "picking_type_id": warehouse.in_type_id.id,
                "origin": RECEIPT,
                "location_id": supplier.id,
                "location_dest_id": warehouse.lot_stock_id.id,
                "move_ids": [
                    Command.create(
                        {
                            "name": product.name,
                            "product_id": product.id,
                            "product_uom_qty": 1000,
                            "product_uom": product.uom_id.id,
                            "location_id": supplier.id,
                            "location_dest_id": warehouse.lot_stock_id.id,
                        }
                    )
                    for product in products
                ],
            }
        )
        picking.action_confirm()
        picking.picking_type_id.pi_scan_destination = "never"
        return picking.name, products.mapped("barcode")


def start_server(config, database, port):
    odoo_bin = os.path.join(os.path.dirname(odoo.__path__[0]), "odoo-bin")
    server = subprocess.Popen(
        [
            sys.executable,
            odoo_bin,
            "-c",
            config,
            "-d",
            database,
            "--db-filter",
            f"^{database}$",
            "--http-interface",
            "127.0.0.1",
            "--http-port",
            str(port),
            "--gevent-port",
            str(free_port()),
            "--workers",
            "0",
            "--max-cron-threads",
            "0",
            "--log-level",
            "warn",
        ],
        env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)},
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/web/health", timeout=5)
            return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    raise RuntimeError("the Odoo server did not start")


def measure(url, database, transfer, barcodes, scans):
    browser = Browser(412, 915)
    try:
        log_in(browser, url, database, "warehouse", "warehouse")
        browser.goto(f"{url}/odoo/action-perpetual_inventory.action_operations_screen")
        browser.wait_for("document.querySelector('.o_pi_operations_screen .o_pi_ops_search')")
        browser.evaluate(scan_script(transfer))
        browser.wait_for("document.querySelector('.o_pi_operations_screen .o_pi_ops_line')")
        for barcode in barcodes[:3]:  # assets, sounds and caches warm
            browser.evaluate(SCAN_TIMED % repr(barcode))
        timings = []
        for number in range(scans):
            barcode = barcodes[number % len(barcodes)]
            timing, success = browser.evaluate(SCAN_TIMED % repr(barcode))
            if timing < 0 or not success:
                raise RuntimeError(f"scan {number + 1} ({barcode}): no success feedback within 10 s")
            timings.append(timing)
        return timings
    finally:
        browser.close()


def main():
    args = parse_args(__doc__, scans=(100, "number of product scans"))
    odoo.tools.config.parse_config(["-c", args.config, "--log-level=warn"])
    copy = f"{args.database}_latency"
    odoo.service.db.exp_drop(copy)
    odoo.service.db.exp_duplicate_database(args.database, copy)
    port = free_port()
    try:
        transfer, barcodes = make_receipt(copy, args.config)
        odoo.sql_db.close_db(copy)
        server = start_server(args.config, copy, port)
        try:
            timings = measure(f"http://127.0.0.1:{port}", copy, transfer, barcodes, args.scans)
        finally:
            server.terminate()
            server.wait(timeout=60)
    finally:
        odoo.sql_db.close_all()
        odoo.service.db.exp_drop(copy)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95) - 1]
    load = os.getloadavg()[0]
    print(
        f"{len(timings)} scans on the Operations screen (Chromium, phone screen, demo warehouse user): "
        f"Enter -> feedback shown median {statistics.median(timings):.0f} ms, p95 {p95:.0f} ms, "
        f"max {timings[-1]:.0f} ms (load {load:.1f})"
    )


if __name__ == "__main__":
    main()
