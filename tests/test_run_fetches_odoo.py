"""Without Odoo at ODOO_PATH, the run command fetches the pinned Odoo 18.0 source, shallow
and checked, then carries on; without network it says how to go on. A local git
repository stands in for github.com/odoo/odoo."""
import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

FAKE_ODOO_BIN = """import sys
print("fake odoo-bin started with", " ".join(sys.argv[1:]))
"""


def _git(*args, cwd):
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def odoo_remote(tmp_path):
    """A tiny Odoo 18.0 look-alike with two commits; returns (file:// URL, pinned sha)."""
    remote = tmp_path / "odoo-remote"
    (remote / "odoo" / "addons" / "base").mkdir(parents=True)
    (remote / "odoo-bin").write_text(FAKE_ODOO_BIN)
    (remote / "odoo" / "addons" / "base" / "__manifest__.py").write_text("{}\n")
    (remote / "odoo" / "release.py").write_text("version_info = (18, 0, 0, 'final', 0, '')\n")
    _git("init", "-q", cwd=remote)
    _git("-c", "user.name=t", "-c", "user.email=t@t.invalid", "commit", "-q", "--allow-empty", "-m", "older", cwd=remote)
    _git("add", ".", cwd=remote)
    _git("-c", "user.name=t", "-c", "user.email=t@t.invalid", "commit", "-q", "-m", "18.0", cwd=remote)
    _git("config", "uploadpack.allowAnySHA1InWant", "true", cwd=remote)
    return f"file://{remote}", _git("rev-parse", "HEAD", cwd=remote)


def _run(tmp_path, url, ref):
    env = {
        **os.environ,
        "ODOO_PATH": str(tmp_path / "no-odoo-here"),
        "ODOO_GIT_URL": url,
        "ODOO_GIT_REF": ref,
        "ODOO_FETCH_PATH": str(tmp_path / "fetched-odoo"),
        "PI_DB": os.environ.get("PI_TEST_DB", "perpetual_test"),
    }
    return subprocess.run(["bash", str(REPO / "scripts/run.sh")], env=env,
                          capture_output=True, text=True, timeout=300)


def test_missing_odoo_is_fetched_at_the_pinned_commit_then_run(tmp_path, odoo_remote):
    url, sha = odoo_remote

    result = _run(tmp_path, url, sha)

    assert result.returncode == 0, result.stderr
    fetched = tmp_path / "fetched-odoo"
    assert f"fetching {url} at {sha} into {fetched}" in result.stderr
    assert "fake odoo-bin started with -c" in result.stdout
    assert _git("rev-parse", "HEAD", cwd=fetched) == sha
    assert _git("rev-parse", "--is-shallow-repository", cwd=fetched) == "true"
    assert _git("rev-list", "--count", "HEAD", cwd=fetched) == "1"
    assert not (tmp_path / "fetched-odoo.partial").exists()

    again = _run(tmp_path, url, sha)
    assert again.returncode == 0, again.stderr
    assert "fetching" not in again.stderr, "the fetched source is reused"
    assert "fake odoo-bin started" in again.stdout


@pytest.mark.parametrize("case", ["bad_url", "wrong_sha"])
def test_failed_fetch_says_how_to_go_on(tmp_path, odoo_remote, case):
    url, sha = odoo_remote
    if case == "bad_url":
        url = f"file://{tmp_path}/unreachable"
    else:
        sha = "0123456789abcdef0123456789abcdef01234567"

    result = _run(tmp_path, url, sha)

    assert result.returncode == 2
    missing = tmp_path / "no-odoo-here"
    assert f"Odoo 18.0 source not found at ODOO_PATH={missing}" in result.stderr
    assert "Fetching it failed" in result.stderr
    assert "set ODOO_PATH" in result.stderr
    assert "docker compose up -d" in result.stderr
    assert "Creating" not in result.stderr
    assert not (tmp_path / "fetched-odoo").exists()
    assert not (tmp_path / "fetched-odoo.partial").exists()
