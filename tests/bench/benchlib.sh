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

# ---- Litestream (the benchmarks of restore --at; they set DBOPS and PROTECT_PID=) ----
# find_litestream : LITESTREAM as dbops finds it (DBOPS_LITESTREAM, beside dbops, PATH, the setup script's prefix).
find_litestream() {
    LITESTREAM=${DBOPS_LITESTREAM:-}
    local c
    for c in "$(dirname "$DBOPS")/litestream" "$(command -v litestream || true)" /opt/dbops/litestream/bin/litestream; do
        [[ -z $LITESTREAM && -n $c && -x $c ]] && LITESTREAM=$c
    done
    [[ -n $LITESTREAM ]] || { echo "bench: Litestream not found (installer/dbops-setup.sh installs it)" >&2; exit 1; }
    export DBOPS_LITESTREAM=$LITESTREAM
}
# protect STORE REPLICA : dbops protect in the background, back once the replica has its first snapshot.
protect() {
    "$DBOPS" protect --db "$1" --replica "$2" --every 5 >"$BENCH_DIR/protect.log" 2>&1 &
    PROTECT_PID=$!
    for _ in $(seq 1 3000); do
        [[ -n $(find "$2" -name '*.snapshot.lz4' 2>/dev/null) ]] && return 0
        sleep 0.1
    done
    echo "bench: no replica snapshot after 300 s; dbops protect said:" >&2
    cat "$BENCH_DIR/protect.log" >&2
    exit 1
}
stop_protect() {
    kill "$PROTECT_PID" && wait "$PROTECT_PID" || true
    PROTECT_PID=
}
iso() { date -u -d "@$1" +%Y-%m-%dT%H:%M:%S.%3NZ; }
# replica_with_moment STORE REPLICA : a fresh replica of the candle store STORE with 40 rows written under
# dbops protect; MOMENT is a moment among those writes (Litestream restores a moment only up to its last change).
replica_with_moment() {
    rm -rf "$2"
    protect "$1" "$2"
    local n
    for n in $(seq 1 40); do
        sqlite3 -cmd ".timeout 10000" "$1" "INSERT INTO trades (symbol, price, quantity, timestamp) VALUES ('BENCH', $n, 1, datetime('now'))"
        ((n == 20)) && MOMENT=$(iso "$(now)")
        sleep 0.05
    done
    sleep 3
    stop_protect
}
