"""Without Odoo at ODOO_PATH, the run and test commands fetch Odoo 18.0, shallow: the tip
of the 18.0 branch by default, its commit recorded, or a pinned commit, checked; without
network they say how to go on. A local git repository stands in for github.com/odoo/odoo."""

import os
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

FAKE_ODOO_BIN = """import os, sys
print("fake odoo-bin started with", " ".join(sys.argv[1:]))
sys.exit(int(os.environ.get("FAKE_ODOO_EXIT", "0")))
"""


def _git(*args, cwd):
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout.strip()


@pytest.fixture
def odoo_remote(tmp_path):
    """A tiny Odoo 18.0 look-alike with two commits on its 18.0 branch; returns (file:// URL, tip sha)."""
    remote = tmp_path / "odoo-remote"
    (remote / "odoo" / "addons" / "base").mkdir(parents=True)
    (remote / "odoo-bin").write_text(FAKE_ODOO_BIN)
    (remote / "odoo" / "addons" / "base" / "__manifest__.py").write_text("{}\n")
    (remote / "odoo" / "release.py").write_text("version_info = (18, 0, 0, 'final', 0, '')\n")
    _git("init", "-q", "-b", "18.0", cwd=remote)
    _git(
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@t.invalid",
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        "older",
        cwd=remote,
    )
    _git("add", ".", cwd=remote)
    _git("-c", "user.name=t", "-c", "user.email=t@t.invalid", "commit", "-q", "-m", "18.0", cwd=remote)
    _git("config", "uploadpack.allowAnySHA1InWant", "true", cwd=remote)
    return f"file://{remote}", _git("rev-parse", "HEAD", cwd=remote)


def _run(tmp_path, url, ref, script="scripts/run.sh", **extra_env):
    env = {
        **os.environ,
        "ODOO_PATH": str(tmp_path / "no-odoo-here"),
        "ODOO_GIT_URL": url,
        "ODOO_FETCH_PATH": str(tmp_path / "fetched-odoo"),
        "PI_DB": os.environ.get("PI_TEST_DB", "perpetual_test"),
        **extra_env,
    }
    env.pop("ODOO_GIT_REF", None)
    if ref:
        env["ODOO_GIT_REF"] = ref
    return subprocess.run(["bash", str(REPO / script)], env=env, capture_output=True, text=True, timeout=300)


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


def test_by_default_the_tip_of_the_18_0_branch_is_fetched_and_its_commit_recorded(tmp_path, odoo_remote):
    url, tip = odoo_remote

    result = _run(tmp_path, url, None)

    assert result.returncode == 0, result.stderr
    fetched = tmp_path / "fetched-odoo"
    assert f"fetching {url} at 18.0 into {fetched}" in result.stderr
    assert f"Fetched Odoo commit {tip}" in result.stderr
    assert (tmp_path / "odoo-commit").read_text() == f"{tip} {url} 18.0\n"
    assert _git("rev-parse", "HEAD", cwd=fetched) == tip
    assert _git("rev-list", "--count", "HEAD", cwd=fetched) == "1", "shallow: the tip only"

    again = _run(tmp_path, url, None)
    assert again.returncode == 0, again.stderr
    assert "fetching" not in again.stderr, "the recorded fetch is reused"

    other_branch = _run(tmp_path, url, "18.0-other")
    assert other_branch.returncode == 2, "another ref is fetched anew, and this one does not exist"
    assert "Fetching it failed" in other_branch.stderr


def test_the_test_command_fetches_odoo_too_and_names_the_commit_it_tests(tmp_path, odoo_remote):
    url, tip = odoo_remote

    result = _run(
        tmp_path, url, None, script="scripts/test.sh", PI_TEST_DB="pi_fetch_probe", FAKE_ODOO_EXIT="3"
    )

    fetched = tmp_path / "fetched-odoo"
    assert f"fetching {url} at 18.0 into {fetched}" in result.stderr
    assert f"Testing against Odoo at {fetched} at commit {tip}" in result.stderr
    # The fake Odoo refuses to install: the command stops there and says so.
    assert "fake odoo-bin started with -c" in result.stdout
    assert result.returncode == 2
    assert "installing the addons into the test database failed" in result.stderr
