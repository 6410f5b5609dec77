#!/bin/bash
# Restore drill benchmark (issue 18, "Goals": a drill of the 1 GiB / 10 M-row store takes <= 1.3x a plain restore
# of it to a new file). One `dbops backup` of the candle store, then interleaved rounds of
#   cp + sync                                   the floor: the bytes copied and flushed
#   dbops restore BACKUP --to NEW --yes         the plain restore (verify, preview, durable copy, check after)
#   dbops drill --backup BACKUP                 restore into scratch, integrity + foreign keys, counts, record
# on the same backup (verified once before), page cache warm; medians and the drill / restore ratio. Not part of ctest.
#
#   bash tests/bench/run-drill-bench.sh [path/to/dbops]
#   ROWS=10000000 (the issue's store; default 2000000), RUNS=3, BASELINE=an older dbops whose drill runs beside, BENCH_DIR=/tmp/dbops-bench (the store is kept
#   there and reused while ROWS stays the same)
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
DBOPS=${1:-${DBOPS:-$HERE/../../build/app/dbops}}
ROWS=${ROWS:-2000000}
RUNS=${RUNS:-3}
BENCH_DIR=${BENCH_DIR:-/tmp/dbops-bench}
DB=$BENCH_DIR/candles-$ROWS.db
[[ -x $DBOPS ]] || { echo "bench: no dbops binary at $DBOPS (pass its path)" >&2; exit 1; }
mkdir -p "$BENCH_DIR"
export XDG_DATA_HOME=$BENCH_DIR/xdg-data XDG_STATE_HOME=$BENCH_DIR/xdg-state

source "$HERE/benchlib.sh"

ensure_candle_store "$DB" "$ROWS"
BACKUPS=$BENCH_DIR/drill-backups
rm -rf "$BACKUPS"
BACKUP=$("$DBOPS" backup --db "$DB" --out "$BACKUPS" --json |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["path"])')
# Verified once, as a scheduled `dbops verify` leaves it: the restore then reuses that verdict (checksum only), and
# the drill quick-checks its copy of the very bytes the full check passed on.
"$DBOPS" verify "$BACKUP" >/dev/null
SIZE=$(stat -c %s "$BACKUP")
echo "backup: $BACKUP, $(mib "$SIZE"); $RUNS runs each, page cache warm" >&2
cat "$BACKUP" >/dev/null

run_cp() { cp "$BACKUP" "$OUT/new.db" && sync "$OUT/new.db"; }
run_restore() { "$DBOPS" restore "$BACKUP" --db "$DB" --to "$OUT/new.db" --yes --json; }
run_drill() { "$DBOPS" drill --db "$DB" --backup "$BACKUP" --scratch-dir "$OUT" --json; }
# BASELINE=path/to/an-older/dbops: its drill too, in the same rounds (a change measured side by side).
run_baseline_drill() { DBOPS=$BASELINE run_drill; }
rounds cp restore drill ${BASELINE:+baseline_drill}
clean_out
run_drill >"$BENCH_DIR/drill.json" || true
VERDICT=$(python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); print(d.get("status"), "-", "; ".join(c.get("detail", "") for c in d.get("checks", [])))' "$BENCH_DIR/drill.json" 2>/dev/null || echo "?")
rm -rf "$OUT"

echo
echo "== restore drill, $(mib "$SIZE") / $ROWS-row candle store; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) =="
printf '    %-44s %8s s\n' "cp + sync" "$(t cp)" "dbops restore BACKUP --to NEW --yes" "$(t restore)" \
    "dbops drill --backup BACKUP" "$(t drill)"
[[ -n ${BASELINE:-} ]] && printf '    %-44s %8s s (ratio %s)\n' "the drill of BASELINE" "$(t baseline_drill)" \
    "$(ratio "$(t baseline_drill)" "$(t restore)")"
echo "    drill / restore = $(ratio "$(t drill)" "$(t restore)")   (goal <= 1.3); restore / cp = $(ratio "$(t restore)" "$(t cp)")"
echo "    drill verdict: $VERDICT"
