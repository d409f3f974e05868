"""The run command serves the login page on an existing database and stops cleanly."""

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _login_page(port):
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/web/login", timeout=5) as response:
            return response.status, response.read().decode()
    except OSError:
        return None, ""


def test_run_command_reuses_the_database_serves_login_and_stops():
    # The test database exists already: the run command must reuse it, not rebuild it.
    database = os.environ.get("PI_TEST_DB", "perpetual_test")
    port = _free_port()
    process = subprocess.Popen(
        ["bash", str(REPO / "scripts/run.sh")],
        env={**os.environ, "PI_DB": database, "PI_HTTP_PORT": str(port)},
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    try:
        status, page = None, ""
        deadline = time.monotonic() + 180
        while status != 200 and time.monotonic() < deadline and process.poll() is None:
            time.sleep(1)
            status, page = _login_page(port)
        assert status == 200, "the login page was not served"
        assert 'name="login"' in page
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=60)
    assert f"http://127.0.0.1:{port}" in output
    assert "Login: admin" in output
    assert "Creating database" not in output
    assert _login_page(port)[0] is None, "Odoo still answers after the run command stopped"
