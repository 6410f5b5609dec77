#!/bin/bash
# Backup benchmark (issue 5, "Speed"): times `dbops backup` against `sqlite3 FILE ".backup COPY"` and a durable
# copy (`cp FILE COPY && sync COPY`) of the same quiescent candle store, in the same run; then `dbops backup`
# with a writer committing ~200 tx/s (every copy verified); then, when the PostgreSQL test server is up
# (DBOPS_TEST_PG* from tests/pg-server.sh), `dbops backup` against plain `pg_dump -Fc`. Then restores:
# `dbops restore --to NEW` against `sqlite3 NEW ".restore BACKUP"`, and (PostgreSQL) `dbops restore
# --to-database` against `pg_restore --single-transaction`. Prints medians and ratios.
# Not part of ctest.
#
#   bash tests/bench/run-backup-bench.sh [path/to/dbops]
#   ROWS=10000000 (the issue's ~1.3 GiB store; default 2000000 ≈ 270 MiB), RUNS=3, PG_ROWS=(ROWS/2),
#   BENCH_DIR=/tmp/dbops-bench (the store is kept there and reused while ROWS stays the same)
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
DBOPS=${1:-${DBOPS:-$HERE/../../build/app/dbops}}
ROWS=${ROWS:-2000000}
RUNS=${RUNS:-3}
PG_ROWS=${PG_ROWS:-$((ROWS / 2))}
BENCH_DIR=${BENCH_DIR:-/tmp/dbops-bench}
DB=$BENCH_DIR/candles-$ROWS.db
[[ -x $DBOPS ]] || { echo "bench: no dbops binary at $DBOPS (pass its path)" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "bench: sqlite3 is not installed (apt install sqlite3)" >&2; exit 1; }
mkdir -p "$BENCH_DIR"
export XDG_DATA_HOME=$BENCH_DIR/xdg-data XDG_STATE_HOME=$BENCH_DIR/xdg-state

source "$HERE/benchlib.sh"

ensure_candle_store "$DB" "$ROWS"
SIZE=$(stat -c %s "$DB")
echo "store: $DB, $(mib "$SIZE"), $ROWS rows; $RUNS runs each, page cache warm" >&2
cat "$DB" >/dev/null # warm the cache for every contender alike

run_cp() { cp "$DB" "$OUT/copy.db" && sync "$OUT/copy.db"; }
run_sqlite3_backup() { sqlite3 "$DB" ".backup '$OUT/copy.db'"; }
run_sqlite3_backup_sync() { sqlite3 "$DB" ".backup '$OUT/copy.db'" && sync "$OUT/copy.db"; }
run_sha256sum() { sha256sum "$DB"; }
run_dbops() { "$DBOPS" backup --db "$DB" --out "$OUT" --json; }
run_dbops_writer() { run_dbops; }
echo "SQLite, quiescent:" >&2
rounds cp sqlite3_backup sqlite3_backup_sync sha256sum dbops

echo "SQLite, with a writer at ~200 tx/s:" >&2
WRITER_PID=
stop_writer() {
    if [[ -n $WRITER_PID ]]; then
        kill "$WRITER_PID" 2>/dev/null || true
        wait "$WRITER_PID" 2>/dev/null || true
    fi
    WRITER_PID=
}
trap stop_writer EXIT
python3 - "$DB" <<'PY' &
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None, timeout=10)
db.execute("PRAGMA journal_mode=WAL")
t = db.execute("SELECT coalesce(max(open_time), 3999999940000) FROM candles WHERE symbol = 'BENCHUSDT'").fetchone()[0] + 60000
while True:
    start = time.monotonic()
    db.execute("BEGIN IMMEDIATE")
    db.execute("INSERT INTO candles (symbol, timeframe, open_time, close_time, open, high, low, close, volume) "
               "VALUES ('BENCHUSDT', '1m', ?, ?, 1, 2, 0.5, 1.5, 10)", (t, t + 59999))
    db.execute("COMMIT")
    t += 60000
    time.sleep(max(0.0, 0.005 - (time.monotonic() - start)))
PY
WRITER_PID=$!
sleep 1
rounds dbops_writer
VERIFIED=0
for ((i = 0; i < RUNS; i++)); do
    clean_out
    p=$("$DBOPS" backup --db "$DB" --out "$OUT" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["path"])')
    if "$DBOPS" verify "$p" >/dev/null; then VERIFIED=$((VERIFIED + 1)); fi
