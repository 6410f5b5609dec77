#!/bin/bash
# Activity benchmark (issue 6, "Tests and speed"): with CONNECTIONS (200) bot sessions open on PostgreSQL (a pool
# going wrong: slow statements, a lock chain, idle in transaction, leaked idle sessions; tests/support/loadgen),
#  1. the server time of one full refresh of every activity probe, exactly as the GUI runs it (ActivityMonitor on
#     its worker thread), from pg_stat_statements (plan + execution time) of the console's own role — goal <= 5 ms;
#     against the same figure for a pghero-like refresh (its connection, running/blocked and query-stats queries)
#     and for a plain `SELECT * FROM pg_stat_activity`, both via psql;
#  2. how long the GUI's main thread stalls while the Activity panel refreshes every second (a 10 ms timer
#     recording how late each tick comes) — goal: never a visible stall.
# pg_stat_statements is never reset: each figure is the delta of the role's counters around the run, with ~2000
# other statements in the view, as on a busy server. Not part of ctest.
#
#   bash tests/bench/run-activity-bench.sh [path/to/activity_bench]      (or: ninja -C build bench_activity)
#   CONNECTIONS=200, REFRESHES=100 per run, RUNS=3, GUI_SECONDS=20, BENCH_DIR=/tmp/dbops-bench-activity
#
# Prerequisites: postgresql-15 and postgresql-contrib (as for the pg_* tests); the benchmark starts a server of its
# own (tests/pg-server.sh with max_connections = CONNECTIONS + 50) and stops it at the end.
set -euo pipefail

HERE=$(cd "$(dirname "$0")" && pwd)
BENCH=${1:-${ACTIVITY_BENCH:-$HERE/../../build/tests/bench/activity_bench}}
CONNECTIONS=${CONNECTIONS:-200}
REFRESHES=${REFRESHES:-100}
RUNS=${RUNS:-3}
GUI_SECONDS=${GUI_SECONDS:-20}
BENCH_DIR=${BENCH_DIR:-/tmp/dbops-bench-activity}
[[ -x $BENCH ]] || { echo "bench: no activity_bench at $BENCH (ninja -C build activity_bench)" >&2; exit 1; }
mkdir -p "$BENCH_DIR"
source "$HERE/benchlib.sh"
export XDG_DATA_HOME=$BENCH_DIR/xdg-data XDG_STATE_HOME=$BENCH_DIR/xdg-state QT_QPA_PLATFORM=offscreen

