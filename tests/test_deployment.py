"""The production setup without Docker: the image's Python packages, Odoo's production
configuration and the nginx configuration, checked by Debian's nginx itself."""

import ast
import configparser
import os
import re
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
ADDONS = ["perpetual_inventory", "perpetual_inventory_cyclecount", "perpetual_inventory_kpi"]
NGINX = os.environ.get("NGINX_BIN", "/usr/sbin/nginx")


def _external_python_dependencies():
    modules = set()
    for addon in ADDONS:
        manifest = ast.literal_eval((REPO / addon / "__manifest__.py").read_text())
        modules |= set(manifest.get("external_dependencies", {}).get("python", []))
    return modules


def test_the_image_installs_every_python_dependency_of_the_manifests():
    dockerfile = (REPO / "Dockerfile").read_text()
    installed = set(re.findall(r"pip3? install[^\n]*?\b([A-Za-z0-9_.-]+)==", dockerfile))
    missing = _external_python_dependencies() - installed
    assert not missing, f"the Dockerfile does not install {missing}"
    assert "FROM odoo:18\n" in dockerfile, "the official image brings Odoo's own dependencies"


def test_the_image_ships_the_three_addons_where_production_odoo_finds_them():
    dockerfile = (REPO / "Dockerfile").read_text()
    parser = configparser.ConfigParser()
    parser.read(REPO / "deploy/odoo/production.conf")
    addons_path = parser["options"]["addons_path"].split(",")
    assert addons_path[0] == "/opt/perpetual-inventory"
    for addon in ADDONS:
        assert f"COPY {addon} /opt/perpetual-inventory/{addon}\n" in dockerfile


def test_production_odoo_configuration_is_sized_for_two_cores_and_four_gigabytes():
    parser = configparser.ConfigParser()
    parser.read(REPO / "deploy/odoo/production.conf")
    options = parser["options"]
    workers, crons = int(options["workers"]), int(options["max_cron_threads"])
    soft, hard = int(options["limit_memory_soft"]), int(options["limit_memory_hard"])
    assert (workers, crons) == (4, 1)
    assert options["proxy_mode"] == "True" and options["gevent_port"] == "8072"
    assert soft < hard
    # Every process at its soft limit still leaves a gigabyte for PostgreSQL and the system.
    assert (workers + crons + 1) * soft <= 3 * 1024**3
    assert (
        int(options["limit_time_cpu"])
        < int(options["limit_time_real"])
        < int(options["limit_time_real_cron"])
    )
    assert options["db_replica_host"] == "db-replica"
    assert options["list_db"] == "False"


def _nginx_check(tmp_path, upstream_http, upstream_gevent, listen):
    """Render the template like the nginx image's envsubst does, then run nginx -t."""
    template = (REPO / "deploy/nginx/odoo.conf.template").read_text()
    values = {
        "ODOO_HTTP_UPSTREAM": upstream_http,
        "ODOO_GEVENT_UPSTREAM": upstream_gevent,
        "NGINX_LISTEN": listen,
    }
    rendered = re.sub(r"\$\{(\w+)\}", lambda match: values.get(match[1], match[0]), template)
    (tmp_path / "odoo.conf").write_text(rendered)
    (tmp_path / "nginx.conf").write_text(
        f"pid {tmp_path}/nginx.pid;\nevents {{}}\n"
        f"http {{\n    client_body_temp_path {tmp_path}/body;\n    proxy_temp_path {tmp_path}/proxy;\n"
        f"    include {tmp_path}/odoo.conf;\n}}\n"
    )
    return subprocess.run(
        [
            NGINX,
            "-t",
            "-p",
            str(tmp_path),
            "-c",
            str(tmp_path / "nginx.conf"),
            "-e",
            str(tmp_path / "error.log"),
        ],
        capture_output=True,
        text=True,
    )


def test_nginx_accepts_the_docker_configuration(tmp_path):
    # Docker's service names do not resolve here: the same addresses on the loopback.
    result = _nginx_check(tmp_path, "127.0.0.1:8069", "127.0.0.1:8072", "127.0.0.1:18080")
    assert result.returncode == 0, result.stderr
    assert "test is successful" in result.stderr


def test_nginx_refuses_a_broken_configuration(tmp_path):
    result = _nginx_check(tmp_path, "127.0.0.1:8069", "", "127.0.0.1:18080")
    assert result.returncode != 0


def test_nginx_accepts_the_configuration_of_run_production():
    result = subprocess.run(
        [
            "bash",
            "-c",
            f'source "{REPO}/scripts/common.sh"; require_nginx; write_nginx_config 18069 18070 18071; '
            '"$NGINX_BIN" -t -p "$STATE/nginx" -c "$NGINX_CONF" -e "$STATE/nginx/logs/error.log"',
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    config = (REPO / ".local/nginx/odoo.conf").read_text()
    assert "server 127.0.0.1:18070;" in config and "server 127.0.0.1:18071;" in config
    assert "listen 127.0.0.1:18069;" in config
    assert "${" not in config


def test_the_proxy_sends_the_websocket_to_gevent_and_the_headers_odoo_trusts():
    template = (REPO / "deploy/nginx/odoo.conf.template").read_text()
    websocket = template[template.index("location /websocket") : template.index("location / {")]
    assert "proxy_pass http://odoo_gevent;" in websocket
    assert "proxy_set_header Upgrade $http_upgrade;" in websocket
    assert "proxy_set_header Connection $connection_upgrade;" in websocket
    root = template[template.index("location / {") :]
    assert "proxy_pass http://odoo_http;" in root
    for header in (
        "X-Forwarded-Host $http_host",
        "X-Forwarded-For $proxy_add_x_forwarded_for",
        "X-Forwarded-Proto $scheme",
        "X-Real-IP $remote_addr",
    ):
        assert template.count(f"proxy_set_header {header};") == 2, header


def test_production_run_without_nginx_says_what_is_missing(tmp_path):
    result = subprocess.run(
        ["bash", str(REPO / "scripts/run.sh"), "--production"],
        env={**os.environ, "NGINX_BIN": str(tmp_path / "no-nginx")},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert f"nginx not found at NGINX_BIN={tmp_path / 'no-nginx'}" in result.stderr
    assert "apt-get install nginx" in result.stderr


def test_ci_installs_nginx_on_a_fresh_machine():
    ci = (REPO / ".ci/run").read_text()
    assert "[ -x /usr/sbin/nginx ] || missing+=(nginx)" in ci
