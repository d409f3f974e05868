"""Take a README screenshot of any screen in headless Chromium.

Logs in as a demo user on a running Odoo (scripts/run.sh), opens a URL, clicks
through the given CSS selectors (waiting for each one), waits for the last
selector and saves a PNG. The Count screen's own script,
scripts/screenshot_count_screen.py, provides the browser and the scanner.

    .local/venv/bin/python scripts/screenshot.py --db perpetual_demo --login accountant \\
        --path /odoo/action-perpetual_inventory.action_stock_cogs_report \\
        --click .o_switch_view.o_list --click ".o_data_row .o_data_cell" \\
        --click "button[name=action_open_journal_entry]" \\
        --wait ".o_field_widget[name=line_ids] .o_data_row" --out docs/accountant_cogs_entry.png
"""

import argparse
import json
import time

from screenshot_count_screen import Browser, scan_script


def log_in(browser, url, db, login, password):
    browser.goto(f"{url}/web/login?db={db}")
    credentials = json.dumps({"jsonrpc": "2.0", "params": {"db": db, "login": login, "password": password}})
    browser.evaluate(
        "fetch('/web/session/authenticate', {method: 'POST', "
        f"headers: {{'Content-Type': 'application/json'}}, body: {json.dumps(credentials)}}})"
        ".then(response => response.json())"
    )


def click(browser, selector):
    found = f"document.querySelector({json.dumps(selector)})"
    browser.wait_for(f"{found} && !{found}.disabled")
    browser.evaluate(f"{found}.click()")


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--db", required=True)
    parser.add_argument("--login", required=True)
    parser.add_argument("--password", help="default: the login, as for the demo users")
    parser.add_argument("--path", default="/odoo", help="where to start, e.g. /odoo/action-<xmlid>")
    parser.add_argument("--click", action="append", default=[], help="a CSS selector to click (repeatable)")
    parser.add_argument(
        "--scan", action="append", default=[], help="a barcode to scan at the end (repeatable)"
    )
    parser.add_argument("--wait", help="a CSS selector to wait for before the screenshot")
    parser.add_argument("--size", default="1280x720", help="viewport WIDTHxHEIGHT")
    parser.add_argument("--phone", action="store_true", help="emulate a touch phone")
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))

    browser = Browser(width, height)
    try:
        if not args.phone:
            browser.call(
                "Emulation.setDeviceMetricsOverride",
                width=width,
                height=height,
                deviceScaleFactor=1,
                mobile=False,
            )
        log_in(browser, args.url, args.db, args.login, args.password or args.login)
        browser.goto(f"{args.url}{args.path}")
        for selector in args.click:
            click(browser, selector)
        for barcode in args.scan:
            browser.evaluate(scan_script(barcode))
            time.sleep(1.0)
        if args.wait:
            browser.wait_for(f"document.querySelector({json.dumps(args.wait)})")
        time.sleep(1.5)
        browser.screenshot(args.out)
        print(f"saved {args.out}")
    finally:
        browser.close()


if __name__ == "__main__":
    main()
