#!/usr/bin/env bash
# Booking a count's adjustments, the suite against Odoo's own _apply_inventory, paired and
# fair (bench/count_reconciliation.py): the quants are generated once into a template
# database; each run books them on two fresh copies of it (same quants, same sequences),
# one per path, each in its own process, the order alternating from run to run. Prints
# each run's times, query counts and load, then the medians and the median of the per-run
# ratios with their spread.
#   RUNS=3 bash bench/compare_count_booking.sh [--lines 2000] [--differing 0.3]
source "$(dirname "${BASH_SOURCE[0]}")/../scripts/common.sh"

RUNS=${RUNS:-3}
LINES=2000
DIFFERING=0.3
while [ $# -gt 0 ]; do
    case "$1" in
        --lines) LINES=$2; shift 2;;
        --differing) DIFFERING=$2; shift 2;;
        *) die "unknown option $1 (use --lines N, --differing SHARE)";;
    esac
done

prepare_environment
CONFIG=$STATE/odoo-bench.conf
write_odoo_config "$CONFIG" "$(free_port)"
BASE=${PI_BENCH_DB:-perpetual_bench}
TEMPLATE=${BASE}_count_${LINES}
if ! ensure_bench_database "$BASE" "$CONFIG" "$ADDONS"; then
    psql_admin -c "DROP DATABASE IF EXISTS \"$TEMPLATE\" WITH (FORCE)"
fi
bench_python() {
    PYTHONPATH="$ODOO_PATH:$REPO/bench" "$VENV/bin/python" "$REPO/bench/count_reconciliation.py" -c "$CONFIG" "$@"
}
if ! db_exists "$TEMPLATE"; then
    say "Generating $LINES count lines into $TEMPLATE"
    psql_admin -c "CREATE DATABASE \"$TEMPLATE\" TEMPLATE \"$BASE\""
    bench_python -d "$TEMPLATE" generate --lines "$LINES" --differing "$DIFFERING" \
        || { psql_admin -c "DROP DATABASE \"$TEMPLATE\""; die "generating the data failed"; }
fi

RESULTS=$(mktemp)
trap 'rm -f "$RESULTS"; psql_admin -c "DROP DATABASE IF EXISTS \"${TEMPLATE}_run\" WITH (FORCE)" || true; stop_postgres_if_started' EXIT
for run in $(seq "$RUNS"); do
    order=(odoo suite)
    [ $((run % 2)) = 0 ] && order=(suite odoo)
    for path in "${order[@]}"; do
        psql_admin -c "DROP DATABASE IF EXISTS \"${TEMPLATE}_run\" WITH (FORCE)"
        psql_admin -c "CREATE DATABASE \"${TEMPLATE}_run\" TEMPLATE \"$TEMPLATE\""
        say "Run $run/$RUNS: $path on a fresh copy of $TEMPLATE"
        bench_python -d "${TEMPLATE}_run" book "$path" \
            | awk -v run="$run" -v results="$RESULTS" '{print; fflush()} /^RESULT/ {print run, $2, $3, $4, $5 >>results}' >&2
    done
done

awk -v lines="$LINES" '
    function median(list,    n, parts, i, j, t) {
        n = split(substr(list, 2), parts, " ")
        for (i = 1; i <= n; i++)
            for (j = i + 1; j <= n; j++)
                if (parts[j] + 0 < parts[i] + 0) { t = parts[i]; parts[i] = parts[j]; parts[j] = t }
        return (n % 2) ? parts[(n + 1) / 2] : (parts[n / 2] + parts[n / 2 + 1]) / 2
    }
    { time[$1, $2] = $3; queries[$2] = $4; load[$1] = load[$1] " " $5; runs[$1] = 1 }
    END {
        o = s = r = ""; low = 1e9; high = 0
        for (run = 1; (run in runs); run++) {
            if (!((run, "odoo") in time) || !((run, "suite") in time)) continue
            ratio = time[run, "suite"] / time[run, "odoo"]
            printf "run %d: Odoo %.2f s, suite %.2f s, ratio %.2f, load%s\n", run, time[run, "odoo"], time[run, "suite"], ratio, load[run]
            o = o " " time[run, "odoo"]; s = s " " time[run, "suite"]; r = r " " ratio
            if (ratio < low) low = ratio
            if (ratio > high) high = ratio
        }
        printf "RESULT %s lines: Odoo median %.2f s (%s queries), suite median %.2f s (%s queries), suite/Odoo paired median %.2f (%.2f-%.2f)\n",
            lines, median(o), queries["odoo"], median(s), queries["suite"], median(r), low, high
    }' "$RESULTS"
