"""docker-compose.yml: Odoo 18 and PostgreSQL 16 with the three addons mounted."""
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
ADDONS = ["perpetual_inventory", "perpetual_inventory_cyclecount", "perpetual_inventory_kpi"]


def _compose():
    return yaml.safe_load((REPO / "docker-compose.yml").read_text())


def test_services_use_the_official_images():
    services = _compose()["services"]
    assert services["odoo"]["image"] == "odoo:18"
    assert services["init"]["image"] == "odoo:18"
    assert services["db"]["image"] == "postgres:16"


def test_odoo_services_mount_the_three_addons():
    services = _compose()["services"]
    for name in ("odoo", "init"):
        volumes = services[name]["volumes"]
        for addon in ADDONS:
            assert f"./{addon}:/mnt/extra-addons/{addon}:ro" in volumes, (name, addon)
            assert (REPO / addon / "__manifest__.py").is_file()


def test_health_checks_and_one_shot_init():
    services = _compose()["services"]
    assert "pg_isready" in " ".join(services["db"]["healthcheck"]["test"])
    assert "/web/health" in " ".join(services["odoo"]["healthcheck"]["test"])
    assert services["init"]["restart"] == "no"
    assert "-i perpetual_inventory,perpetual_inventory_cyclecount,perpetual_inventory_kpi" in services["init"]["command"]
    assert services["odoo"]["depends_on"]["init"]["condition"] == "service_completed_successfully"
    assert services["odoo"]["ports"] == ["127.0.0.1:8069:8069"]
