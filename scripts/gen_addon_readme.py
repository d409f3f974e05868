"""Writes each addon's README.rst from its readme/ fragments (DESCRIPTION, CONFIGURE, USAGE,
CONTRIBUTORS, HISTORY), as OCA's addons have them, and static/description/index.html from that
README.rst (the page the Apps list shows).

    python scripts/gen_addon_readme.py           # write them
    python scripts/gen_addon_readme.py --check   # exit 1 when one is out of date

The fragments use a small part of Markdown: "## " headings, paragraphs, "- " lists, `code`,
*emphasis*, **strong** and [links](url)."""

import ast
import re
import sys
from pathlib import Path

from docutils.core import publish_string

REPO = Path(__file__).resolve().parent.parent
ADDONS = ("perpetual_inventory", "perpetual_inventory_cyclecount", "perpetual_inventory_kpi")
SECTIONS = (("CONFIGURE", "Configuration"), ("USAGE", "Usage"), ("HISTORY", "Changelog"))


def _inline(text):
    text = re.sub(r"`([^`]+)`", r"``\1``", text)
    return re.sub(r"\[([^\]]+)\]\(([^)]+)\)", r"`\1 <\2>`_", text)


def _headings(text):
    return re.sub(r"^#+ (.+)$", lambda match: f"{match[1]}\n{'~' * len(match[1])}", text, flags=re.M)


def _fragment(addon, name):
    path = REPO / addon / "readme" / f"{name}.md"
    return _headings(_inline(path.read_text().strip())) if path.exists() else ""


def _title(text, underline, overline=False):
    line = underline * len(text)
    return f"{line}\n{text}\n{line}\n" if overline else f"{text}\n{line}\n"


def readme_rst(addon):
    manifest = ast.literal_eval((REPO / addon / "__manifest__.py").read_text())
    badge_license = manifest["license"].replace("-", "--")  # a shields.io badge's own escape
    parts = [
        _title(manifest["name"], "=", overline=True),
        f"|license| |version|\n\n"
        f".. |license| image:: https://img.shields.io/badge/licence-{badge_license}-blue.png\n"
        f"   :alt: License: {manifest['license']}\n"
        f".. |version| image:: https://img.shields.io/badge/version-{manifest['version']}-brightgreen.png\n"
        f"   :alt: Version {manifest['version']}\n",
        _fragment(addon, "DESCRIPTION") + "\n",
        "**Table of contents**\n\n.. contents::\n   :local:\n",
    ]
    for fragment, heading in SECTIONS:
        body = _fragment(addon, fragment)
        if body:
            parts.append(_title(heading, "=") + "\n" + body + "\n")
    parts.append(_title("Credits", "="))
    parts.append(_title("Authors", "~") + "\n" + f"- {manifest['author']}\n")
    contributors = _fragment(addon, "CONTRIBUTORS")
    if contributors:
        parts.append(_title("Contributors", "~") + "\n" + contributors + "\n")
    parts.append(
        _title("Maintainers", "~") + "\n"
        f"This module is part of the `Perpetual Inventory <{manifest['website']}>`_ suite.\n"
    )
    return "\n".join(parts)


def index_html(rst):
    html = publish_string(
        rst,
        writer_name="html",
        settings_overrides={
            "output_encoding": "unicode",
            "embed_stylesheet": False,
            "stylesheet_path": "",
            "report_level": 2,
            "halt_level": 2,
            "_disable_config": True,
        },
    )
    # Odoo 17+ warns about an XML declaration in a module's description page.
    html = re.sub(r"^<\?xml[^>]*\?>\s*", "", html)
    return html if html.endswith("\n") else html + "\n"


def main(check):
    stale = []
    for addon in ADDONS:
        rst = readme_rst(addon)
        wanted = {
            REPO / addon / "README.rst": rst,
            REPO / addon / "static" / "description" / "index.html": index_html(rst),
        }
        for path, text in wanted.items():
            if not path.exists() or path.read_text() != text:
                stale.append(path.relative_to(REPO))
                if not check:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_text(text)
    if check and stale:
        print("out of date (run python scripts/gen_addon_readme.py): " + ", ".join(map(str, stale)))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main("--check" in sys.argv[1:]))
