#!/usr/bin/env bash
# Runs every test: a fresh database with the three addons and their demo
# data, then pytest (pytest-odoo) over each addon's tests/ and tests/.
# Extra arguments go to pytest, e.g. scripts/test.sh perpetual_inventory/tests/test_install.py
# Without Odoo at ODOO_PATH it fetches Odoo 18.0 first, as scripts/run.sh does.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

DB=${PI_TEST_DB:-perpetual_test}

ensure_odoo_source
prepare_environment
PI_ODOO_SOURCE=$(odoo_source_description)
say "Testing against Odoo at $PI_ODOO_SOURCE"
CONFIG=$STATE/odoo-$DB.conf  # one per database, so that a second test database never rewrites it
write_odoo_config "$CONFIG" "$(free_port)"

say "Creating a fresh test database $DB"
psql_admin -c "DROP DATABASE IF EXISTS \"$DB\" WITH (FORCE)"
rm -rf "$STATE/data/filestore/$DB"
if ! odoo_bin -c "$CONFIG" -d "$DB" -i "$ADDONS" --stop-after-init --log-level=warn; then
    die "installing the addons into the test database failed; see the log above."
fi

# Stories of concurrent requests commit for real: they get a copy of the database.
CONCURRENCY_DB=${DB}_concurrency
psql_admin -c "DROP DATABASE IF EXISTS \"$CONCURRENCY_DB\" WITH (FORCE)"
psql_admin -c "CREATE DATABASE \"$CONCURRENCY_DB\" TEMPLATE \"$DB\""
rm -rf "$STATE/data/filestore/$CONCURRENCY_DB"
[ -d "$STATE/data/filestore/$DB" ] && cp -r "$STATE/data/filestore/$DB" "$STATE/data/filestore/$CONCURRENCY_DB"

if [ $# -eq 0 ]; then
    set -- perpetual_inventory perpetual_inventory_cyclecount perpetual_inventory_kpi tests
fi
cd "$REPO"
export PI_ODOO_CONFIG=$CONFIG PI_TEST_DB=$DB PI_CONCURRENCY_DB=$CONCURRENCY_DB ODOO_PATH PI_ODOO_SOURCE
PYTHONPATH="$ODOO_PATH${PYTHONPATH:+:$PYTHONPATH}" "$VENV/bin/python" -m pytest \
    --odoo-config="$CONFIG" --odoo-database="$DB" --odoo-http -rs "$@"