done
stop_writer
WRITTEN=$(sqlite3 "$DB" "SELECT count(*) FROM candles WHERE symbol = 'BENCHUSDT'")
sqlite3 "$DB" "DELETE FROM candles WHERE symbol = 'BENCHUSDT'; PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null

echo
echo "== SQLite ($(mib "$SIZE"), $ROWS rows) =="
printf '%-34s %8s s\n' "cp + sync" "$(t cp)" "sqlite3 .backup" "$(t sqlite3_backup)" \
    "sqlite3 .backup + sync" "$(t sqlite3_backup_sync)" "sha256sum" "$(t sha256sum)" \
    "dbops backup (quiescent)" "$(t dbops)" "dbops backup (writer ~200 tx/s)" "$(t dbops_writer)"
echo "dbops / sqlite3 .backup        = $(ratio "$(t dbops)" "$(t sqlite3_backup)")   (goal <= 1.2)"
echo "dbops / durable cp             = $(ratio "$(t dbops)" "$(t cp)")   (goal <= 1.5)"
echo "dbops with writer / quiescent  = $(ratio "$(t dbops_writer)" "$(t dbops)")   (goal <= 1.5)"
echo "backups under the writer verified: $VERIFIED of $RUNS (the writer committed $WRITTEN transactions)"

# Restore: a verified dbops backup into a new file, against `sqlite3 NEW ".restore BACKUP"` (which writes the
# pages through SQLite's backup API and syncs at commit). dbops verifies the backup first (SHA-256 against the
# manifest; integrity and row counts are re-run only when the manifest has no verdict for these bytes),
# previews the impact, copies durably and verifies the result.
echo "SQLite restore:" >&2
KEEP=$BENCH_DIR/keep
rm -rf "$KEEP" && mkdir -p "$KEEP"
BACKUP=$("$DBOPS" backup --db "$DB" --out "$KEEP" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["path"])')
"$DBOPS" verify "$BACKUP" >/dev/null
run_sqlite3_restore() { sqlite3 "$OUT/new.db" ".restore '$BACKUP'"; }
run_dbops_restore() { "$DBOPS" restore "$BACKUP" --db "$DB" --to "$OUT/new.db" --yes --json; }
rounds sqlite3_restore dbops_restore
clean_out
RESTORE_TIMINGS=$("$DBOPS" restore "$BACKUP" --db "$DB" --to "$OUT/new.db" --yes --json |
    python3 -c 'import json,sys; o=json.load(sys.stdin); print(o["timings"], "verified_after:", o["verified_after"])')
echo
echo "== SQLite restore ($(mib "$SIZE")) =="
printf '%-34s %8s s\n' "sqlite3 NEW .restore BACKUP" "$(t sqlite3_restore)" "dbops restore --to NEW --yes" "$(t dbops_restore)"
echo "dbops restore / sqlite3 .restore = $(ratio "$(t dbops_restore)" "$(t sqlite3_restore)")   (goal <= 1.2)"
echo "dbops restore phases (ms): $RESTORE_TIMINGS"

if [[ -n ${DBOPS_TEST_PGHOST:-} && -r ${DBOPS_TEST_PGPASSFILE:-/nonexistent} ]]; then
    export PGPASSFILE=$DBOPS_TEST_PGPASSFILE
    PGBIN=${DBOPS_TEST_PGBIN:-/usr/lib/postgresql/15/bin}
    PGDB=dbops_bench_$PG_ROWS
    CONN=(-h "$DBOPS_TEST_PGHOST" -p "$DBOPS_TEST_PGPORT" -U "$DBOPS_TEST_PGUSER")
    if ! "$PGBIN/psql" "${CONN[@]}" -d postgres -Atqc "SELECT 1 FROM pg_database WHERE datname = '$PGDB'" | grep -q 1; then
        echo "bench: generating PostgreSQL database $PGDB ($PG_ROWS candle rows)..." >&2
        "$PGBIN/psql" "${CONN[@]}" -d postgres -qc "CREATE DATABASE $PGDB"
        "$PGBIN/psql" "${CONN[@]}" -d "$PGDB" -q <<SQL
CREATE TABLE candles (id bigint PRIMARY KEY, symbol text NOT NULL, timeframe text NOT NULL, open_time bigint NOT NULL,
  close_time bigint NOT NULL, open float8, high float8, low float8, close float8, volume float8,
  UNIQUE (symbol, timeframe, open_time));
