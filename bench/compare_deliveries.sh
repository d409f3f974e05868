#!/usr/bin/env bash
# Times the transaction path (bench/deliveries.py: deliveries one per transaction,
# POS orders through sync_from_ui, deliveries in one batch) on plain Odoo
# (stock_account, point_of_sale) and with the suite, both without demo data, on
# the same generated data. Each run works on fresh copies of both databases in
# one process that alternates them document by document; the ratio is the
# median of the per-run (paired) ratios.
#   RUNS=3 bash bench/compare_deliveries.sh [--deliveries 500] [--pos-orders 500] [--phases single,pos,batch]
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/common.sh"

RUNS=${RUNS:-3}
prepare_environment
CONFIG=$STATE/odoo-bench.conf
write_odoo_config "$CONFIG" "$(free_port)"
PLAIN=perpetual_bench_plain
SUITE=perpetual_bench_suite
declare -A MODULES=([$PLAIN]=stock_account,point_of_sale [$SUITE]=perpetual_inventory)
for db in $PLAIN $SUITE; do
    ensure_bench_database "$db" "$CONFIG" "${MODULES[$db]}" --without-demo=all || true
done

RESULTS=$(mktemp)
trap 'rm -f "$RESULTS"; stop_postgres_if_started' EXIT
for run in $(seq "$RUNS"); do
    order=($PLAIN $SUITE)
    [ $((run % 2)) = 0 ] && order=($SUITE $PLAIN)
    say "Run $run/$RUNS on fresh copies: ${order[*]}"
    for db in "${order[@]}"; do
        psql_admin -c "DROP DATABASE IF EXISTS \"${db}_run\" WITH (FORCE)"
        psql_admin -c "CREATE DATABASE \"${db}_run\" TEMPLATE \"$db\""
    done
    PYTHONPATH="$ODOO_PATH:$REPO/bench" "$VENV/bin/python" "$REPO/bench/deliveries.py" \
        -c "$CONFIG" -d "${order[0]}_run" -d "${order[1]}_run" "$@" \
        | awk -v run="$run" -v results="$RESULTS" \
            '{print; fflush()} /^RESULT/ {sub(/_run$/, "", $2); print run, $2, $3, $4 >>results}' >&2
    for db in "${order[@]}"; do
        psql_admin -c "DROP DATABASE \"${db}_run\" WITH (FORCE)"
    done
done

awk -v plain=$PLAIN -v suite=$SUITE '
    function median(list,    n, parts, i, j, t) {
        n = split(substr(list, 2), parts, " ")
        for (i = 1; i <= n; i++)
            for (j = i + 1; j <= n; j++)
                if (parts[j] + 0 < parts[i] + 0) { t = parts[i]; parts[i] = parts[j]; parts[j] = t }
        return (n % 2) ? parts[(n + 1) / 2] : (parts[n / 2] + parts[n / 2 + 1]) / 2
    }
    { time[$1, $2, $3] = $4; phases[$3] = 1; runs[$1] = 1 }
    END {
        printf "%-8s %14s %14s %22s   %s\n",
            "phase", "plain median", "suite median", "suite/plain (paired)", "per-run ratios"
        for (phase in phases) {
            p = s = r = ""
            for (run in runs) {
                if (!((run, plain, phase) in time) || !((run, suite, phase) in time)) continue
                p = p " " time[run, plain, phase]; s = s " " time[run, suite, phase]
                r = r " " sprintf("%.2f", time[run, suite, phase] / time[run, plain, phase])
            }
            printf "%-8s %12.2f s %12.2f s %22.2f  %s\n", phase, median(p), median(s), median(r), r
        }
    }' "$RESULTS"
