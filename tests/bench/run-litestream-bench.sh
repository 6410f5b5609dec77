#!/bin/bash
# Continuous protection benchmark (issue 15, "Goals"), with the real Litestream that dbops finds:
#  (a) RPO: a writer commits RATE transactions a second for SECONDS under `dbops protect`, logging each commit's
#      start and end; afterwards the replica is restored (`litestream restore -timestamp T`) at a random moment T
#      in every half second of the run, and the lag at T is T minus the commit end of the newest row the replica held then
#      (what a crash at T would have lost) -> p50 / p99 / max; goal p99 <= 1 s.
#  (b) Precision of `dbops restore --at T --to NEW --yes` at every PRECISION_EVERY-th of those moments: restores
#      holding a row whose commit began after T, and restores missing a row committed >= 1 s before T (counts;
#      the same counts over every litestream restore of (a) too).
#  (c) Speed: the candle store of make_candles.sql (ROWS rows; the issue's 1 GiB / 10 M-row store is ROWS=10000000) under
#      `dbops protect`, a few rows written, then `dbops restore --db STORE --at T --to NEW --yes` (pick, Litestream
#      restore, verify, preview, durable write) against `litestream restore -timestamp T` alone, same moment;
#      medians of RUNS interleaved rounds and their ratio (goal <= 1.5); beside them, Litestream followed by the sqlite3
#      CLI's quick_check and row counts of the copy (the same verified restore done by hand).
# Not part of ctest; nothing here asserts a time.
#
#   bash tests/bench/run-litestream-bench.sh [path/to/dbops]
#   ROWS=2000000 (~210 MiB), RUNS=3, BASELINE=an older dbops to time beside it, RATE=200, SECONDS_RUN=60, PRECISION_EVERY=6, BENCH_DIR=/tmp/dbops-bench
#   (the candle store is kept there and reused while ROWS stays the same); DBOPS_LITESTREAM as dbops reads it.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
DBOPS=${1:-${DBOPS:-$HERE/../../build/app/dbops}}
ROWS=${ROWS:-2000000}
RUNS=${RUNS:-3}
RATE=${RATE:-200}
SECONDS_RUN=${SECONDS_RUN:-60}
PRECISION_EVERY=${PRECISION_EVERY:-6}
BENCH_DIR=${BENCH_DIR:-/tmp/dbops-bench}
[[ -x $DBOPS ]] || { echo "bench: no dbops binary at $DBOPS (pass its path)" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "bench: sqlite3 is not installed (apt install sqlite3)" >&2; exit 1; }
mkdir -p "$BENCH_DIR"
export XDG_DATA_HOME=$BENCH_DIR/xdg-data XDG_STATE_HOME=$BENCH_DIR/xdg-state

source "$HERE/benchlib.sh"

find_litestream
PROTECT_PID=
WRITER_PID=
stop_all() {
    for pid in $WRITER_PID $PROTECT_PID; do
        kill "$pid" 2>/dev/null || true
        wait "$pid" 2>/dev/null || true
    done
    WRITER_PID= PROTECT_PID=
}
trap stop_all EXIT

# ---- (a) RPO and (b) precision ----
RPO_DB=$BENCH_DIR/rpo/trading.db
RPO_REPLICA=$BENCH_DIR/rpo-replica
COMMITS=$BENCH_DIR/rpo-commits.txt
rm -rf "$BENCH_DIR/rpo" "$RPO_REPLICA" && mkdir -p "$BENCH_DIR/rpo"
sqlite3 "$RPO_DB" "PRAGMA journal_mode=WAL; CREATE TABLE trades (id INTEGER PRIMARY KEY, symbol TEXT NOT NULL,
    price REAL NOT NULL, created_at TEXT NOT NULL);" >/dev/null
