#!/bin/bash
# Health benchmark (issue 7, "Speed"): times the full `dbops health --db FILE --json` against `sqlite3_analyzer FILE`
# on the same quiescent candle store, interleaved, and the quick pass `dbops health --quick --json` (the first
# figures the console shows while the full scan runs). Then CHECKS that the per-table sizes dbops reports
# (table_bytes, index_bytes, bytes) are within 1 % of sqlite3_analyzer's, and that its exact row counts equal
# the analyzer's entry counts; exits 1 when a figure is off. Not part of ctest.
#
#   bash tests/bench/run-health-bench.sh [path/to/dbops]      (or: ninja -C build bench_health)
#   ROWS=10000000 (the issue's ~1.3 GiB store; default 2000000 ≈ 210 MiB), RUNS=3,
#   BENCH_DIR=/tmp/dbops-bench (the store is kept there and reused while ROWS stays the same),
#   SQLITE3_ANALYZER=/usr/bin/sqlite3_analyzer (Debian package sqlite3-tools: apt install sqlite3-tools)
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
DBOPS=${1:-${DBOPS:-$HERE/../../build/app/dbops}}
ROWS=${ROWS:-2000000}
RUNS=${RUNS:-3}
BENCH_DIR=${BENCH_DIR:-/tmp/dbops-bench}
ANALYZER=${SQLITE3_ANALYZER:-sqlite3_analyzer}
DB=$BENCH_DIR/candles-$ROWS.db
[[ -x $DBOPS ]] || { echo "bench: no dbops binary at $DBOPS (pass its path)" >&2; exit 1; }
command -v "$ANALYZER" >/dev/null ||
    { echo "bench: sqlite3_analyzer is not installed (apt install sqlite3-tools)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "bench: python3 is needed to compare the figures" >&2; exit 1; }
mkdir -p "$BENCH_DIR"
export XDG_DATA_HOME=$BENCH_DIR/xdg-data XDG_STATE_HOME=$BENCH_DIR/xdg-state XDG_CONFIG_HOME=$BENCH_DIR/xdg-config

OUT=${OUT:-$BENCH_DIR/out-health} # not the backup bench's out/, should both run at once
source "$HERE/benchlib.sh"

ensure_candle_store "$DB" "$ROWS"
SIZE=$(stat -c %s "$DB")
echo "store: $DB, $(mib "$SIZE"), $ROWS rows; $RUNS runs each, page cache warm" >&2
cat "$DB" >/dev/null # warm the cache for every contender alike

# dbops health exits 1 / 2 for warn / critical findings: a finished scan either way; 3 (unreadable) is a failure.
health() {
    local rc=0
    "$DBOPS" health --db "$DB" --json "$@" || rc=$?
    ((rc <= 2))
}
run_sqlite3_analyzer() { "$ANALYZER" "$DB"; }
run_dbops_health() { health; }
run_dbops_quick() { health --quick; }
rounds sqlite3_analyzer dbops_health dbops_quick

echo
echo "== dbops health, SQLite ($(mib "$SIZE"), $ROWS rows) =="
printf '%-44s %8s s\n' "sqlite3_analyzer" "$(t sqlite3_analyzer)" "dbops health --json (full scan)" \
    "$(t dbops_health)" "dbops health --quick --json (first figures)" "$(t dbops_quick)"
goal() { awk -v v="$1" -v g="$2" 'BEGIN {print (v <= g) ? "met" : "NOT met"}'; }
R=$(ratio "$(t dbops_health)" "$(t sqlite3_analyzer)")
echo "dbops health / sqlite3_analyzer               = $R   (goal <= 1.0: $(goal "$R" 1.0))"
echo "first figures (quick pass, whole process)    = $(t dbops_quick) s   (goal <= 1 s: $(goal "$(t dbops_quick)" 1.0))"

# Sizes: one more run of each, outputs kept.
clean_out
health >"$OUT/health.json"
"$ANALYZER" "$DB" >"$OUT/analyzer.txt"
echo
echo "== sizes: dbops health against sqlite3_analyzer (limit 1 %) =="
CHECK=0
python3 - "$OUT/health.json" "$OUT/analyzer.txt" <<'PY' || CHECK=$?
import json, re, sys

health = json.load(open(sys.argv[1]))
# sqlite3_analyzer prints one section per table ("*** Table X and all its indices ***", "*** Table X w/o any
# indices ***", or "*** Table X ***" when it has none), names upper-cased, each with "Bytes of storage consumed"
# and "Number of entries" (leaf cells: the rows of a rowid table).
sections, name = {}, None
for line in open(sys.argv[2]):
    m = re.match(r"\*\*\* (.*?) \*+\s*$", line)
    if m:
        name = m.group(1)
        sections[name] = {}
        continue
    m = re.match(r"(Bytes of storage consumed|Number of entries)\.+ (\d+)", line)
    if m and name is not None:
        sections[name][m.group(1)] = int(m.group(2))

def analyzer(table):
    key = table.upper()
    whole = sections.get(f"Table {key} and all its indices") or sections.get(f"Table {key}")
    alone = sections.get(f"Table {key} w/o any indices") or sections.get(f"Table {key}")
    if whole is None or alone is None:
        return None
    total, own = whole["Bytes of storage consumed"], alone["Bytes of storage consumed"]
    return {"bytes": total, "table_bytes": own, "index_bytes": total - own, "rows": alone["Number of entries"]}

def deviation(ours, theirs):
    if theirs == 0:
        return 0.0 if ours == 0 else float("inf")
    return 100.0 * abs(ours - theirs) / theirs

worst, bad = 0.0, []
print(f"{'table':<12} {'figure':<12} {'dbops':>14} {'sqlite3_analyzer':>17} {'deviation':>10}")
for t in health["tables"]:
    a = analyzer(t["name"])
    if a is None:
        bad.append(f"{t['name']}: not in the analyzer's report")
        continue
    for key in ("table_bytes", "index_bytes", "bytes"):
        d = deviation(t[key], a[key])
        worst = max(worst, d)
        print(f"{t['name']:<12} {key:<12} {t[key]:>14} {a[key]:>17} {d:>9.3f}%")
        if d > 1.0:
            bad.append(f"{t['name']} {key}: {t[key]} vs {a[key]} ({d:.3f} % > 1 %)")
    exact = "exact" if t["rows_exact"] else "estimate"
    print(f"{t['name']:<12} {'rows':<12} {t['rows']:>14} {a['rows']:>17} {exact:>10}")
    if t["rows_exact"] and t["rows"] != a["rows"]:
        bad.append(f"{t['name']} rows: {t['rows']} (exact) vs {a['rows']}")
print(f"largest size deviation: {worst:.3f} % (limit 1 %)")
if bad:
    print("FAIL: " + "; ".join(bad))
    sys.exit(1)
print("sizes OK")
PY
rm -rf "$OUT"
exit "$CHECK"