# --- a server of our own: resetting or loading the shared test server would disturb the tests running on it
SERVER_ENV=$(DBOPS_PG_TMPDIR=$BENCH_DIR DBOPS_PG_MAX_CONNECTIONS=$((CONNECTIONS + 50)) bash "$HERE/../pg-server.sh" start)
LOAD_PID=
cleanup() {
    if [[ -n $LOAD_PID ]]; then
        kill "$LOAD_PID" 2>/dev/null || true
        wait "$LOAD_PID" 2>/dev/null || true
    fi
    bash "$HERE/../pg-server.sh" stop "$SERVER_ENV" >/dev/null 2>&1 || true
}
trap cleanup EXIT
source "$SERVER_ENV"
PGBIN=$DBOPS_TEST_PGBIN
export PGPASSFILE=$BENCH_DIR/pgpass
PASSWORD=$(head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9')
cp "$DBOPS_TEST_PGPASSFILE" "$PGPASSFILE"
for role in dbops_console pghero_like; do
    echo "$DBOPS_TEST_PGHOST:$DBOPS_TEST_PGPORT:*:$role:$PASSWORD" >>"$PGPASSFILE"
done
chmod 0600 "$PGPASSFILE"
DB=bench_bot
psql_as() { "$PGBIN/psql" -X -q -At -v ON_ERROR_STOP=1 -h "$DBOPS_TEST_PGHOST" -p "$DBOPS_TEST_PGPORT" -U "$1" -d "$DB" "${@:2}"; }
uri() { echo "postgresql://$1@$DBOPS_TEST_PGHOST:$DBOPS_TEST_PGPORT/$DB"; }

"$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$DBOPS_TEST_PGHOST" -p "$DBOPS_TEST_PGPORT" -U "$DBOPS_TEST_PGUSER" \
    -d postgres >/dev/null <<SQL
ALTER SYSTEM SET pg_stat_statements.track_planning = on;
SELECT pg_reload_conf();
CREATE DATABASE $DB;
-- Monitoring roles as an operator would set them up: members of pg_monitor, nothing more.
CREATE ROLE dbops_console LOGIN PASSWORD '$PASSWORD' IN ROLE pg_monitor;
CREATE ROLE pghero_like LOGIN PASSWORD '$PASSWORD' IN ROLE pg_monitor;
SQL
# ~2000 distinct statements in pg_stat_statements (every pair of columns of a wide table), as on a server that
# has run a while: the console reads that view every refresh.
psql_as "$DBOPS_TEST_PGUSER" >/dev/null <<'SQL'
SELECT format('CREATE TABLE bench_wide (%s)', string_agg(format('c%s int', i), ', ')) FROM generate_series(1, 64) i \gexec
DO $$
BEGIN
    FOR i IN 1..64 LOOP
        FOR j IN 1..32 LOOP
            EXECUTE format('SELECT c%s, c%s FROM bench_wide WHERE c%s = %s', i, j, j, i);
        END LOOP;
    END LOOP;
END $$;
SQL

echo "bench: opening $CONNECTIONS bot connections..." >&2
"$BENCH" load "$(uri "$DBOPS_TEST_PGUSER")" "$CONNECTIONS" >"$BENCH_DIR/load.out" &
LOAD_PID=$!
until grep -q '^ready' "$BENCH_DIR/load.out" 2>/dev/null; do
    kill -0 "$LOAD_PID" 2>/dev/null || { echo "bench: the load did not start" >&2; exit 1; }
    sleep 0.2
done
echo "bench: $(cat "$BENCH_DIR/load.out"); pg_stat_activity has $(psql_as "$DBOPS_TEST_PGUSER" -c \
    'SELECT count(*) FROM pg_stat_activity') rows, pg_stat_statements $(psql_as "$DBOPS_TEST_PGUSER" -c \
    'SELECT count(*) FROM pg_stat_statements') statements" >&2

# Server time (plan + execution, ms) and calls of everything ROLE ran, cumulative.
server_ms() {
    psql_as "$DBOPS_TEST_PGUSER" -c "SELECT coalesce(sum(total_plan_time + total_exec_time), 0), coalesce(sum(calls), 0)
        FROM pg_stat_statements WHERE userid = '$1'::regrole"
}
per_refresh() { # before after: "ms_per_refresh statements_per_refresh"
    awk -F'|' -v b="$1" -v a="$2" -v n="$REFRESHES" \
        'BEGIN {split(b, x, "|"); split(a, y, "|"); printf "%.3f %.1f\n", (y[1] - x[1]) / n, (y[2] - x[2]) / n}'
}

PGHERO_SQL=$BENCH_DIR/pghero-like.sql
PLAIN_SQL=$BENCH_DIR/plain.sql
# pghero's live view, restated: connection states and sources, running and blocked queries, top statements.
cat >"$BENCH_DIR/pghero-once.sql" <<'SQL'
SELECT state, count(*) AS connections FROM pg_stat_activity GROUP BY 1 ORDER BY 2 DESC, 1;
SELECT datname, usename, application_name, client_addr, count(*) FROM pg_stat_activity GROUP BY 1, 2, 3, 4
ORDER BY 5 DESC, 1, 2, 3, 4;
SELECT pid, state, application_name, age(now(), coalesce(query_start, xact_start)) AS duration,
       wait_event IS NOT NULL AS waiting, query, coalesce(query_start, xact_start) AS started_at, usename
FROM pg_stat_activity
WHERE query <> '<insufficient privilege>' AND state <> 'idle' AND pid <> pg_backend_pid()
  AND datname = current_database()
ORDER BY coalesce(query_start, xact_start) DESC;
SELECT coalesce(blockingl.relation::regclass::text, blockingl.locktype) AS locked_item, blockeda.pid AS blocked_pid,
       blockeda.query AS blocked_query, blockedl.mode AS blocked_mode, blockinga.pid AS blocking_pid,
       blockinga.state AS blocking_state, blockinga.query AS blocking_query, blockingl.mode AS blocking_mode
FROM pg_catalog.pg_locks blockedl
LEFT JOIN pg_stat_activity blockeda ON blockedl.pid = blockeda.pid
LEFT JOIN pg_catalog.pg_locks blockingl ON blockedl.pid <> blockingl.pid
     AND (blockingl.transactionid = blockedl.transactionid
          OR (blockingl.relation = blockedl.relation AND blockingl.locktype = blockedl.locktype))
LEFT JOIN pg_stat_activity blockinga ON blockingl.pid = blockinga.pid AND blockinga.datid = blockeda.datid
WHERE NOT blockedl.granted AND blockeda.query <> '<insufficient privilege>' AND blockeda.datname = current_database()
ORDER BY age(now(), blockeda.query_start) DESC;
WITH query_stats AS (
    SELECT left(query, 10000) AS query, queryid, rolname, (total_plan_time + total_exec_time) / 60000 AS total_minutes,
           (total_plan_time + total_exec_time) / calls AS average_time, calls
    FROM pg_stat_statements
    JOIN pg_database ON pg_database.oid = pg_stat_statements.dbid
    JOIN pg_roles ON pg_roles.oid = pg_stat_statements.userid
    WHERE calls > 0 AND pg_database.datname = current_database())
SELECT query, queryid, rolname, total_minutes, average_time, calls,
       total_minutes * 100.0 / (SELECT sum(total_minutes) FROM query_stats) AS total_percent
FROM query_stats ORDER BY total_minutes DESC LIMIT 100;
SQL
: >"$PGHERO_SQL"
: >"$PLAIN_SQL"
for ((i = 0; i < REFRESHES; i++)); do
    cat "$BENCH_DIR/pghero-once.sql" >>"$PGHERO_SQL"
    echo 'SELECT * FROM pg_stat_activity;' >>"$PLAIN_SQL"
done

SYNC=$BENCH_DIR/sync
measure_dbops() {
    rm -rf "$SYNC"
    mkdir -p "$SYNC"
    "$BENCH" refresh "$(uri dbops_console)" "$REFRESHES" "$SYNC" >"$BENCH_DIR/refresh.out" &
    local pid=$! before after
    until [[ -e $SYNC/warm ]]; do
        kill -0 "$pid" 2>/dev/null || { cat "$BENCH_DIR/refresh.out" >&2; exit 1; }
        sleep 0.05
    done
    before=$(server_ms dbops_console)
    touch "$SYNC/go"
    wait "$pid"
    after=$(server_ms dbops_console)
    per_refresh "$before" "$after"
}
measure_psql() { # ROLE FILE
    local before after
    before=$(server_ms "$1")
    psql_as "$1" -f "$2" >/dev/null
    after=$(server_ms "$1")
    per_refresh "$before" "$after"
}

for name in dbops pghero plain; do : >"$BENCH_DIR/all-$name"; done
: >"$BENCH_DIR/client-dbops"
for ((round = 0; round < RUNS; round++)); do
    measure_dbops >>"$BENCH_DIR/all-dbops"
    tail -1 "$BENCH_DIR/refresh.out" >>"$BENCH_DIR/client-dbops"
    measure_psql pghero_like "$PGHERO_SQL" >>"$BENCH_DIR/all-pghero"
    measure_psql pghero_like "$PLAIN_SQL" >>"$BENCH_DIR/all-plain"
done
ms() { cut -d' ' -f1 <"$BENCH_DIR/all-$1" | median; }
stmts() { cut -d' ' -f2 <"$BENCH_DIR/all-$1" | median; }
for name in dbops pghero plain; do
    echo "  $name: $(cut -d' ' -f1 "$BENCH_DIR/all-$name" | tr '\n' ' ')ms per refresh" >&2
done

echo "bench: the Activity panel for $GUI_SECONDS s..." >&2
GUI=$("$BENCH" gui "$(uri dbops_console)" "$GUI_SECONDS" "$BENCH_DIR/activity-pool.png" \
    "$BENCH_DIR/activity-queries.png")

echo
echo "== Activity with $CONNECTIONS bot connections ($RUNS runs of $REFRESHES refreshes, medians) =="
printf '%-44s %8s ms  (%s statements)\n' \
    "dbops refresh, server time" "$(ms dbops)" "$(stmts dbops)" \
    "pghero-like refresh (5 queries), server time" "$(ms pghero)" "$(stmts pghero)" \
    "SELECT * FROM pg_stat_activity, server time" "$(ms plain)" "$(stmts plain)"
echo "dbops / goal 5 ms                          = $(ratio "$(ms dbops)" 5)   (goal <= 1)"
echo "dbops / pghero-like                        = $(ratio "$(ms dbops)" "$(ms pghero)")"
echo "dbops / SELECT * FROM pg_stat_activity     = $(ratio "$(ms dbops)" "$(ms plain)")"
echo "dbops client side: $(tail -1 "$BENCH_DIR/client-dbops")"
echo "$GUI"
echo "the console's statements (mean plan + execution ms per call):"
psql_as "$DBOPS_TEST_PGUSER" -F ' | ' -c "SELECT calls, round((mean_plan_time + mean_exec_time)::numeric, 3),
    left(regexp_replace(query, '\s+', ' ', 'g'), 90)
    FROM pg_stat_statements WHERE userid = 'dbops_console'::regrole ORDER BY total_plan_time + total_exec_time DESC LIMIT 8"
echo "screens: $BENCH_DIR/activity-pool.png $BENCH_DIR/activity-queries.png"
