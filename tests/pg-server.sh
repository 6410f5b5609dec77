#!/bin/bash
# A throwaway PostgreSQL 15 server for the tests named pg_* (see tests/CMakeLists.txt).
#
#   bash tests/pg-server.sh start          start one; prints the path of its env file on stdout
#   source <that env file>                 exports DBOPS_TEST_PG* (what tests/support/pgtestserver.h reads)
#   bash tests/pg-server.sh env [ENVFILE]  prints the export lines (eval "$(bash tests/pg-server.sh env)")
#   bash tests/pg-server.sh status [ENVFILE]
#   bash tests/pg-server.sh stop [ENVFILE] fast shutdown, then removes everything it made
#
# Without ENVFILE, env/status/stop act on $DBOPS_TEST_PGENV (set by sourcing the env file), else on the server
# this machine started last. Each start makes a new server: several can run side by side.
#
# The server lives in one mktemp directory: data/ and run/ (the Unix socket, local trust, mode 0700) owned by
# the server's user; pgpass (0600) and env owned by the caller. It listens on 127.0.0.1 only, on a free port,
# with scram-sha-256 for TCP (replication logins too), pg_stat_statements preloaded and created in template1 and
# postgres, a superuser role dbops_test with a random password (kept only in pgpass) and a database dbops_test. WAL archiving is on
# (archive_command '/bin/true' until a test changes it; DBOPS_TEST_PGDATA and DBOPS_TEST_PGSOCKET let a test point
# pgBackRest at the cluster).
# Run as root (the server runs as the user postgres) or as an ordinary user (the server runs as that user).
# DBOPS_PG_MAX_CONNECTIONS (default 100) sets max_connections (the activity benchmark opens 200 sessions).
set -euo pipefail

PGBIN=${DBOPS_PGBIN:-/usr/lib/postgresql/15/bin}
TMPROOT=${DBOPS_PG_TMPDIR:-/tmp}
LAST_POINTER="$TMPROOT/dbops-pg-server.last"
MARKER=.dbops-pg-server
START_TIMEOUT_S=10

die() { echo "pg-server: $*" >&2; exit 1; }
note() { echo "pg-server: $*" >&2; }

# Runs a command as the server's user: postgres when we are root (the server refuses to run as root).
as_server() {
    if [[ $EUID -eq 0 ]]; then
        (cd / && runuser -u postgres -- "$@")
    else
        "$@"
    fi
}

check_tools() {
    local tool
    for tool in initdb pg_ctl postgres psql; do
        [[ -x $PGBIN/$tool ]] ||
            die "$PGBIN/$tool not found: install postgresql-15 (bash installer/dbops-setup.sh test does it)"
    done
    [[ -f /usr/share/postgresql/15/extension/pg_stat_statements.control ]] ||
        die "pg_stat_statements is missing: install postgresql-contrib"
    if [[ $EUID -eq 0 ]]; then
        id -u postgres >/dev/null 2>&1 || die "no user postgres: install postgresql-15"
    fi
}

# True when something accepts TCP connections on 127.0.0.1:$1.
port_in_use() { timeout 2 bash -c "exec 3<>/dev/tcp/127.0.0.1/$1" 2>/dev/null; }

free_port() {
    local port
    for _ in $(seq 1 200); do
        port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
        port_in_use "$port" || { echo "$port"; return 0; }
    done
    die "no free TCP port found on 127.0.0.1"
}

random_password() { od -An -N24 -tx1 /dev/urandom | tr -d ' \n'; }

# Finds the server directory from an argument (env file or directory), $DBOPS_TEST_PGENV, or the last start.
server_dir() {
    local ref=${1:-${DBOPS_TEST_PGENV:-}}
    if [[ -z $ref && -f $LAST_POINTER ]]; then
        ref=$(<"$LAST_POINTER")
    fi
    [[ -n $ref ]] || die "no server known: start one with 'bash tests/pg-server.sh start'"
    [[ -f $ref ]] && ref=$(dirname "$ref")
    [[ -f $ref/$MARKER ]] || die "$ref is not a directory made by tests/pg-server.sh (already stopped?)"
    echo "$ref"
}

