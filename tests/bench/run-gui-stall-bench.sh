#!/bin/bash
# The GUI's main thread while it restores the candle store to a moment (issue 15, "Goals": never a stall > 50 ms):
# a replica of the store made with `dbops protect`, then restoreat_stall_bench opens the console offscreen on the
# store, asks for a moment in the replica's window (the timeline's band), confirms, and restores it into the store
# (safety backup included), printing the largest gap between ticks of a 10 ms main-thread timer during the preview
# and during the restore. Not part of ctest; nothing here asserts a time.
#
#   bash tests/bench/run-gui-stall-bench.sh [path/to/restoreat_stall_bench] [path/to/dbops]
#   ROWS=10000000 (the issue's 1 GiB store; default 2000000), BENCH_DIR=/tmp/dbops-bench (the store is kept there
#   and reused while ROWS stays the same; it is restored to the moment, which takes away the bench's 20 later rows)
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
STALL=${1:-$HERE/../../build/tests/bench/restoreat_stall_bench}
DBOPS=${2:-${DBOPS:-$HERE/../../build/app/dbops}}
ROWS=${ROWS:-2000000}
BENCH_DIR=${BENCH_DIR:-/tmp/dbops-bench}
[[ -x $STALL ]] || { echo "bench: no restoreat_stall_bench at $STALL (cmake -DDBOPS_BUILD_BENCH=ON)" >&2; exit 1; }
[[ -x $DBOPS ]] || { echo "bench: no dbops binary at $DBOPS (pass its path)" >&2; exit 1; }
mkdir -p "$BENCH_DIR"
export XDG_DATA_HOME=$BENCH_DIR/xdg-data XDG_STATE_HOME=$BENCH_DIR/xdg-state XDG_CONFIG_HOME=$BENCH_DIR/xdg-config
export QT_QPA_PLATFORM=offscreen

source "$HERE/benchlib.sh"
find_litestream
PROTECT_PID=
trap '[[ -n $PROTECT_PID ]] && stop_protect' EXIT

DB=$BENCH_DIR/candles-$ROWS.db
REPLICA=$BENCH_DIR/gui-replica
ensure_candle_store "$DB" "$ROWS"
echo "gui stall: $DB ($(mib "$(stat -c %s "$DB")"), $ROWS rows) under dbops protect (first snapshot)..." >&2
replica_with_moment "$DB" "$REPLICA"
"$STALL" "$DB" "$REPLICA" "$MOMENT" | tee "$BENCH_DIR/gui-stall.txt"
rm -rf "$XDG_DATA_HOME/dbops/backups" # the safety backup: a copy of the whole store
echo "== $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); goal: no gap > 50 ms =="
