"""The run and test commands fail at once, and say why, without Odoo."""

import os
import re
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("script", ["scripts/run.sh", "scripts/test.sh"])
def test_missing_odoo_is_reported_clearly(script, tmp_path):
    missing = tmp_path / "no-odoo-here"
    result = subprocess.run(
        ["bash", str(REPO / script)],
        # run.sh would fetch Odoo: give it a source that cannot answer.
        env={
            **os.environ,
            "ODOO_PATH": str(missing),
            "ODOO_GIT_URL": f"file://{tmp_path}/no-remote",
            "ODOO_FETCH_PATH": str(tmp_path / "fetched"),
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert f"Odoo 18.0 source not found at ODOO_PATH={missing}" in result.stderr
    assert f"{missing}/odoo-bin" in result.stderr
    # Nothing was built before the check.
    assert "Creating" not in result.stderr


def test_wrong_odoo_version_is_reported(tmp_path):
    fake = tmp_path / "odoo17"
    (fake / "odoo" / "addons" / "base").mkdir(parents=True)
    (fake / "odoo-bin").write_text("")
    (fake / "odoo" / "addons" / "base" / "__manifest__.py").write_text("{}")
    (fake / "odoo" / "release.py").write_text("version_info = (17, 0, 0, 'final', 0, '')\n")
    result = subprocess.run(
        ["bash", str(REPO / "scripts/test.sh")],
        env={**os.environ, "ODOO_PATH": str(fake)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "is not Odoo 18.0" in result.stderr


def test_ci_calls_the_readme_test_command():
    readme = (REPO / "README.md").read_text()
    ci_commands = [
        line.strip()
        for line in (REPO / ".ci/run").read_text().splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert "bash scripts/test.sh" in readme
    assert ci_commands[-1] == "bash scripts/test.sh"


def test_the_run_banner_names_every_demo_login():
    logins = set()
    for demo in REPO.glob("*/demo/*.xml"):
        logins |= set(re.findall(r'<field name="login">([^<]+)</field>', demo.read_text()))
    banner = next(line for line in (REPO / "scripts/run.sh").read_text().splitlines() if "Demo users" in line)
    named = {name.strip() for name in banner.split(":", 1)[1].split(",")}
    assert logins and logins <= named, f"the banner leaves out {sorted(logins - named)}"