write_config() {
    local dir=$1 port=$2
    cat >"$dir/data/pg_hba.conf" <<EOF
# Written by tests/pg-server.sh. The socket directory is private (0700), so local trust is for setup only.
local all all                trust
host  all all 127.0.0.1/32   scram-sha-256
# Streaming clients (pg_receivewal in the Replication section's test) log in like any other TCP client.
host  replication all 127.0.0.1/32 scram-sha-256
EOF
    cat >>"$dir/data/postgresql.conf" <<EOF

# --- tests/pg-server.sh ---
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir/run'
unix_socket_permissions = 0700
shared_preload_libraries = 'pg_stat_statements'
pg_stat_statements.track = all
password_encryption = 'scram-sha-256'
track_io_timing = on
max_connections = ${DBOPS_PG_MAX_CONNECTIONS:-100}
# Throwaway data: durability is not worth the time.
fsync = off
synchronous_commit = off
full_page_writes = off
log_min_messages = warning
log_connections = off
# WAL archiving on (it needs a restart to change), with a command that keeps nothing: the archive-health and
# pgBackRest tests switch archive_command with ALTER SYSTEM + pg_reload_conf() and RESET it when done.
archive_mode = on
archive_command = '/bin/true'
include 'dbops-port.conf'
EOF
    echo "port = $port" >"$dir/data/dbops-port.conf"
    if [[ $EUID -eq 0 ]]; then
        chown postgres:postgres "$dir/data/pg_hba.conf" "$dir/data/postgresql.conf" "$dir/data/dbops-port.conf"
    fi
}

# Starts the postmaster; tries another port when the chosen one was taken in the meantime.
start_server() {
    local dir=$1 port
    for _ in 1 2 3 4 5; do
        port=$(free_port) || return 1
        echo "port = $port" >"$dir/data/dbops-port.conf"
        : >"$dir/server.log"
        if [[ $EUID -eq 0 ]]; then chown postgres:postgres "$dir/server.log"; fi
        if as_server "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t "$START_TIMEOUT_S" start \
            >"$dir/pg_ctl.out" 2>&1; then
            echo "$port"
            return 0
        fi
        as_server "$PGBIN/pg_ctl" -D "$dir/data" -m immediate -w -t 5 stop >/dev/null 2>&1 || true
        if grep -q 'could not bind\|Address already in use' "$dir/server.log"; then
            note "port $port was taken, trying another"
            continue
        fi
        break
    done
    {
        echo "pg-server: the PostgreSQL server did not come up (limit: ${START_TIMEOUT_S} s). pg_ctl said:"
        cat "$dir/pg_ctl.out"
        echo "pg-server: server log ($dir/server.log):"
        cat "$dir/server.log"
    } >&2
    return 1
}

