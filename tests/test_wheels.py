"""The addons install the way the Odoo ecosystem installs them: each builds to a wheel
with whool, the wheels carry every file their manifests name, and a fresh Python
environment with Odoo's requirements and the wheels alone (no checkout on the addons
path) installs them into a new database, where a delivery books its COGS and a count
variance posts (tests/wheel_smoke.py)."""

import ast
import fnmatch
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from scratch_database import configuration_of_the_test_command, drop_database

REPO = Path(__file__).resolve().parent.parent
ADDONS = ("perpetual_inventory", "perpetual_inventory_cyclecount", "perpetual_inventory_kpi")
DB = "perpetual_from_wheels"


def _pip_wheel(source, out):
    # pip builds in isolation: it takes whool (or setuptools) from the package index.
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--disable-pip-version-check",
            "-w",
            str(out),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]


@pytest.fixture(scope="module")
def wheels(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheels")
    for addon in ADDONS:
        _pip_wheel(REPO / addon, out)
    _pip_wheel(REPO / "setup" / "_metapackage", out)
    return out


def _wheel_of(wheels, distribution):
    found = [w for w in wheels.glob("*.whl") if w.name.split("-")[0] == distribution.replace("-", "_")]
    assert len(found) == 1, f"one wheel for {distribution}: {[w.name for w in wheels.glob('*.whl')]}"
    return zipfile.ZipFile(found[0])


def _metadata(wheel):
    name = next(n for n in wheel.namelist() if n.endswith(".dist-info/METADATA"))
    return wheel.read(name).decode()


def _manifest(addon):
    return ast.literal_eval((REPO / addon / "__manifest__.py").read_text())


def _files_the_manifest_names(addon):
    manifest = _manifest(addon)
    named = set(manifest.get("data", [])) | set(manifest.get("demo", []))
    tracked = subprocess.run(
        ["git", "ls-files", addon], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split()
    relative = [path.split("/", 1)[1] for path in tracked]
    for bundle in manifest.get("assets", {}).values():
        for pattern in bundle:
            pattern = pattern[1] if isinstance(pattern, (list, tuple)) else pattern
            named |= {path for path in relative if fnmatch.fnmatch(f"{addon}/{path}", pattern)}
    named |= {path for path in relative if path.startswith(("i18n/", "static/description/"))}
    return named


@pytest.mark.parametrize("addon", ADDONS)
def test_each_wheel_carries_every_file_its_manifest_names(wheels, addon):
    wheel = _wheel_of(wheels, f"odoo_addon_{addon}")
    inside = {
        name.split(f"odoo/addons/{addon}/", 1)[1]
        for name in wheel.namelist()
        if name.startswith(f"odoo/addons/{addon}/")
    }
    named = _files_the_manifest_names(addon)
    assert named, "the manifest names data files"
    assert any(path.startswith("static/src/") for path in named) or addon != "perpetual_inventory"
    assert not named - inside, f"missing from the wheel: {sorted(named - inside)}"
    assert "__manifest__.py" in inside


@pytest.mark.parametrize("addon", ADDONS)
def test_each_wheel_is_named_and_versioned_from_its_manifest(wheels, addon):
    metadata = _metadata(_wheel_of(wheels, f"odoo_addon_{addon}"))
    version = _manifest(addon)["version"]
    assert f"Name: odoo-addon-{addon}\n" in metadata
    assert f"Version: {version}" in metadata
    assert "Requires-Dist: odoo==18.0.*" in metadata
    for dependency in _manifest(addon)["depends"]:
        if dependency in ADDONS:
            assert f"Requires-Dist: odoo-addon-{dependency}==18.0.*" in metadata
    for package in _manifest(addon).get("external_dependencies", {}).get("python", []):
        assert f"Requires-Dist: {package}" in metadata


def test_the_metapackage_brings_the_three_addons(wheels):
    metadata = _metadata(_wheel_of(wheels, "odoo_addons_perpetual_inventory"))
    for addon in ADDONS:
        assert f"Requires-Dist: odoo-addon-{addon}==18.0.*" in metadata


def test_the_installed_wheels_alone_install_into_a_new_database_and_book(wheels, tmp_path):
    """A fresh environment: Odoo's requirements (those of the suite's own environment, shared
    read-only through a .pth file) and the wheels installed with --no-deps."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    site_packages = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    requirements = subprocess.run(
        [sys.executable, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(site_packages, "odoo_requirements.pth").write_text(requirements + "\n")
    addon_wheels = [str(w) for w in wheels.glob("odoo_addon_*.whl")]
    result = subprocess.run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--disable-pip-version-check",
            *addon_wheels,
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    for addon in ADDONS:
        assert Path(site_packages, "odoo", "addons", addon, "__manifest__.py").exists()

    # The suite's test configuration, but with Odoo's own addons only on the addons path.
    parser = configuration_of_the_test_command()
    options = parser["options"]
    odoo_path = os.environ["ODOO_PATH"]
    options["addons_path"] = f"{odoo_path}/odoo/addons"
    options["data_dir"] = str(tmp_path / "data")
    config = tmp_path / "odoo.conf"
    with open(config, "w") as handle:
        parser.write(handle)
    env = {**os.environ, "PYTHONPATH": odoo_path}
    drop_database(options, DB)
    try:
        install = subprocess.run(
            [
                str(python),
                f"{odoo_path}/odoo-bin",
                "-c",
                str(config),
                "-d",
                DB,
                "-i",
                ",".join(ADDONS),
                "--stop-after-init",
                "--log-level=warn",
            ],
            capture_output=True,
            text=True,
            timeout=1500,
            env=env,
            cwd=tmp_path,
        )
        assert install.returncode == 0, install.stderr[-3000:]
        assert " ERROR " not in install.stderr, install.stderr[-3000:]
        smoke = subprocess.run(
            [str(python), str(REPO / "tests" / "wheel_smoke.py"), str(config), DB],
            capture_output=True,
            text=True,
            timeout=600,
            env=env,
            cwd=tmp_path,
        )
        assert smoke.returncode == 0, (smoke.stdout + smoke.stderr)[-3000:]
        assert "SMOKE OK" in smoke.stdout
    finally:
        drop_database(options, DB)
