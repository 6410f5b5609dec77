#!/bin/bash
# Side instance speed (issue 16): `dbops restore --db PG --at T --side-instance DIR --port N` against what an
# operator would run by hand on the same backup and the same T — a bare `pgbackrest restore --type=time
# --target-action=promote` plus `pg_ctl start`, waiting until the server is promoted (pg_is_in_recovery() false).
# Interleaved rounds, medians. Goal: dbops ≤ 1.2 × the bare path.
#
#   bash tests/pg-server.sh start && source /tmp/dbops-pg.*/env
#   bash tests/bench/run-pitr-bench.sh build/app/dbops        # ROWS=200000 RUNS=3 by default
#
# It points the test server's archive_command at a scratch pgBackRest repository (dbops pitr-setup --yes) and
# resets it at the end. Run as root (pgBackRest and the clusters run as postgres) or as the server's user.
set -euo pipefail

DBOPS=$(realpath "${1:?usage: run-pitr-bench.sh path/to/dbops}")
ROWS=${ROWS:-200000}
RUNS=${RUNS:-3}
PGBIN=${DBOPS_TEST_PGBIN:?source the env file of tests/pg-server.sh first}
: "${DBOPS_TEST_PGPORT:?}" "${DBOPS_TEST_PGPASSFILE:?}"

W=$(mktemp -d /tmp/dbops-pitr-bench.XXXXXX)
chmod 0755 "$W"
as_pg() { if [[ $EUID -eq 0 ]]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi; }
[[ $EUID -eq 0 ]] && chown postgres "$W"
URI="postgresql://dbops_test@127.0.0.1:$DBOPS_TEST_PGPORT/dbops_test"
printf '127.0.0.1:*:*:dbops_test:%s\n' "$(cut -d: -f5 "$DBOPS_TEST_PGPASSFILE" | head -n1)" >"$W/pgpass"
chmod 0600 "$W/pgpass"
export PGPASSFILE=$W/pgpass XDG_CONFIG_HOME=$W/xdg XDG_STATE_HOME=$W/xdg XDG_DATA_HOME=$W/xdg
CONF=$W/pgbackrest.conf
PSQL=("$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 "$URI")

cleanup() {
    for d in "$W"/side-* "$W"/bare-*; do
        [[ -f $d/postmaster.pid ]] && as_pg "$PGBIN/pg_ctl" -D "$d" -m immediate -w stop >/dev/null 2>&1 || true
    done
    "${PSQL[@]}" -c 'ALTER SYSTEM RESET archive_command' -c 'SELECT pg_reload_conf()' \
        -c 'DROP TABLE IF EXISTS bench_pitr' >/dev/null 2>&1 || true
    rm -rf "$W"
}
trap cleanup EXIT

echo "setting up: $ROWS rows, pgBackRest stanza bench in $W/repo" >&2
"${PSQL[@]}" -c 'DROP TABLE IF EXISTS bench_pitr' \
    -c 'CREATE TABLE bench_pitr (id bigserial PRIMARY KEY, ts timestamptz DEFAULT clock_timestamp(), pad text)' \
    -c "INSERT INTO bench_pitr (pad) SELECT repeat('x', 200) FROM generate_series(1, $ROWS)" >/dev/null
"$DBOPS" pitr-setup --db "$URI" --stanza bench --repo "$W/repo" --pgbackrest-config "$CONF" --yes >/dev/null
"$DBOPS" backup --db "$URI" --engine pgbackrest --pgbackrest-config "$CONF" --out "$W/catalog" >/dev/null
sleep 1 # pgBackRest restores to moments from the second after the backup's end
# WAL to replay after the backup, the moment in the middle of it, and commits after the moment.
"${PSQL[@]}" -c "INSERT INTO bench_pitr (pad) SELECT repeat('y', 200) FROM generate_series(1, $ROWS / 4)" >/dev/null
sleep 0.2
T=$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)
sleep 0.2
"${PSQL[@]}" -c "INSERT INTO bench_pitr (pad) VALUES ('after')" >/dev/null
before=$("${PSQL[@]}" -Atc 'SELECT archived_count FROM pg_stat_archiver')
for _ in $(seq 1 100); do
    "${PSQL[@]}" -c 'SELECT pg_switch_wal()' >/dev/null
    sleep 0.3
    [[ $("${PSQL[@]}" -Atc 'SELECT archived_count FROM pg_stat_archiver') -gt $before ]] && break
done
TARGET=$(date -u -d "${T%Z}Z" '+%Y-%m-%d %H:%M:%S.%3N000+00')

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
now() { date +%s.%N; }

bare() { # $1 directory, $2 port
    local dir=$1 port=$2
    mkdir -m 0700 "$dir" && { [[ $EUID -ne 0 ]] || chown postgres "$dir"; }
    as_pg pgbackrest --config="$CONF" --stanza=bench --type=time "--target=$TARGET" --target-action=promote \
        --archive-mode=off "--pg1-path=$dir" restore
    as_pg "$PGBIN/pg_ctl" -D "$dir" -l "$dir/log" -W \
        -o "-c port=$port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir" start >/dev/null
    until [[ $("$PGBIN/psql" -X -Atq -h 127.0.0.1 -p "$port" -U dbops_test -d dbops_test \
        -c 'SELECT pg_is_in_recovery()' 2>/dev/null) == f ]]; do sleep 0.1; done
}
side() { "$DBOPS" restore --db "$URI" --at "$T" --side-instance "$1" --port "$2" --pgbackrest-config "$CONF" >/dev/null; }

declare -a tb ts
run_bare() {
    sync
    local s e
    s=$(now); bare "$W/bare-$1" "$(free_port)"; e=$(now); tb+=("$(echo "$e - $s" | bc)")
    as_pg "$PGBIN/pg_ctl" -D "$W/bare-$1" -m fast -w stop >/dev/null && rm -rf "$W/bare-$1"
}
run_side() {
    sync
    local s e
    s=$(now); side "$W/side-$1" "$(free_port)"; e=$(now); ts+=("$(echo "$e - $s" | bc)")
    "$DBOPS" side-instance --stop "$W/side-$1" --yes >/dev/null
}
for r in $(seq 1 "$RUNS"); do
    if ((r % 2)); then run_bare "$r"; run_side "$r"; else run_side "$r"; run_bare "$r"; fi # interleaved
    echo "round $r: bare ${tb[-1]} s, dbops ${ts[-1]} s (load $(cut -d' ' -f1 /proc/loadavg))" >&2
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2}'; }
mb=$(median "${tb[@]}")
ms=$(median "${ts[@]}")
echo "bare pgbackrest restore + pg_ctl start until promoted: median $mb s"
echo "dbops restore --side-instance:                         median $ms s"
echo "ratio: $(echo "scale=2; $ms / $mb" | bc) (goal <= 1.2)"