cmd_start() {
    check_tools
    local dir port password
    dir=$(mktemp -d "$TMPROOT/dbops-pg.XXXXXX")
    chmod 0755 "$dir"
    touch "$dir/$MARKER"
    mkdir "$dir/data" "$dir/run"
    chmod 0700 "$dir/data" "$dir/run"
    if [[ $EUID -eq 0 ]]; then chown postgres:postgres "$dir/data" "$dir/run"; fi
    # From here on a failure removes what was made.
    trap 'if [[ $? -ne 0 ]]; then stop_dir "'"$dir"'" >/dev/null 2>&1 || true; fi' EXIT

    as_server "$PGBIN/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C.UTF-8 --auth-local=trust \
        --auth-host=scram-sha-256 --no-sync >"$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    write_config "$dir" 0
    port=$(start_server "$dir") || die "start failed"

    password=$(random_password)
    (umask 077 && printf '%s\n' \
        "127.0.0.1:$port:*:dbops_test:$password" \
        "localhost:$port:*:dbops_test:$password" >"$dir/pgpass")
    chmod 0600 "$dir/pgpass"

    # Over the private socket, on stdin: the password never appears on a command line.
    local psql=("$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir/run" -p "$port" -U postgres)
    "${psql[@]}" -d postgres >/dev/null <<SQL || die "setting up roles and databases failed (log: $dir/server.log)"
CREATE ROLE dbops_test LOGIN SUPERUSER PASSWORD '$password';
CREATE EXTENSION IF NOT EXISTS pg_stat_statements;
SQL
    "${psql[@]}" -d template1 -c 'CREATE EXTENSION IF NOT EXISTS pg_stat_statements' >/dev/null ||
        die "creating pg_stat_statements in template1 failed"
    "${psql[@]}" -d postgres -c 'CREATE DATABASE dbops_test OWNER dbops_test' >/dev/null ||
        die "creating the database dbops_test failed"

    cat >"$dir/env" <<EOF
# PostgreSQL 15 test server started by tests/pg-server.sh; stop it with: bash tests/pg-server.sh stop $dir/env
export DBOPS_TEST_PGHOST=127.0.0.1
export DBOPS_TEST_PGPORT=$port
export DBOPS_TEST_PGUSER=dbops_test
export DBOPS_TEST_PGDATABASE=dbops_test
export DBOPS_TEST_PGPASSFILE=$dir/pgpass
export DBOPS_TEST_PGBIN=$PGBIN
export DBOPS_TEST_PG_WRONG_PASSWORD_OK=1
export DBOPS_TEST_PGLOG=$dir/server.log
export DBOPS_TEST_PGENV=$dir/env
export DBOPS_TEST_PGDATA=$dir/data
export DBOPS_TEST_PGSOCKET=$dir/run
EOF
    chmod 0644 "$dir/env"
    echo "$dir/env" >"$LAST_POINTER" 2>/dev/null || true
    trap - EXIT

    note "PostgreSQL 15 listening on 127.0.0.1:$port (data in $dir)"
    note "use it:  source $dir/env"
    note "stop it: bash tests/pg-server.sh stop $dir/env"
    echo "$dir/env"
}

postmaster_pid() { [[ -f $1/data/postmaster.pid ]] && head -n1 "$1/data/postmaster.pid"; }

stop_dir() {
    local dir=$1 pid
    [[ -f $dir/$MARKER ]] || die "refusing to remove $dir: it was not made by tests/pg-server.sh"
    pid=$(postmaster_pid "$dir" || true)
    if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
        if ! as_server "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w -t 20 stop >/dev/null 2>&1; then
            note "fast shutdown did not finish; killing postmaster $pid"
            kill -KILL "$pid" 2>/dev/null || true
        fi
        for _ in $(seq 1 50); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.1
        done
    fi
    rm -rf -- "$dir"
    if [[ -f $LAST_POINTER && "$(<"$LAST_POINTER")" == "$dir/env" ]]; then
        rm -f "$LAST_POINTER"
    fi
}

cmd_stop() {
    local dir
    dir=$(server_dir "${1:-}")
    stop_dir "$dir"
    note "stopped and removed $dir"
}

cmd_env() {
    local dir
    dir=$(server_dir "${1:-}")
    grep '^export ' "$dir/env"
}

cmd_status() {
    local dir pid
    dir=$(server_dir "${1:-}")
    pid=$(postmaster_pid "$dir" || true)
    if [[ -n $pid ]] && kill -0 "$pid" 2>/dev/null; then
        echo "running: pid $pid, $(grep -o 'DBOPS_TEST_PGPORT=[0-9]*' "$dir/env"), env $dir/env"
    else
        echo "not running (leftover directory $dir; remove it with: bash tests/pg-server.sh stop $dir/env)"
        return 1
    fi
}

case ${1:-} in
start) cmd_start ;;
stop) cmd_stop "${2:-}" ;;
env) cmd_env "${2:-}" ;;
status) cmd_status "${2:-}" ;;
*)
    sed -n '2,9p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
    ;;
esac
