# Shared by scripts/run.sh and scripts/test.sh: finds Odoo, builds the Python
# environment and runs a private PostgreSQL cluster, all inside .local/.
# shellcheck shell=bash
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
ODOO_PATH=${ODOO_PATH:-/opt/odoo}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PYTHON=${PYTHON:-python3.11}
STATE=$REPO/.local
VENV=$STATE/venv
PGDATA=$STATE/pgdata
PG_USER=odoo
PG_STARTED_HERE=""

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 2; }

require_odoo() {
    if [ ! -f "$ODOO_PATH/odoo-bin" ] || [ ! -f "$ODOO_PATH/odoo/addons/base/__manifest__.py" ]; then
        die "Odoo 18.0 source not found at ODOO_PATH=$ODOO_PATH
       (missing: $ODOO_PATH/odoo-bin and $ODOO_PATH/odoo/addons/base).
       Put the Odoo 18.0 Community source tree there, so that $ODOO_PATH/odoo-bin
       exists, or point ODOO_PATH at the folder that holds it."
    fi
    if ! grep -qE '^version_info = \(18, 0,' "$ODOO_PATH/odoo/release.py"; then
        die "the Odoo at ODOO_PATH=$ODOO_PATH is not Odoo 18.0 (see $ODOO_PATH/odoo/release.py)."
    fi
}

require_postgres() {
    [ -x "$PG_BIN/pg_ctl" ] || die "PostgreSQL server binaries not found in PG_BIN=$PG_BIN
       (Debian: apt-get install postgresql-15, or set PG_BIN)."
}

ensure_venv() {
    command -v "$PYTHON" >/dev/null || die "$PYTHON not found: Python 3.11 is required."
    local stamp=$VENV/.requirements.sha
    local want
    want=$(sha256sum "$REPO/requirements.txt" | cut -d' ' -f1)
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
        return
    fi
    say "Creating the Python environment in $VENV"
    "$PYTHON" -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check --prefer-binary -r "$REPO/requirements.txt"
    echo "$want" >"$stamp"
}

# PostgreSQL refuses to run as root: root runs the cluster as user postgres.
as_pg_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

free_port() {
    "$VENV/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

pg_is_running() {
    [ -f "$STATE/pgport" ] && "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$(cat "$STATE/pgport")"
}

ensure_postgres() {
    require_postgres
    mkdir -p "$STATE"
    if [ ! -f "$PGDATA/PG_VERSION" ]; then
        say "Creating a private PostgreSQL cluster in $PGDATA"
        mkdir -p "$PGDATA"
        [ "$(id -u)" = 0 ] && chown postgres: "$PGDATA"
        as_pg_owner "$PG_BIN/initdb" -D "$PGDATA" -U "$PG_USER" --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if pg_is_running; then
        PG_PORT=$(cat "$STATE/pgport")
        return
    fi
    PG_PORT=$(free_port)
    echo "$PG_PORT" >"$STATE/pgport"
    say "Starting PostgreSQL on 127.0.0.1:$PG_PORT"
    as_pg_owner "$PG_BIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -c unix_socket_directories='' -c fsync=off" start >/dev/null
    PG_STARTED_HERE=1
}

stop_postgres_if_started() {
    if [ -n "$PG_STARTED_HERE" ]; then
        say "Stopping PostgreSQL"
        as_pg_owner "$PG_BIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null || true
    fi
}

# Odoo, the Python environment and a running cluster; the cluster stops with the
# calling script if that script started it.
prepare_environment() {
    require_odoo
    ensure_venv
    ensure_postgres
    trap stop_postgres_if_started EXIT
}

psql_admin() {
    "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -d postgres -Atq "$@"
}

db_exists() {
    [ "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$1'")" = 1 ]
}

write_odoo_config() {  # $1: config path, $2: http port
    mkdir -p "$STATE/data"
    cat >"$1" <<CONF
[options]
addons_path = $ODOO_PATH/odoo/addons,$REPO
data_dir = $STATE/data
db_host = 127.0.0.1
db_port = $PG_PORT
db_user = $PG_USER
db_password = False
http_interface = 127.0.0.1
http_port = $2
gevent_port = $(( $2 + 3 ))
without_demo = False
CONF
}

odoo_bin() {
    (odoo_exec "$@")
}

# Replaces the calling (sub)shell by Odoo: "odoo_exec ... &" makes $! Odoo's own pid.
odoo_exec() {
    PYTHONPATH="$ODOO_PATH${PYTHONPATH:+:$PYTHONPATH}" exec "$VENV/bin/python" "$ODOO_PATH/odoo-bin" "$@"
}

ADDONS=perpetual_inventory,perpetual_inventory_cyclecount,perpetual_inventory_kpi
