# Odoo 18 with the Perpetual Inventory suite, built by docker-compose.yml for every profile. Beyond
# Odoo's own Python packages the suite needs epcpy, for RFID tags (a manifest that declares a
# package must have it installed here: tests/test_deployment.py).
FROM odoo:18

USER root
# Debian's Python refuses pip installs into the system without this flag (PEP 668).
RUN (command -v pip3 || (apt-get update && apt-get install -y --no-install-recommends python3-pip)) \
    && pip3 install --no-cache-dir --break-system-packages epcpy==0.1.8
# Not in /mnt/extra-addons: the base image declares it a volume, and a volume kept by
# "docker compose up" would hide the addons of a newer image.
COPY perpetual_inventory /opt/perpetual-inventory/perpetual_inventory
COPY perpetual_inventory_cyclecount /opt/perpetual-inventory/perpetual_inventory_cyclecount
COPY perpetual_inventory_kpi /opt/perpetual-inventory/perpetual_inventory_kpi
USER odoo
