"""Each addon has OCA's readme/ fragments, and the README.rst and Apps page made from them
are up to date."""

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
ADDONS = ("perpetual_inventory", "perpetual_inventory_cyclecount", "perpetual_inventory_kpi")


@pytest.mark.parametrize("addon", ADDONS)
def test_each_addon_has_the_oca_readme_fragments(addon):
    for fragment in ("DESCRIPTION", "CONFIGURE", "USAGE", "CONTRIBUTORS"):
        text = (REPO / addon / "readme" / f"{fragment}.md").read_text().strip()
        assert text, f"{addon}/readme/{fragment}.md is empty"


def test_readme_rst_and_apps_pages_are_generated_from_the_fragments():
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "gen_addon_readme.py"), "--check"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for addon in ADDONS:
        page = (REPO / addon / "static" / "description" / "index.html").read_text()
        assert "<h1" in page and "Configuration" in page and "Usage" in page
