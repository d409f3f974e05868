"""scripts/run.sh --production, driven through its reverse proxy.

The run command serves the test database with prefork workers, a gevent process
and a streaming replica, behind Debian's nginx. Through nginx: the login page, the
bus websocket, the Count screen in Chromium (a tour), and the read-only requests,
which must reach the replica. Then the command stops and leaves no process behind.

The server under test is another process: it sees committed data only, so the
tests here change nothing (no cron runs: --max-cron-threads=0).
"""

import json
import os
import re
import signal
import socket
import subprocess
import tempfile
import time
from pathlib import Path

import requests
import websocket

from odoo import SUPERUSER_ID, api
from odoo.tests import HttpCase

REPO = Path(__file__).resolve().parent.parent
REPLICA_LOG = REPO / ".local/pgreplica/server.log"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class TestProductionRun(HttpCase):
    test_tags = {"post_install"}
    registry_test_mode = False  # the browser talks to the server under test, not to this process
    port = None

    @classmethod
    def base_url(cls):
        return f"http://127.0.0.1:{cls.port}"

    @classmethod
    def setUpClass(cls):
        cls.port = _free_port()
        cls.output = tempfile.NamedTemporaryFile("w+", prefix="run-production-", suffix=".log")
        cls.process = subprocess.Popen(
            ["bash", str(REPO / "scripts/run.sh"), "--production", "--max-cron-threads=0"],
            env={
                **os.environ,
                "PI_DB": os.environ.get("PI_TEST_DB", "perpetual_test"),
                "PI_HTTP_PORT": str(cls.port),
                "PI_REPLICA_LOG_STATEMENTS": "1",
            },
            stdout=cls.output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            cls._wait_until_served()
        except BaseException:
            cls._stop()
            raise
        cls.addClassCleanup(cls._stop)
        super().setUpClass()

    @classmethod
    def _wait_until_served(cls):
        deadline = time.monotonic() + 150
        while time.monotonic() < deadline and cls.process.poll() is None:
            try:
                # The HTTP workers serve the login page; the gevent process answers a
                # plain GET of /websocket with an error of its own, nginx with 502 until then.
                if requests.get(
                    f"{cls.base_url()}/web/login", timeout=10
                ).status_code == 200 and requests.get(
                    f"{cls.base_url()}/websocket", timeout=10
                ).status_code not in (502, 504):
                    return
            except requests.ConnectionError:
                pass
            time.sleep(1)
        raise AssertionError(f"run.sh --production served nothing:\n{cls._output()[-5000:]}")

    @classmethod
    def _output(cls):
        cls.output.seek(0)
        return cls.output.read()

    @classmethod
    def _stop(cls):
        """TERM to the run command, which stops Odoo, nginx and the replica; whatever is
        left of its process group after a minute is killed, and the test fails."""
        group = cls.process.pid
        cls.process.send_signal(signal.SIGTERM)
        try:
            cls.process.wait(timeout=60)
        finally:
            leftovers = cls._group_alive(group)
            if leftovers:
                os.killpg(group, signal.SIGKILL)
            subprocess.run(["bash", "-c", f"source {REPO}/scripts/common.sh; stop_replica"], check=False)
            cls.output.close()
        assert not leftovers, "processes of run.sh --production outlived it"

    @staticmethod
    def _group_alive(group):
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                os.killpg(group, 0)
            except ProcessLookupError:
                return False
            time.sleep(0.5)
        return True

    def _rpc(self, model, method, *args, **kwargs):
        response = self.opener.post(
            f"{self.base_url()}/web/dataset/call_kw/{model}/{method}",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "id": 1,
                "params": {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
            },
            timeout=60,
        )
        body = response.json()
        self.assertNotIn("error", body, body.get("error"))
        return body["result"]

    def test_login_page_comes_through_nginx_to_the_prefork_workers(self):
        response = requests.get(f"{self.base_url()}/web/login", timeout=10)
        self.assertEqual(response.status_code, 200)
        self.assertTrue(response.headers["Server"].startswith("nginx/"))
        self.assertIn('name="login"', response.text)
        output = self._output()
        self.assertIn("prefork workers, behind nginx", output)
        self.assertIn("Worker WorkerHTTP", output)
        self.assertIn("Evented Service (longpolling) running", output)

    def test_bus_notifications_reach_a_websocket_through_nginx(self):
        session = self.authenticate("admin", "admin")
        connection = websocket.create_connection(
            f"ws://127.0.0.1:{self.port}/websocket",
            timeout=20,
            header=[f"Origin: {self.base_url()}"],
            cookie=f"session_id={session.sid}",
        )
        try:
            self.assertEqual(connection.getstatus(), 101)
            connection.send(json.dumps({"event_name": "subscribe", "data": {"channels": [], "last": 0}}))
            connection.settimeout(3)
            received = []
            deadline = time.monotonic() + 30
            # Sent again until one arrives, in case the gevent process was not yet
            # listening to PostgreSQL when the first was committed.
            while time.monotonic() < deadline and not received:
                self._send_bus_notification({"ok": 1})
                try:
                    notifications = json.loads(connection.recv())
                except websocket.WebSocketTimeoutException:
                    continue
                received = [
                    notification["message"]["payload"]
                    for notification in notifications
                    if notification["message"]["type"] == "perpetual_inventory/proxy_check"
                ]
        finally:
            connection.close()
        self.assertIn({"ok": 1}, received)

    def _send_bus_notification(self, payload):
        with self.registry.cursor() as cr:  # committed, as a request would
            env = api.Environment(cr, SUPERUSER_ID, {})
            env["bus.bus"]._sendone(
                env.ref("base.user_admin").partner_id, "perpetual_inventory/proxy_check", payload
            )

    def test_count_screen_tour_through_nginx(self):
        # Tours are loaded with ?debug=tests on a server that is not in test mode.
        path = "/odoo/action-perpetual_inventory.action_count_screen?debug=tests"
        self._generate_asset_bundles(path, "counter")
        self.start_tour(path, "perpetual_inventory_proxy_tour", login="counter")

    def _generate_asset_bundles(self, path, login):
        """Odoo builds a missing asset bundle on the primary, then serves it through the
        request's read-only cursor on the replica: until the replica has replayed the new
        attachment, that request answers 400. A browser gets the bundle on its next load;
        the tour has one load only, so the bundles of its page are built beforehand."""
        session = requests.Session()
        response = session.post(
            f"{self.base_url()}/web/session/authenticate",
            timeout=30,
            json={"jsonrpc": "2.0", "params": {"db": self.env.cr.dbname, "login": login, "password": login}},
        )
        self.assertEqual(response.status_code, 200)
        page = session.get(f"{self.base_url()}{path}", timeout=60).text
        bundles = re.findall(r'(?:src|href)="(/web/assets/[^"]+)"', page)
        self.assertTrue(bundles, "the page links its asset bundles")
        for bundle in bundles:
            for _attempt in range(10):
                if session.get(f"{self.base_url()}{bundle}", timeout=120).status_code == 200:
                    break
                time.sleep(0.5)
            else:
                self.fail(f"{bundle} was never served")

    def test_cogs_review_and_daily_check_read_on_the_replica(self):
        self.authenticate("admin", "admin")
        before = REPLICA_LOG.read_text(errors="replace")

        groups = self._rpc("stock.cogs.report", "web_read_group", [], ["value:sum"], ["source"])
        self.assertTrue(groups["groups"], "the demo data has COGS")
        cron = self.env.ref("perpetual_inventory.ir_cron_stock_gl_check")
        response = self.opener.post(
            f"{self.base_url()}/web/dataset/call_button",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "id": 2,
                "params": {
                    "model": "ir.cron",
                    "method": "method_direct_trigger",
                    "args": [[cron.id]],
                    "kwargs": {},
                },
            },
            timeout=60,
        )
        self.assertNotIn("error", response.json())

        replica_statements = REPLICA_LOG.read_text(errors="replace")[len(before) :]
        self.assertIn("aml.cogs_source IS NOT NULL", replica_statements, "the COGS review read the primary")
        self.assertIn(
            "FROM balances WHERE gl_balance != layer_value",
            replica_statements,
            "the daily check read the primary",
        )
