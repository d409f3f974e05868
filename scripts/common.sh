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
NGINX_BIN=${NGINX_BIN:-/usr/sbin/nginx}
REPLICA_DATA=$STATE/pgreplica
# Where scripts/run.sh and scripts/test.sh fetch Odoo when ODOO_PATH has none: by default
# the tip of the official 18.0 branch, shallow; the commit actually fetched is recorded
# in ODOO_COMMIT_FILE (.local/odoo-commit) and named in the test report. A 40-hex
# ODOO_GIT_REF pins one commit instead, checked after the fetch.
ODOO_GIT_URL=${ODOO_GIT_URL:-https://github.com/odoo/odoo.git}
ODOO_GIT_REF=${ODOO_GIT_REF:-18.0}
ODOO_FETCH_PATH=${ODOO_FETCH_PATH:-$STATE/odoo}
ODOO_COMMIT_FILE=${ODOO_COMMIT_FILE:-$(dirname "$ODOO_FETCH_PATH")/odoo-commit}

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 2; }

odoo_source_in() {  # $1: a folder that may hold the Odoo source
    [ -f "$1/odoo-bin" ] && [ -f "$1/odoo/addons/base/__manifest__.py" ]
}

odoo_missing_message() {
    printf '%s' "Odoo 18.0 source not found at ODOO_PATH=$ODOO_PATH
       (missing: $ODOO_PATH/odoo-bin and $ODOO_PATH/odoo/addons/base).
       Put the Odoo 18.0 Community source tree there, so that $ODOO_PATH/odoo-bin
       exists, or point ODOO_PATH at the folder that holds it."
}

require_odoo() {
    odoo_source_in "$ODOO_PATH" || die "$(odoo_missing_message)"
    if ! grep -qE '^version_info = \(18, 0,' "$ODOO_PATH/odoo/release.py"; then
        die "the Odoo at ODOO_PATH=$ODOO_PATH is not Odoo 18.0 (see $ODOO_PATH/odoo/release.py)."
    fi
}

is_commit_hash() { [[ $1 =~ ^[0-9a-f]{40}$ ]]; }

# The fetched source answers the wanted URL and ref: the pinned commit, or what the
# record says was fetched from that branch.
fetched_odoo_is_wanted() {
    odoo_source_in "$ODOO_FETCH_PATH" || return 1
    local head recorded_sha recorded_url recorded_ref
    head=$(git -C "$ODOO_FETCH_PATH" rev-parse HEAD 2>/dev/null) || return 1
    if is_commit_hash "$ODOO_GIT_REF"; then
        [ "$head" = "$ODOO_GIT_REF" ]
        return
    fi
    [ -f "$ODOO_COMMIT_FILE" ] || return 1
    read -r recorded_sha recorded_url recorded_ref <"$ODOO_COMMIT_FILE"
    [ "$recorded_sha" = "$head" ] && [ "$recorded_url" = "$ODOO_GIT_URL" ] && [ "$recorded_ref" = "$ODOO_GIT_REF" ]
}

