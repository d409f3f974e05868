#!/usr/bin/env bash
# Runs one benchmark on generated data: bash bench/bench.sh reconciliation [options]
# The benchmark database (perpetual_bench, the suite with its demo data) is
# created on first use and reused; each benchmark rolls back what it generates.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/common.sh"

NAME=${1:?usage: bench/bench.sh NAME [options], NAME one of: $(cd "$REPO/bench" && ls *.py | sed 's/\.py$//' | tr '\n' ' ')}
shift
DB=${PI_BENCH_DB:-perpetual_bench}

prepare_environment
CONFIG=$STATE/odoo-bench.conf
write_odoo_config "$CONFIG" "$(free_port)"
ensure_bench_database "$DB" "$CONFIG" "$ADDONS" || true
PYTHONPATH="$ODOO_PATH:$REPO/bench" "$VENV/bin/python" "$REPO/bench/$NAME.py" -c "$CONFIG" -d "$DB" "$@"
