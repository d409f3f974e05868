# Odoo 18 with the Perpetual Inventory suite and the Python packages it needs that
# the official image lacks (python-barcode), pinned in requirements.txt under
# "# The suite itself". docker-compose.yml builds it for every profile.
FROM odoo:18

USER root
COPY requirements.txt /tmp/requirements.txt
# Only the suite's own section: Odoo's dependencies come with the image.
RUN sed -n '/^# The suite itself/,/^#/{/^[^#]/p}' /tmp/requirements.txt >/tmp/suite-requirements.txt \
    && pip3 install --no-cache-dir --break-system-packages -r /tmp/suite-requirements.txt \
    && rm /tmp/requirements.txt /tmp/suite-requirements.txt
# Not in /mnt/extra-addons: the base image declares it a volume, and a volume kept by
# "docker compose up" would hide the addons of a newer image.
COPY perpetual_inventory /opt/perpetual-inventory/perpetual_inventory
COPY perpetual_inventory_cyclecount /opt/perpetual-inventory/perpetual_inventory_cyclecount
COPY perpetual_inventory_kpi /opt/perpetual-inventory/perpetual_inventory_kpi
USER odoo
