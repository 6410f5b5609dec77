#!/bin/bash
# Shared pieces of the benchmarks in tests/bench (sourced, never run). The caller sets BENCH_DIR and RUNS and
# defines one function run_NAME per contender; `rounds NAME...` times them interleaved and `t NAME` prints the
# median seconds. `ensure_candle_store DB ROWS` builds the candle store of make_candles.sql once and reuses it.

BENCHLIB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUT=${OUT:-$BENCH_DIR/out}

now() { date +%s.%N; }
# median of the numbers on stdin
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.2f", a / b}'; }
mib() { awk -v b="$1" 'BEGIN {printf "%.0f MiB", b / 1048576}'; }
# Every contender starts with the previous one's output gone and nothing of it left to write back.
clean_out() { rm -rf "$OUT"; mkdir -p "$OUT"; sync; }
t() { cat "$BENCH_DIR/t-$1"; }

# rounds NAME... : RUNS rounds, each running every contender (a function run_NAME) once, interleaved so that
# the machine's load hits all alike; keeps the median seconds of each in $BENCH_DIR/t-NAME.
rounds() {
    local name round s
    for name in "$@"; do : >"$BENCH_DIR/all-$name"; done
    for ((round = 0; round < RUNS; round++)); do
        for name in "$@"; do
            clean_out
            s=$(now)
            "run_$name" >/dev/null
            awk -v a="$(now)" -v b="$s" 'BEGIN {printf "%.3f\n", a - b}' >>"$BENCH_DIR/all-$name"
        done
    done
    for name in "$@"; do
        median <"$BENCH_DIR/all-$name" >"$BENCH_DIR/t-$name"
        echo "  $name: $(tr '\n' ' ' <"$BENCH_DIR/all-$name")s  (median $(t "$name") s)" >&2
    done
}

# ensure_candle_store DB ROWS : the candle store of make_candles.sql with ROWS rows, generated once.
ensure_candle_store() {
    local db=$1 rows=$2
    [[ -s $db ]] && return 0
    command -v sqlite3 >/dev/null || { echo "bench: sqlite3 is not installed (apt install sqlite3)" >&2; exit 1; }
    echo "bench: generating $db ($rows candle rows)..." >&2
    rm -f "$db" "$db-wal" "$db-shm"
    sed "s/i < 9999999/i < $((rows - 1))/" "$BENCHLIB_DIR/make_candles.sql" | sqlite3 "$db" >/dev/null
}
