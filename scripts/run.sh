#!/usr/bin/env bash
# Quick start: builds what is missing, then serves Odoo with the suite and its
# demo data on http://127.0.0.1:8069. Ctrl-C stops Odoo and the cluster.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

DB=${PI_DB:-perpetual_demo}
HTTP_PORT=${PI_HTTP_PORT:-8069}

prepare_environment
CONFIG=$STATE/odoo-run.conf
write_odoo_config "$CONFIG" "$HTTP_PORT"

if ! db_exists "$DB"; then
    say "Creating database $DB with the suite and its demo data (a few minutes)"
    if ! odoo_bin -c "$CONFIG" -d "$DB" -i "$ADDONS" --stop-after-init --log-level=warn; then
        psql_admin -c "DROP DATABASE IF EXISTS \"$DB\"" || true
        die "installing the addons into $DB failed; see the log above."
    fi
    # Set the login password to the classic demo one.
    psql_admin -d "$DB" -c "UPDATE res_users SET password = 'admin' WHERE login = 'admin'"
fi

cat >&2 <<MSG

  Odoo is starting on http://127.0.0.1:$HTTP_PORT
  Database: $DB    Login: admin    Password: admin
  Demo users (password = login): counter, manager, finance
  Stop with Ctrl-C.

MSG
# Odoo runs as a child so that Ctrl-C or a TERM to this script stops it too;
# the EXIT trap then stops the cluster if this script started it.
odoo_exec -c "$CONFIG" -d "$DB" --db-filter="^$DB\$" "$@" &
ODOO_PID=$!
trap 'kill -TERM "$ODOO_PID" 2>/dev/null' INT TERM
wait "$ODOO_PID" || true
wait "$ODOO_PID" 2>/dev/null || true  # when a signal ended the first wait
