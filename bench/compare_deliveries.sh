#!/usr/bin/env bash
# Times the same delivery validations on plain Odoo (stock_account, point_of_sale)
# and with the suite installed, both without demo data, and prints the ratio.
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/common.sh"

RUNS=${RUNS:-3}
prepare_environment
CONFIG=$STATE/odoo-bench.conf
write_odoo_config "$CONFIG" "$(free_port)"
declare -A MODULES=([perpetual_bench_plain]=stock_account,point_of_sale [perpetual_bench_suite]=perpetual_inventory)
for db in "${!MODULES[@]}"; do
    if ! db_exists "$db"; then
        say "Creating $db with ${MODULES[$db]}"
        odoo_bin -c "$CONFIG" -d "$db" -i "${MODULES[$db]}" --without-demo=all --stop-after-init --log-level=warn
    fi
done
median() { sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
declare -A TIMES
for db in perpetual_bench_plain perpetual_bench_suite; do
    TIMES[$db]=$(for _ in $(seq "$RUNS"); do
        PYTHONPATH="$ODOO_PATH:$REPO/bench" "$VENV/bin/python" "$REPO/bench/deliveries.py" -c "$CONFIG" -d "$db" "$@" \
            | awk '/^RESULT/ {print $2}'
    done | median)
    echo "$db: median of $RUNS runs ${TIMES[$db]} s"
done
awk -v suite="${TIMES[perpetual_bench_suite]}" -v plain="${TIMES[perpetual_bench_plain]}" \
    'BEGIN {printf "suite / plain Odoo: %.2f\n", suite / plain}'