# Without Odoo at ODOO_PATH, use (or fetch) the source in ODOO_FETCH_PATH.
ensure_odoo_source() {
    odoo_source_in "$ODOO_PATH" && return 0
    if fetched_odoo_is_wanted; then
        ODOO_PATH=$ODOO_FETCH_PATH
        return 0
    fi
    command -v git >/dev/null || die "$(odoo_missing_message)
       git is not installed, so it cannot be fetched either."
    say "Odoo 18.0 not found at ODOO_PATH=$ODOO_PATH: fetching $ODOO_GIT_URL at $ODOO_GIT_REF into $ODOO_FETCH_PATH"
    local error
    if ! error=$(fetch_odoo_source 2>&1); then
        rm -rf "$ODOO_FETCH_PATH.partial"
        die "$(odoo_missing_message)
       Fetching it failed (no network, or a wrong ODOO_GIT_URL / ODOO_GIT_REF):
       ${error//$'\n'/$'\n'       }
       Two ways out: set ODOO_PATH to an Odoo 18.0 Community source tree, or run the
       suite with docker-compose instead (README, \"With Docker instead\": docker compose up -d)."
    fi
    ODOO_PATH=$ODOO_FETCH_PATH
    say "Fetched Odoo commit $(cut -d' ' -f1 "$ODOO_COMMIT_FILE") (recorded in $ODOO_COMMIT_FILE)"
}

# Called in a condition, where set -e does not apply: every step returns on failure.
fetch_odoo_source() {
    local partial=$ODOO_FETCH_PATH.partial head
    rm -rf "$partial" && mkdir -p "$partial" || return 1
    git -C "$partial" init -q || return 1
    git -C "$partial" remote add origin "$ODOO_GIT_URL" || return 1
    GIT_TERMINAL_PROMPT=0 git -C "$partial" fetch -q --depth 1 origin "$ODOO_GIT_REF" || return 1
    git -C "$partial" -c advice.detachedHead=false checkout -q FETCH_HEAD || return 1
    head=$(git -C "$partial" rev-parse HEAD) || return 1
    if is_commit_hash "$ODOO_GIT_REF" && [ "$head" != "$ODOO_GIT_REF" ]; then
        echo "fetched commit $head is not the pinned $ODOO_GIT_REF" >&2
        return 1
    fi
    odoo_source_in "$partial" || { echo "$ODOO_GIT_URL at $ODOO_GIT_REF holds no Odoo source" >&2; return 1; }
    rm -rf "$ODOO_FETCH_PATH" && mv "$partial" "$ODOO_FETCH_PATH" || return 1
    mkdir -p "$(dirname "$ODOO_COMMIT_FILE")" && echo "$head $ODOO_GIT_URL $ODOO_GIT_REF" >"$ODOO_COMMIT_FILE"
}

# Which Odoo the tests run on, for the test report: a git checkout's commit, the
# recorded commit of a fetched source, or what release.py says.
odoo_source_description() {
    local head
    if head=$(git -C "$ODOO_PATH" rev-parse HEAD 2>/dev/null) && [ "$(git -C "$ODOO_PATH" rev-parse --show-toplevel 2>/dev/null)" = "$(cd "$ODOO_PATH" && pwd -P)" ]; then
        echo "$ODOO_PATH at commit $head"
    else
        echo "$ODOO_PATH ($(grep -m1 -E '^version_info' "$ODOO_PATH/odoo/release.py"); not a git checkout, commit unknown)"
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
        PG_CONN=(-h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER")
        return
    fi
    PG_PORT=$(free_port)
    PG_CONN=(-h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER")
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

PG_CONN=()  # psql/pg_dump connection options; empty when libpq's PG* variables say it all

psql_admin() {
    "$PG_BIN/psql" "${PG_CONN[@]}" -d postgres -Atq "$@"
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

# A fingerprint of the addons' code: a benchmark database made from other code would
# miss columns or behave as the old code did.
addons_fingerprint() {
    (cd "$REPO" && find ${ADDONS//,/ } -type f \( -name '*.py' -o -name '*.xml' -o -name '*.csv' \) \
        -print0 | sort -z | xargs -0 sha1sum | sha1sum | cut -c1-12)
}

# Creates the benchmark database $1 with modules $3 (default: the suite), or upgrades
# them when the addons' code changed since it was made or last upgraded.
ensure_bench_database() {  # $1: database, $2: Odoo config, $3: modules, $4...: extra options
    local db=$1 config=$2 modules=${3:-$ADDONS} stamp="$STATE/bench-$1.fingerprint" now
    shift 3 2>/dev/null || shift $#
    now=$(addons_fingerprint)
    if ! db_exists "$db"; then
        say "Creating the benchmark database $db with $modules"
        odoo_bin -c "$config" -d "$db" -i "$modules" "$@" --stop-after-init --log-level=warn
    elif [ "$(cat "$stamp" 2>/dev/null)" != "$now" ]; then
        say "Upgrading $modules in $db: the addons changed since it was made"
        odoo_bin -c "$config" -d "$db" -u "$modules" --stop-after-init --log-level=warn
    else
        return 0
    fi
    echo "$now" >"$stamp"
    return 1  # made or upgraded: databases copied from it are stale
}

# --- production mode (scripts/run.sh --production) ---------------------------

require_nginx() {
    [ -x "$NGINX_BIN" ] || die "nginx not found at NGINX_BIN=$NGINX_BIN
       (Debian: apt-get install nginx, or set NGINX_BIN)."
}

# nginx in front of Odoo, from the template docker-compose's nginx uses too; all its
# files (pid, logs, temp) in $STATE/nginx, so that no root-owned folder is needed.
write_nginx_config() {  # $1: listen port, $2: Odoo HTTP port, $3: Odoo gevent port
    local dir=$STATE/nginx
    mkdir -p "$dir/temp" "$dir/logs"
    sed -e "s|\${ODOO_HTTP_UPSTREAM}|127.0.0.1:$2|g" \
        -e "s|\${ODOO_GEVENT_UPSTREAM}|127.0.0.1:$3|g" \
        -e "s|\${NGINX_LISTEN}|127.0.0.1:$1|g" \
        "$REPO/deploy/nginx/odoo.conf.template" >"$dir/odoo.conf"
    {
        # As root, nginx would hand its workers to "nobody", who cannot write here.
        [ "$(id -u)" = 0 ] && echo "user root;"
        cat <<CONF
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events {
    worker_connections 1024;
}
http {
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log $dir/logs/access.log;
    client_body_temp_path $dir/temp/body;
    proxy_temp_path $dir/temp/proxy;
    fastcgi_temp_path $dir/temp/fastcgi;
    uwsgi_temp_path $dir/temp/uwsgi;
    scgi_temp_path $dir/temp/scgi;
    include $dir/odoo.conf;
}
CONF
    } >"$dir/nginx.conf"
    NGINX_CONF=$dir/nginx.conf
}

nginx_exec() {  # replaces the calling (sub)shell by nginx in the foreground
    exec "$NGINX_BIN" -p "$STATE/nginx" -c "$STATE/nginx/nginx.conf" -e "$STATE/nginx/logs/error.log" "$@"
}

# A hot-standby replica of the private cluster, streaming from it, made afresh by
# pg_basebackup at each start (PI_REPLICA_LOG_STATEMENTS=1 logs every statement it runs).
start_replica() {
    stop_replica
    rm -rf "$REPLICA_DATA"
    mkdir -p "$REPLICA_DATA"
    [ "$(id -u)" = 0 ] && chown postgres: "$REPLICA_DATA"
    chmod 700 "$REPLICA_DATA"
    say "Copying the cluster to a streaming replica in $REPLICA_DATA"
    as_pg_owner "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$PG_PORT" -U "$PG_USER" -D "$REPLICA_DATA" \
        --wal-method=stream --write-recovery-conf --checkpoint=fast
    REPLICA_PORT=$(free_port)
    local log_statements=""
    [ -n "${PI_REPLICA_LOG_STATEMENTS:-}" ] && log_statements="-c log_statement=all"
    say "Starting the replica on 127.0.0.1:$REPLICA_PORT"
    as_pg_owner "$PG_BIN/pg_ctl" -D "$REPLICA_DATA" -l "$REPLICA_DATA/server.log" -w \
        -o "-c listen_addresses=127.0.0.1 -p $REPLICA_PORT -c unix_socket_directories='' -c hot_standby=on $log_statements" \
        start >/dev/null
}

stop_replica() {
    if [ -f "$REPLICA_DATA/postmaster.pid" ]; then
        as_pg_owner "$PG_BIN/pg_ctl" -D "$REPLICA_DATA" -m fast -w stop >/dev/null || true
    fi
}

# --- backups (scripts/backup.sh, scripts/restore.sh) -------------------------

# The server named by libpq's PGHOST (and PGPORT, PGUSER, PGPASSWORD) with the filestore
# under ODOO_DATA_DIR; without PGHOST, the private cluster and .local/data.
use_backup_server() {
    if [ -n "${PGHOST:-}" ]; then
        [ -n "${ODOO_DATA_DIR:-}" ] || die "with PGHOST, set ODOO_DATA_DIR to Odoo's data_dir (the folder holding filestore/)."
        PG_BIN=$(dirname "$(command -v pg_dump || echo "$PG_BIN/pg_dump")")
        PG_CONN=()
    else
        require_postgres
        [ -x "$VENV/bin/python" ] || die "run bash scripts/run.sh once first: it creates the environment."
        ensure_postgres
        trap stop_postgres_if_started EXIT
        ODOO_DATA_DIR=${ODOO_DATA_DIR:-$STATE/data}
    fi
}
