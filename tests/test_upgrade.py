"""A database of the previous release upgrades to this checkout with nothing lost.

The previous release is the commit of main that carried the version before this one
(PREVIOUS_RELEASE). Its addons, taken from git, are installed with their demo data (posted
deliveries and POS sales, counts at every stage with variances, ABC classes and their
history, KPI snapshots); the database is then upgraded with ``-u`` from this checkout and
compared: every entry, layer, variance, class, history row, snapshot and demo user's group
is still there, the versions are this checkout's, and the stock still equals the ledger."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest
from scratch_database import configuration_of_the_test_command, connect, drop_database

REPO = Path(__file__).resolve().parent.parent
ADDONS = ("perpetual_inventory", "perpetual_inventory_cyclecount", "perpetual_inventory_kpi")
PREVIOUS_RELEASE = "337c338ff92fa23f11b5660154fb0f02b36babe1"  # 18.0.1.0.0, the last commit before 18.0.1.1.0
DB = "perpetual_upgrade"
DEMO_LOGINS = ("counter", "counter2", "manager", "finance", "accountant")

# What must survive the upgrade, as SQL that reads the same on both releases.
FIGURES = {
    "posted entries": "SELECT count(*), round(sum(amount_total), 2) FROM account_move WHERE state = 'posted'",
    "valuation layers": "SELECT count(*), round(sum(value), 2), round(sum(quantity), 4) FROM stock_valuation_layer",
    "variances": "SELECT state, count(*), round(sum(counted_qty - expected_qty), 4) FROM stock_variance "
    "GROUP BY state ORDER BY state",
    "count sessions": "SELECT state, count(*) FROM stock_count_session GROUP BY state ORDER BY state",
    "count lines": "SELECT count(*), round(sum(counted_qty), 4) FROM stock_count_line",
    "abc classes": "SELECT company_id, code FROM stock_abc_class ORDER BY company_id, code",
    "product classes": "SELECT p.id, c.code FROM product_product p JOIN stock_abc_class c "
    "ON c.id = p.abc_class_id ORDER BY p.id",
    "abc history": "SELECT count(*) FROM stock_abc_history",
    "kpi snapshots": "SELECT count(*), round(sum(inventory_value), 2) FROM stock_kpi_snapshot",
    "shrinkage by reason": "SELECT count(*), round(sum(value), 2) FROM stock_kpi_shrinkage",
}


def _figures(options):
    with connect(options, DB) as conn, conn.cursor() as cr:
        figures = {}
        for name, query in FIGURES.items():
            cr.execute(query)
            figures[name] = cr.fetchall()
        return figures


def _groups_of_demo_users(options):
    with connect(options, DB) as conn, conn.cursor() as cr:
        cr.execute(
            """
            SELECT u.login, d.module || '.' || d.name
              FROM res_users u
              JOIN res_groups_users_rel r ON r.uid = u.id
              JOIN ir_model_data d ON d.model = 'res.groups' AND d.res_id = r.gid
             WHERE u.login = ANY(%s)
        """,
            [list(DEMO_LOGINS)],
        )
        groups = {}
        for login, group in cr.fetchall():
            groups.setdefault(login, set()).add(group)
        return groups


def _installed_versions(options):
    with connect(options, DB) as conn, conn.cursor() as cr:
        cr.execute(
            "SELECT name, latest_version FROM ir_module_module WHERE name = ANY(%s) AND state = 'installed'",
            [list(ADDONS)],
        )
        return dict(cr.fetchall())


def _odoo(config, *args, python_path):
    odoo_path = os.environ["ODOO_PATH"]
    result = subprocess.run(
        [
            sys.executable,
            f"{odoo_path}/odoo-bin",
            "-c",
            str(config),
            "-d",
            DB,
            *args,
            "--stop-after-init",
            "--log-level=warn",
        ],
        capture_output=True,
        text=True,
        timeout=1800,
        env={**os.environ, "PYTHONPATH": f"{python_path}:{odoo_path}"},
    )
    assert result.returncode == 0, result.stderr[-4000:]
    assert " ERROR " not in result.stderr, result.stderr[-4000:]
    return result


def _config(tmp_path, name, addons_dir):
    parser = configuration_of_the_test_command()
    parser["options"]["addons_path"] = f"{os.environ['ODOO_PATH']}/odoo/addons,{addons_dir}"
    path = tmp_path / f"{name}.conf"
    with open(path, "w") as handle:
        parser.write(handle)
    return path


@pytest.fixture
def previous_release(tmp_path):
    """The previous release's addons, as git has them at PREVIOUS_RELEASE."""
    folder = tmp_path / "previous"
    folder.mkdir()
    archive = subprocess.run(
        ["git", "archive", PREVIOUS_RELEASE, *ADDONS], cwd=REPO, capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    version = ast.literal_eval((folder / ADDONS[0] / "__manifest__.py").read_text())["version"]
    assert version != ast.literal_eval((REPO / ADDONS[0] / "__manifest__.py").read_text())["version"], (
        "this checkout carries a new version"
    )
    return folder


@pytest.fixture
def previous_release_packages(tmp_path):
    """The Python packages the previous release needed beside Odoo's (its requirements'
    "# The suite itself" lines): a database of that release runs where they are installed,
    and keeps them through the upgrade."""
    requirements = subprocess.run(
        ["git", "show", f"{PREVIOUS_RELEASE}:requirements.txt"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    own = requirements.split("# The suite itself", 1)[1].split("\n# ", 1)[0]
    packages = [line for line in own.splitlines() if line and not line.startswith("#")]
    folder = tmp_path / "previous-packages"
    if packages:
        subprocess.run(
            [
                sys.executable,
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "--no-deps",
                "--target",
                str(folder),
                *packages,
            ],
            check=True,
            timeout=600,
        )
    return folder


def test_the_previous_release_upgrades_with_nothing_lost(
    tmp_path, previous_release, previous_release_packages
):
    options = configuration_of_the_test_command()["options"]
    drop_database(options, DB)
    try:
        _odoo(
            _config(tmp_path, "previous", previous_release),
            "-i",
            ",".join(ADDONS),
            python_path=previous_release_packages,
        )
        # A database made before managers stopped being counters: the migration mends it.
        with connect(options, DB) as conn, conn.cursor() as cr:
            cr.execute("""
                INSERT INTO res_groups_users_rel (gid, uid)
                SELECT g.res_id, u.id FROM ir_model_data g, res_users u
                 WHERE g.module = 'perpetual_inventory' AND g.name = 'group_counter' AND u.login = 'manager'
                ON CONFLICT DO NOTHING
            """)
        before, groups_before = _figures(options), _groups_of_demo_users(options)
        assert before["variances"] and before["kpi snapshots"][0][0] and before["abc history"][0][0], (
            "the previous release's demo data has variances, snapshots and class changes"
        )

        current = _config(tmp_path, "current", REPO)
        _odoo(current, "-u", ",".join(ADDONS), python_path=previous_release_packages)

        after = _figures(options)
        for name, figure in before.items():
            assert after[name] == figure, f"{name} changed in the upgrade: {figure} -> {after[name]}"
        with connect(options, DB) as conn, conn.cursor() as cr:
            cr.execute("SELECT count(*) FROM stock_kpi_shrinkage WHERE company_id IS NULL OR date IS NULL")
            assert cr.fetchone()[0] == 0, "every shrinkage row has its company and day, so users see it"
        groups_after = _groups_of_demo_users(options)
        for login, groups in groups_before.items():
            if login == "manager":
                groups = groups - {"perpetual_inventory.group_counter"}
            assert groups <= groups_after.get(login, set()), (
                f"{login} lost {groups - groups_after.get(login, set())}"
            )
        assert "perpetual_inventory.group_counter" not in groups_after["manager"], (
            "a manager is no longer a blind counter after the upgrade"
        )
        for addon, version in _installed_versions(options).items():
            manifest = ast.literal_eval((REPO / addon / "__manifest__.py").read_text())
            assert version == manifest["version"], addon
        assert set(_installed_versions(options)) == set(ADDONS)

        odoo_env = {**os.environ, "PYTHONPATH": os.environ["ODOO_PATH"]}
        check = subprocess.run(
            [sys.executable, str(REPO / "tests" / "upgrade_reconcile.py"), str(current), DB],
            capture_output=True,
            text=True,
            timeout=600,
            env=odoo_env,
        )
        assert check.returncode == 0, check.stderr[-3000:]
        rows = [line.split() for line in check.stdout.splitlines() if line.startswith("RECONCILIATION")]
        assert rows, check.stdout
        for _, company, difference, differing in rows:
            assert (difference, differing) == ("0.00", "0"), (
                f"company {company}: stock differs from the ledger"
            )
    finally:
        drop_database(options, DB)
