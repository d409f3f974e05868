#!/usr/bin/env bash
# Quick start: builds what is missing, then serves Odoo with the suite and its
# demo data on http://127.0.0.1:8069. Ctrl-C stops Odoo and the cluster.
#
#   bash scripts/run.sh [--production] [Odoo options...]
#
# --production runs Odoo as in production (README "Run in production"): prefork
# workers, a cron worker and the gevent process for the bus, behind Debian's nginx
# on the same address, with a streaming replica of the cluster for the read-only
# cursor. Other arguments go to Odoo.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

PRODUCTION=""
if [ "${1:-}" = "--production" ]; then
    PRODUCTION=1
    shift
    require_nginx
fi

ensure_odoo_source
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

ODOO_ARGS=(-c "$CONFIG" -d "$DB" --db-filter="^$DB\$")
MODE="Odoo is starting"
if [ -n "$PRODUCTION" ]; then
    # nginx takes the public port; Odoo listens on two free ones behind it.
    ODOO_HTTP_PORT=$(free_port)
    GEVENT_PORT=$(free_port)
    trap 'stop_replica; stop_postgres_if_started' EXIT
    start_replica
    write_nginx_config "$HTTP_PORT" "$ODOO_HTTP_PORT" "$GEVENT_PORT"
    "$NGINX_BIN" -t -q -p "$STATE/nginx" -c "$NGINX_CONF" -e "$STATE/nginx/logs/error.log" \
        || die "the nginx configuration $NGINX_CONF is not valid."
    # The figures of deploy/odoo/production.conf, with 2 HTTP workers for a laptop.
    ODOO_ARGS+=(
        --http-port="$ODOO_HTTP_PORT" --gevent-port="$GEVENT_PORT" --proxy-mode
        --workers="${PI_WORKERS:-2}" --max-cron-threads=1
        --limit-memory-soft=536870912 --limit-memory-hard=805306368
        --limit-time-cpu=60 --limit-time-real=120 --limit-time-real-cron=600
        --db_replica_host=127.0.0.1 --db_replica_port="$REPLICA_PORT"
    )
    MODE="Odoo (prefork workers, behind nginx, replica on port $REPLICA_PORT) is starting"
fi

cat >&2 <<MSG

  $MODE on http://127.0.0.1:$HTTP_PORT
  Database: $DB    Login: admin    Password: admin
  Demo users (password = login): counter, counter2, manager, finance, accountant, warehouse
  Stop with Ctrl-C.

MSG
# Odoo (and nginx) run as children so that Ctrl-C or a TERM to this script stops
# them too; the EXIT trap then stops the replica and the cluster if this script
# started them.
odoo_exec "${ODOO_ARGS[@]}" "$@" &
ODOO_PID=$!
NGINX_PID=""
if [ -n "$PRODUCTION" ]; then
    (nginx_exec -g "daemon off;") &
    NGINX_PID=$!
fi
trap 'kill -TERM "$ODOO_PID" $NGINX_PID 2>/dev/null' INT TERM
wait "$ODOO_PID" || true
wait "$ODOO_PID" 2>/dev/null || true  # when a signal ended the first wait
if [ -n "$NGINX_PID" ]; then
    kill -TERM "$NGINX_PID" 2>/dev/null || true
    wait "$NGINX_PID" 2>/dev/null || true
fi
