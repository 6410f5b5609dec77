#!/bin/bash
# Cleanup benchmark (issue 8, "Speed"): on the candle store of make_candles.sql, expire the older half and
# delete it while a simulated bot commits 50 tx/s (bot_writer.py), once with `dbops cleanup --apply` (short
# batches) and once with the single big DELETE an operator would type into sqlite3, each on a fresh copy of
# the store, in the same run. Reports the bot's commit latency (p50/p99/max) during each and the throughput
# (rows deleted per second) of each; goals: bot p99 <= 100 ms during dbops cleanup, dbops throughput >= half
# of the single DELETE's. Not part of ctest.
#
#   bash tests/bench/run-cleanup-bench.sh [path/to/dbops]
#   ROWS=10000000 (the issue's store; default 2000000), RUNS=1, BATCH_MS=30 (lock time per batch), PAUSE_MS=20, BOT_RATE=50,
#   BENCH_DIR=/tmp/dbops-bench (the generated store is kept there and reused)
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
DBOPS=${1:-${DBOPS:-$HERE/../../build/app/dbops}}
ROWS=${ROWS:-2000000}
RUNS=${RUNS:-1}
BATCH_MS=${BATCH_MS:-30}
PAUSE_MS=${PAUSE_MS:-20}
BOT_RATE=${BOT_RATE:-50}
BENCH_DIR=${BENCH_DIR:-/tmp/dbops-bench}
BASE=$BENCH_DIR/candles-$ROWS.db
WORK=$BENCH_DIR/cleanup-work.db
[[ -x $DBOPS ]] || { echo "bench: no dbops binary at $DBOPS (pass its path)" >&2; exit 1; }
mkdir -p "$BENCH_DIR"
export XDG_DATA_HOME=$BENCH_DIR/xdg-data XDG_STATE_HOME=$BENCH_DIR/xdg-state XDG_CONFIG_HOME=$BENCH_DIR/xdg-config
source "$HERE/benchlib.sh"
ensure_candle_store "$BASE" "$ROWS"

# The cut-off: the middle of the candles' time span, so that half the rows expire; KEEP is "now - middle".
MID_MS=$(sqlite3 "$BASE" "SELECT (min(open_time) + max(open_time)) / 2 FROM candles WHERE symbol <> 'BOTUSDT'")
EXPIRED=$(sqlite3 "$BASE" "SELECT count(*) FROM candles WHERE open_time < $MID_MS")
echo "store: $BASE ($(mib "$(stat -c %s "$BASE")"), $ROWS rows, $EXPIRED expire); bot at $BOT_RATE tx/s" >&2

BOT_PID=
stop_bot() {
    if [[ -n $BOT_PID ]]; then
        kill "$BOT_PID" 2>/dev/null || true
        wait "$BOT_PID" 2>/dev/null || true
    fi
    BOT_PID=
}
trap 'stop_bot; rm -f "$WORK" "$WORK-wal" "$WORK-shm"' EXIT

fresh_copy() {
    rm -f "$WORK" "$WORK-wal" "$WORK-shm"
    cp "$BASE" "$WORK"
    sync "$WORK"
}

# percentile P of the numbers in FILE
pct() { sort -g "$2" | awk -v p="$1" '{a[NR]=$1} END {i=int(NR*p/100+0.999); if (i<1) i=1; print a[i]}'; }

run_dbops() {
    local keep_s=$((($(date +%s%3N) - MID_MS) / 1000))
    # KEEP counts back from "now": a few ms pass between here and dbops's own clock, so a handful of rows at
    # the very cut-off may differ from $EXPIRED; the deleted count is reported.
    "$DBOPS" cleanup --db "$WORK" --policy "candles:open_time:${keep_s}s" --apply --yes --no-safety-backup \
        --batch-ms "$BATCH_MS" --pause-ms "$PAUSE_MS" --json >"$BENCH_DIR/cleanup.json"
    python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["deleted"])' "$BENCH_DIR/cleanup.json"
}
run_single_delete() {
    sqlite3 "$WORK" "PRAGMA busy_timeout = 30000; DELETE FROM candles WHERE open_time < $MID_MS; SELECT changes();" |
        tail -1
}

# measure NAME: a fresh copy, the bot started, NAME run and timed, the bot stopped; results in $BENCH_DIR/c-NAME-*
measure() {
    local name=$1 round=$2 s e deleted
    fresh_copy
    python3 "$HERE/bot_writer.py" "$WORK" candles "$BOT_RATE" "$BENCH_DIR/lat-$name-$round" &
    BOT_PID=$!
    sleep 2 # the bot's steady state, measured too
    s=$(now)
    deleted=$("run_$name")
    e=$(now)
    sleep 1
    stop_bot
    awk -v a="$e" -v b="$s" -v n="$deleted" 'BEGIN {printf "%.3f %d %.0f\n", a - b, n, n / (a - b)}' \
        >>"$BENCH_DIR/c-$name"
    echo "  $name round $round: $(tail -1 "$BENCH_DIR/c-$name") (s rows rows/s); bot p99 $(pct 99 "$BENCH_DIR/lat-$name-$round") ms" >&2
}

rm -f "$BENCH_DIR"/lat-*
for name in dbops single_delete; do : >"$BENCH_DIR/c-$name"; done
for ((round = 0; round < RUNS; round++)); do
    measure dbops "$round"
    measure single_delete "$round"
done

report() {
    local name=$1 lat
    lat=$(mktemp)
    cat "$BENCH_DIR"/lat-"$name"-* >"$lat"
    local secs rows rate
    secs=$(awk '{print $1}' "$BENCH_DIR/c-$name" | median)
    rows=$(awk '{print $2}' "$BENCH_DIR/c-$name" | median)
    rate=$(awk '{print $3}' "$BENCH_DIR/c-$name" | median)
    printf '%-30s %8.2f s %10d rows %10d rows/s   bot p50 %6.1f ms  p99 %7.1f ms  max %7.1f ms  (%d commits)\n' \
        "$2" "$secs" "$rows" "$rate" "$(pct 50 "$lat")" "$(pct 99 "$lat")" "$(sort -g "$lat" | tail -1)" "$(wc -l <"$lat")"
    echo "$rate" >"$BENCH_DIR/rate-$name"
    pct 99 "$lat" >"$BENCH_DIR/p99-$name"
    rm -f "$lat"
}
echo
echo "== cleanup: $EXPIRED of $ROWS candle rows expire, bot at $BOT_RATE tx/s =="
report dbops "dbops cleanup (batches)"
report single_delete "sqlite3 single DELETE"
echo "bot p99 during dbops cleanup     = $(cat "$BENCH_DIR/p99-dbops") ms   (goal <= 100 ms)"
echo "dbops / single DELETE throughput = $(ratio "$(cat "$BENCH_DIR/rate-dbops")" "$(cat "$BENCH_DIR/rate-single_delete")")   (goal >= 0.5)"
rm -f "$BENCH_DIR"/lat-* "$BENCH_DIR"/c-* "$BENCH_DIR"/rate-* "$BENCH_DIR"/p99-*