protect "$RPO_DB" "$RPO_REPLICA"
echo "RPO: writer at $RATE tx/s for $SECONDS_RUN s under dbops protect..." >&2
python3 - "$RPO_DB" "$RATE" "$SECONDS_RUN" "$COMMITS" <<'PY' &
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=30)
rate, seconds, out = float(sys.argv[2]), float(sys.argv[3]), open(sys.argv[4], "w")
begin = time.time()
n = 0
while time.time() - begin < seconds:
    due = begin + n / rate  # a fixed schedule: a late write does not slow the ones after it
    time.sleep(max(0.0, due - time.time()))
    start = time.time()
    cur = db.execute("INSERT INTO trades (symbol, price, created_at) VALUES ('BENCH', ?, ?)", (n, start))
    out.write("%d %.6f %.6f\n" % (cur.lastrowid, start, time.time()))  # id, commit start, commit end
    n += 1
out.close()
PY
WRITER_PID=$!
wait "$WRITER_PID"
WRITER_PID=
sleep 3 # the last commits reach the replica
stop_protect
FIRST=$(head -1 "$COMMITS" | cut -d' ' -f2)
LAST=$(tail -1 "$COMMITS" | cut -d' ' -f3)
URL=file://$RPO_REPLICA$(readlink -f "$RPO_DB")

# judge T FILE : "lag after missing" for the restored FILE at T: T minus the commit end of its newest row, rows
# whose commit began after T (1: some), rows committed >= 1 s before T it lacks (1: some).
judge() {
    local newest
    newest=$(sqlite3 "$2" "SELECT coalesce(max(id), 0) FROM trades")
    awk -v t="$1" -v newest="$newest" '
        $1 == newest { end = $3 }
        $1 > newest && $3 <= t - 1 { missing = 1 }
        $1 <= newest && $2 > t { after = 1 }
        END { printf "%.3f %d %d\n", (newest ? t - end : t), after, missing }' "$COMMITS"
}

SAMPLES=$BENCH_DIR/rpo-samples.txt
DBOPS_SAMPLES=$BENCH_DIR/rpo-dbops.txt
: >"$SAMPLES"
: >"$DBOPS_SAMPLES"
i=0
# Every half second, each moment at a random place in its half second: Litestream ships every 0.5 s too, and a
# fixed grid would meet every shipment at the same phase.
for T in $(awk -v a="$FIRST" -v b="$LAST" 'BEGIN { srand(15); for (t = a + 2; t + 0.5 <= b; t += 0.5) printf "%.3f\n", t + rand() / 2 }'); do
    clean_out
    "$LITESTREAM" restore -o "$OUT/at.db" -timestamp "$(iso "$T")" "$URL" 2>/dev/null
    judge "$T" "$OUT/at.db" >>"$SAMPLES"
    if ((i++ % PRECISION_EVERY == 0)); then
        "$DBOPS" restore --db "$RPO_DB" --at "$(iso "$T")" --replica "$RPO_REPLICA" --to "$OUT/dbops.db" --yes \
            --json >/dev/null
        judge "$T" "$OUT/dbops.db" >>"$DBOPS_SAMPLES"
    fi
done
percentile() { sort -g | awk -v p="$1" '{a[NR]=$1} END {i = int(NR * p + 0.999999); if (i < 1) i = 1; print a[i]}'; }
LAG_P50=$(cut -d' ' -f1 "$SAMPLES" | percentile 0.50)
LAG_P99=$(cut -d' ' -f1 "$SAMPLES" | percentile 0.99)
LAG_MAX=$(cut -d' ' -f1 "$SAMPLES" | percentile 1)
counts() { awk '{n++; after += $2; missing += $3} END {printf "%d moments: %d with a row committed after T, %d missing a row committed >= 1 s before T", n, after, missing}' "$1"; }

