"""Each addon installs alone, in dependency order, on a fresh database.

The test database of the suite holds all three installed together; this test
installs them one at a time, without demo data, in a database of its own.
"""

import os
import subprocess
import sys

import pytest
from scratch_database import configuration_of_the_test_command, connect, drop_database

DB = "perpetual_install_alone"
STEPS = [
    ("perpetual_inventory", {"perpetual_inventory"}),
    ("perpetual_inventory_cyclecount", {"perpetual_inventory", "perpetual_inventory_cyclecount"}),
    (
        "perpetual_inventory_kpi",
        {"perpetual_inventory", "perpetual_inventory_cyclecount", "perpetual_inventory_kpi"},
    ),
]


@pytest.fixture
def odoo_config():
    return os.environ["PI_ODOO_CONFIG"], configuration_of_the_test_command()["options"]


def _installed_suite_modules(options):
    with connect(options, DB) as conn, conn.cursor() as cr:
        cr.execute(
            "SELECT name FROM ir_module_module WHERE state = 'installed' AND name LIKE 'perpetual_inventory%%'"
        )
        return {name for (name,) in cr.fetchall()}


def test_addons_install_alone_in_dependency_order(odoo_config):
    config_path, options = odoo_config
    drop_database(options, DB)
    odoo_bin = os.path.join(os.environ["ODOO_PATH"], "odoo-bin")
    try:
        for addon, expected in STEPS:
            result = subprocess.run(
                [
                    sys.executable,
                    odoo_bin,
                    "-c",
                    config_path,
                    "-d",
                    DB,
                    "-i",
                    addon,
                    "--without-demo=all",
                    "--stop-after-init",
                    "--log-level=warn",
                ],
                capture_output=True,
                text=True,
                timeout=900,
            )
            assert result.returncode == 0, result.stderr[-3000:]
            assert " ERROR " not in result.stderr, result.stderr[-3000:]
            assert _installed_suite_modules(options) == expected
    finally:
        drop_database(options, DB)