INSERT INTO candles SELECT i, 'SYM' || (i % 50) || 'USDT', '1m', 1600000000000 + (i / 50) * 60000,
  1600000000000 + (i / 50) * 60000 + 59999, 100.0 + (i % 997) * 0.013, 101.0 + (i % 991) * 0.017,
  99.0 + (i % 983) * 0.011, 100.5 + (i % 977) * 0.019, (i % 100003) * 1.37 FROM generate_series(0::bigint, $PG_ROWS - 1) i;
VACUUM ANALYZE candles;
SQL
    fi
    URI="postgresql://$DBOPS_TEST_PGUSER@$DBOPS_TEST_PGHOST:$DBOPS_TEST_PGPORT/$PGDB"
    echo "PostgreSQL ($PG_ROWS rows):" >&2
    run_pg_dump() { "$PGBIN/pg_dump" -Fc "${CONN[@]}" -d "$PGDB" -f "$OUT/plain.dump"; }
    run_pg_dump_sync() { run_pg_dump && sync "$OUT/plain.dump"; }
    # dbops dumps at zlib level 1 by default (--compress); the same level by hand isolates dbops's own cost.
    run_pg_dump_z1() { "$PGBIN/pg_dump" -Fc -Z1 "${CONN[@]}" -d "$PGDB" -f "$OUT/plain.dump"; }
    run_dbops_pg() { "$DBOPS" backup --db "$URI" --out "$OUT" --json; }
    run_dbops_pg_z6() { "$DBOPS" backup --db "$URI" --out "$OUT" --compress 6 --json; }
    rounds pg_dump pg_dump_sync pg_dump_z1 dbops_pg dbops_pg_z6
    # Restore into a new database: pg_restore as an operator would run it for the same guarantees (one
    # transaction, stop at the first error) against dbops restore --to-database (verify, preview, restore,
    # row counts after). Both start by dropping the previous round's database.
    PG_BACKUP=$("$DBOPS" backup --db "$URI" --out "$KEEP" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["path"])')
    "$DBOPS" verify "$PG_BACKUP" >/dev/null
    RDB=${PGDB}_restored
    run_pg_restore() {
        "$PGBIN/dropdb" "${CONN[@]}" --if-exists "$RDB" && "$PGBIN/createdb" "${CONN[@]}" "$RDB" &&
            "$PGBIN/pg_restore" "${CONN[@]}" -d "$RDB" --single-transaction --exit-on-error "$PG_BACKUP"
    }
    run_dbops_pg_restore() {
        "$PGBIN/dropdb" "${CONN[@]}" --if-exists "$RDB" &&
            "$DBOPS" restore "$PG_BACKUP" --db "$URI" --to-database "$RDB" --yes --json
    }
    rounds pg_restore dbops_pg_restore
    "$PGBIN/dropdb" "${CONN[@]}" --if-exists "$RDB"
    echo
    echo "== PostgreSQL ($PG_ROWS rows) =="
    printf '%-34s %8s s\n' "pg_dump -Fc" "$(t pg_dump)" "pg_dump -Fc + sync" "$(t pg_dump_sync)" \
        "pg_dump -Fc -Z1" "$(t pg_dump_z1)" "dbops backup (zlib 1, default)" "$(t dbops_pg)" \
        "dbops backup --compress 6" "$(t dbops_pg_z6)" \
        "pg_restore (new database)" "$(t pg_restore)" "dbops restore --to-database" "$(t dbops_pg_restore)"
    echo "dbops / pg_dump -Fc            = $(ratio "$(t dbops_pg)" "$(t pg_dump)")   (goal <= 1.05)"
    echo "dbops --compress 6 / pg_dump -Fc (same level) = $(ratio "$(t dbops_pg_z6)" "$(t pg_dump)")"
    echo "dbops / pg_dump -Fc -Z1 (same level)          = $(ratio "$(t dbops_pg)" "$(t pg_dump_z1)")"
    echo "dbops restore / pg_restore     = $(ratio "$(t dbops_pg_restore)" "$(t pg_restore)")   (goal <= 1.05)"
else
    echo "(PostgreSQL part skipped: source the env file of tests/pg-server.sh to include it)"
fi
rm -rf "$OUT" "$KEEP"