# ---- (c) speed ----
BIG=$BENCH_DIR/candles-$ROWS.db
BIG_REPLICA=$BENCH_DIR/big-replica
ensure_candle_store "$BIG" "$ROWS"
SIZE=$(stat -c %s "$BIG")
echo "speed: $BIG ($(mib "$SIZE"), $ROWS rows) under dbops protect (first snapshot)..." >&2
replica_with_moment "$BIG" "$BIG_REPLICA"
BIG_URL=file://$BIG_REPLICA$(readlink -f "$BIG")
run_litestream_restore() { "$LITESTREAM" restore -o "$OUT/new.db" -timestamp "$MOMENT" "$BIG_URL" 2>>"$BENCH_DIR/litestream.log"; }
# What an operator does by hand for a restore they can trust: Litestream, then SQLite's own check of the copy and
# its row counts (the sqlite3 CLI), as dbops's verify does.
run_litestream_checked() {
    run_litestream_restore
    sqlite3 "$OUT/new.db" "PRAGMA quick_check; SELECT count(*) FROM candles; SELECT count(*) FROM trades;"
}
run_dbops_restore_at() {
    "$DBOPS" restore --db "$BIG" --at "$MOMENT" --replica "$BIG_REPLICA" --to "$OUT/new.db" --yes --json
}
# BASELINE=path/to/an-older/dbops: the same restore with it too, in the same rounds (a change measured side by side).
run_baseline_restore_at() { DBOPS=$BASELINE run_dbops_restore_at; }
rounds litestream_restore litestream_checked dbops_restore_at ${BASELINE:+baseline_restore_at}
# CPU seconds (user + system, children included) of one run each: on a loaded machine the wall times above mostly
# measure waiting for a core.
cpu() {
    local TIMEFORMAT='%U %S'
    clean_out
    { time "run_$1" >/dev/null 2>&1; } 2>"$BENCH_DIR/cpu"
    awk '{printf "%.2f", $1 + $2}' "$BENCH_DIR/cpu"
}
CPU_LITESTREAM=$(cpu litestream_restore)
CPU_DBOPS=$(cpu dbops_restore_at)
clean_out
"$DBOPS" restore --db "$BIG" --at "$MOMENT" --replica "$BIG_REPLICA" --to "$OUT/new.db" --yes --json >"$BENCH_DIR/last.json"
RESTORED_ROWS=$(sqlite3 "$OUT/new.db" "SELECT count(*) FROM candles")
sqlite3 "$BIG" "DELETE FROM trades WHERE symbol = 'BENCH'; PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null

echo
echo "== Litestream $("$LITESTREAM" version) with dbops protect; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) =="
echo "(a) RPO, writer $RATE tx/s for $SECONDS_RUN s ($(wc -l <"$COMMITS") commits), $(wc -l <"$SAMPLES") moments:"
echo "    replica lag p50 $LAG_P50 s, p99 $LAG_P99 s, max $LAG_MAX s   (goal p99 <= 1 s)"
echo "(b) precision, dbops restore --at T --to NEW --yes: $(counts "$DBOPS_SAMPLES")   (goal 0 and 0)"
echo "    litestream restore -timestamp T, every moment of (a): $(counts "$SAMPLES")"
echo "(c) speed, $(mib "$SIZE") / $ROWS-row candle store restored to $MOMENT ($RESTORED_ROWS candle rows), $RUNS runs:"
printf '    %-44s %8s s\n' "litestream restore -timestamp T" "$(t litestream_restore)" \
    "litestream restore + sqlite3 quick_check" "$(t litestream_checked)" \
    "dbops restore --at T --to NEW --yes" "$(t dbops_restore_at)"
[[ -n ${BASELINE:-} ]] && printf '    %-44s %8s s (ratio %s)\n' "the same with BASELINE" "$(t baseline_restore_at)" \
    "$(ratio "$(t baseline_restore_at)" "$(t litestream_restore)")"
echo "    dbops restore --at / litestream restore = $(ratio "$(t dbops_restore_at)" "$(t litestream_restore)")   (goal <= 1.5)"
echo "    dbops restore --at / (litestream restore + sqlite3 quick_check and counts) = $(ratio "$(t dbops_restore_at)" "$(t litestream_checked)")"
echo "    CPU seconds: litestream restore $CPU_LITESTREAM, dbops restore --at $CPU_DBOPS (ratio $(ratio "$CPU_DBOPS" "$CPU_LITESTREAM"))"
rm -rf "$OUT"
