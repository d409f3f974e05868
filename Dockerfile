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
COPY perpetual_inventory /mnt/extra-addons/perpetual_inventory
COPY perpetual_inventory_cyclecount /mnt/extra-addons/perpetual_inventory_cyclecount
COPY perpetual_inventory_kpi /mnt/extra-addons/perpetual_inventory_kpi
USER odoo
