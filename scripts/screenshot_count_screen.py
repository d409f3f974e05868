"""Take the README's screenshot of the Count screen in headless Chromium.

Logs in as a demo counter on a running Odoo (scripts/run.sh), opens the Count
screen on a phone-sized viewport, scans a location and a few products the way a
keyboard-wedge scanner does, and saves a PNG:

    .local/venv/bin/python scripts/screenshot_count_screen.py --db perpetual_demo \\
        --scan WH-A-01 --scan 2000000000015 --scan 2000000000015 --out docs/count_screen.png
"""

import argparse
import base64
import itertools
import json
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request

import websocket

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
]


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Browser:
    """Just enough of the Chrome DevTools Protocol: navigate, evaluate, screenshot."""

    def __init__(self, width, height):
        self.port = free_port()
        self.profile = tempfile.mkdtemp(prefix="pi-chromium-")
        self.process = subprocess.Popen(
            [
                "chromium",
                *CHROMIUM_FLAGS,
                f"--remote-debugging-port={self.port}",
                f"--user-data-dir={self.profile}",
                f"--window-size={width},{height}",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        self.socket = websocket.create_connection(self._page_websocket_url(), timeout=60)
        self.ids = itertools.count(1)
        self.call(
            "Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=2, mobile=True
        )

    def _page_websocket_url(self):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{self.port}/json/list") as response:
                    pages = [t for t in json.load(response) if t["type"] == "page"]
                if pages:
                    return pages[0]["webSocketDebuggerUrl"]
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError("Chromium did not start")

    def call(self, method, **params):
        message_id = next(self.ids)
        self.socket.send(json.dumps({"id": message_id, "method": method, "params": params}))
        while True:
            message = json.loads(self.socket.recv())
            if message.get("id") == message_id:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result", {})

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, awaitPromise=True, returnByValue=True)
        return result.get("result", {}).get("value")

    def goto(self, url):
        self.call("Page.navigate", url=url)
        self.wait_for("document.readyState === 'complete'")

    def wait_for(self, condition, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.evaluate(f"!!({condition})"):
                return
            time.sleep(0.2)
        raise RuntimeError(f"timed out waiting for {condition}")

    def screenshot(self, path):
        data = self.call("Page.captureScreenshot", format="png")["data"]
        with open(path, "wb") as image:
            image.write(base64.b64decode(data))

    def close(self):
        self.socket.close()
        self.process.terminate()
        self.process.wait(timeout=30)
        shutil.rmtree(self.profile, ignore_errors=True)


def scan_script(barcode):
    keys = [*barcode, "Enter"]
    return "".join(
        f"document.body.dispatchEvent(new KeyboardEvent('keydown', {{key: {json.dumps(key)}, bubbles: true}}));"
        for key in keys
    )


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url", default="http://127.0.0.1:8069")
    parser.add_argument("--db", required=True)
    parser.add_argument("--login", default="counter")
    parser.add_argument("--password", default="counter")
    parser.add_argument("--scan", action="append", default=[], help="a barcode to scan (repeatable)")
    parser.add_argument("--size", default="412x915", help="viewport WIDTHxHEIGHT")
    parser.add_argument("--out", default="docs/count_screen.png")
    args = parser.parse_args()
    width, height = (int(n) for n in args.size.split("x"))

    browser = Browser(width, height)
    try:
        browser.goto(f"{args.url}/web/login?db={args.db}")
        credentials = json.dumps(
            {"jsonrpc": "2.0", "params": {"db": args.db, "login": args.login, "password": args.password}}
        )
        browser.evaluate(
            "fetch('/web/session/authenticate', {method: 'POST', "
            f"headers: {{'Content-Type': 'application/json'}}, body: {json.dumps(credentials)}}})"
            ".then(response => response.json())"
        )
        browser.goto(f"{args.url}/odoo/action-perpetual_inventory.action_count_screen")
        browser.wait_for("document.querySelector('.o_pi_count_screen')")
        for barcode in args.scan:
            browser.evaluate(scan_script(barcode))
            time.sleep(1.0)
        time.sleep(1.0)
        browser.screenshot(args.out)
        print(f"saved {args.out}")
    finally:
        browser.close()


if __name__ == "__main__":
    main()
