"""docker-compose.yml: the suite's image for every profile; development and production profiles."""

from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
ADDONS = ["perpetual_inventory", "perpetual_inventory_cyclecount", "perpetual_inventory_kpi"]
SUITE_IMAGE = "perpetual-inventory-odoo:18"


def _compose():
    return yaml.safe_load((REPO / "docker-compose.yml").read_text())


def _profile(service):
    return service.get("profiles", [])


def test_services_use_the_suite_images_built_from_the_dockerfile():
    services = _compose()["services"]
    odoo_services = [name for name, service in services.items() if "odoo" in service.get("image", "")]
    assert sorted(odoo_services) == ["init", "odoo", "odoo-web"]
    for name in odoo_services:
        assert services[name]["image"] == SUITE_IMAGE, name
        assert services[name]["build"] == ".", name
    assert (REPO / "Dockerfile").read_text().splitlines()[3] == "FROM odoo:18"
    assert services["db"]["image"] == "postgres:16"
    assert services["db-replica"]["image"] == "postgres:16"
    assert services["nginx"]["image"].startswith("nginx:")


def test_plain_up_starts_the_development_profile():
    services = _compose()["services"]
    assert (REPO / ".env").read_text().count("COMPOSE_PROFILES=dev") == 1
    assert _profile(services["odoo"]) == ["dev"]
    assert _profile(services["db"]) == [] and _profile(services["init"]) == []
    for name in ("db-replica", "odoo-web", "nginx"):
        assert _profile(services[name]) == ["production"], name


def test_development_odoo_mounts_the_three_addons():
    services = _compose()["services"]
    for name in ("odoo", "init"):
        volumes = services[name]["volumes"]
        for addon in ADDONS:
            assert f"./{addon}:/mnt/extra-addons/{addon}:ro" in volumes, (name, addon)
            assert (REPO / addon / "__manifest__.py").is_file()


def test_health_checks_and_one_shot_init():
    services = _compose()["services"]
    assert "pg_isready" in " ".join(services["db"]["healthcheck"]["test"])
    assert "pg_is_in_recovery()" in " ".join(services["db-replica"]["healthcheck"]["test"])
    for name, port in (("odoo", 8069), ("odoo-web", 8069), ("nginx", None)):
        check = " ".join(services[name]["healthcheck"]["test"])
        assert f"http://127.0.0.1{f':{port}' if port else ''}/web/health" in check, name
    assert services["init"]["restart"] == "no"
    assert (
        "-i perpetual_inventory,perpetual_inventory_cyclecount,perpetual_inventory_kpi"
        in services["init"]["command"]
    )
    assert services["odoo"]["depends_on"]["init"]["condition"] == "service_completed_successfully"
    assert services["odoo"]["ports"] == ["127.0.0.1:8069:8069"]


def test_production_profile_wires_proxy_prefork_odoo_replica_and_shared_filestore():
    services = _compose()["services"]
    web, nginx, replica = services["odoo-web"], services["nginx"], services["db-replica"]
    # Only nginx is published; Odoo's HTTP and gevent ports stay inside.
    assert nginx["ports"] == ["127.0.0.1:80:80"]
    assert "ports" not in web and sorted(web["expose"]) == ["8069", "8072"]
    assert nginx["environment"] == {
        "ODOO_HTTP_UPSTREAM": "odoo-web:8069",
        "ODOO_GEVENT_UPSTREAM": "odoo-web:8072",
        "NGINX_LISTEN": "80",
    }
    assert (
        "./deploy/nginx/odoo.conf.template:/etc/nginx/templates/default.conf.template:ro" in nginx["volumes"]
    )
    assert nginx["depends_on"]["odoo-web"]["condition"] == "service_healthy"
    assert "./deploy/odoo/production.conf:/etc/odoo/odoo.conf:ro" in web["volumes"]
    assert web["depends_on"]["db-replica"]["condition"] == "service_healthy"
    assert web["depends_on"]["init"]["condition"] == "service_completed_successfully"
    # One filestore volume for every Odoo node (and the init).
    for name in ("init", "odoo", "odoo-web"):
        assert "odoo-data:/var/lib/odoo" in services[name]["volumes"], name
    # The replica copies the primary, which grants it replication at its first start.
    assert "replica-entrypoint.sh" in " ".join(replica["entrypoint"])
    assert (
        "./deploy/postgres/primary-replication.sh:/docker-entrypoint-initdb.d/primary-replication.sh:ro"
        in services["db"]["volumes"]
    )
    assert "--host=db --username=replicator" in (REPO / "deploy/postgres/replica-entrypoint.sh").read_text()
    assert "REPLICATION LOGIN" in (REPO / "deploy/postgres/primary-replication.sh").read_text()
    assert set(_compose()["volumes"]) == {"db-data", "db-replica-data", "odoo-data"}
