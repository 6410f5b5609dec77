#!/bin/bash
# Sets up a Debian 12 machine for dbops, builds it, then shows the demo or runs the tests.
# Run as root, from anywhere in the repository:
#
#   bash installer/dbops-setup.sh demo   install, build, create a demo store, open the console on it
#   bash installer/dbops-setup.sh test   install, build, start a throwaway PostgreSQL 15, run ctest, stop it
#
# Environment: DBOPS_DEMO_DIR (default ~/dbops-demo), DBOPS_BUILD_DIR (default build), DBOPS_LITESTREAM_PREFIX
# (where npm installs Litestream; default /opt/dbops/litestream as root, else BUILD_DIR/litestream).
# Exit codes: ctest's code for `test`; 3 when `demo` built fine but there is no display to show the console on.
# Re-runs are quick: apt is skipped when every package is installed, and the build is incremental.
set -euo pipefail

PACKAGES=(
    cmake ninja-build g++
    qt6-base-dev libqt6sql6-sqlite libqt6sql6-psql
    libqt6svg6 # the SVG icon engine: the console's icon is :/icons/dbops.svg
    qt6-tools-dev qt6-l10n-tools # LinguistTools: the build writes the translation template (lupdate)
    libqcustomplot-dev libspdlog-dev libsqlite3-dev
    libssl-dev # SHA-256 of backups at hardware speed (OpenSSL EVP)
    qtkeychain-qt6-dev # typed passwords kept in the desktop's secret service (opt-in per profile)
    postgresql-15 postgresql-contrib postgresql-client # the test server, pg_stat_statements, pg_dump/psql
    pgbackrest # point-in-time recovery of PostgreSQL (`dbops backup --engine pgbackrest`, `pitr-setup`)
)
# npm installs Litestream (below), the engine of `dbops protect`, from the npm registry. A machine that already has
# an npm (NodeSource's nodejs package bundles one, and it conflicts with Debian's npm) keeps its own.
command -v npm >/dev/null 2>&1 || PACKAGES+=(npm)

# Litestream v0.3.13, as the npm registry ships it (nothing is downloaded from anywhere else).
LITESTREAM_NPM=@flydotio/litestream-linux-x64@1.0.1
LITESTREAM_VERSION=v0.3.13

# Only for `test`: the real migration tools whose stores the migration tests read (Alembic, Django).
# A private D-Bus session bus and GNOME Keyring: the secret-service round trip of tst_passwordkeeperservice.
TEST_PACKAGES=(python3-alembic python3-django dbus-daemon gnome-keyring)

say() { echo "dbops-setup: $*"; }
die() { echo "dbops-setup: $*" >&2; exit 1; }

usage() { sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; }

MODE=${1:-}
case $MODE in
demo | test) ;;
-h | --help | help) usage; exit 0 ;;
*) usage >&2; exit 2 ;;
esac

cd "$(dirname "${BASH_SOURCE[0]}")/.."
ROOT=$PWD
BUILD_DIR=${DBOPS_BUILD_DIR:-build}

CLEANUPS=()
cleanup() {
    local i
    for ((i = ${#CLEANUPS[@]} - 1; i >= 0; i--)); do eval "${CLEANUPS[i]}" || true; done
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

missing_packages() {
    local pkg status
    for pkg in "${PACKAGES[@]}"; do
        status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
        [[ $status == "install ok installed" ]] || echo "$pkg"
    done
}

install_packages() {
    local missing
    mapfile -t missing < <(missing_packages)
    if [[ ${#missing[@]} -eq 0 ]]; then
        say "all ${#PACKAGES[@]} packages are installed"
        return
    fi
    [[ $EUID -eq 0 ]] || die "these packages are missing and installing them needs root: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    # postgresql-15 creates the distribution's own cluster and would start it (port 5432) where an init system
    # runs; dbops does not use it (its tests start their own server) and in a container or chroot that start
    # can fail. So no service is started while installing: policy-rc.d exit 101 means "not now".
    local own_policy=false
    if [[ ! -e /usr/sbin/policy-rc.d ]]; then
        printf '#!/bin/sh\n# Temporary, from dbops-setup.sh\nexit 101\n' >/usr/sbin/policy-rc.d
        chmod 0755 /usr/sbin/policy-rc.d
        own_policy=true
        CLEANUPS+=("rm -f /usr/sbin/policy-rc.d")
    fi
    local log
    log=$(mktemp /tmp/dbops-setup-apt.XXXXXX.log)
    say "installing ${#missing[@]} packages (a few minutes on a fresh machine; log: $log): ${missing[*]}"
    if ! apt-get update -q >>"$log" 2>&1 ||
        ! apt-get install -y -q --no-install-recommends -o Dpkg::Use-Pty=0 "${missing[@]}" >>"$log" 2>&1; then
        tail -n 40 "$log" >&2
        die "apt-get failed (full log: $log)"
    fi
    if $own_policy; then rm -f /usr/sbin/policy-rc.d; fi
    mapfile -t missing < <(missing_packages)
    [[ ${#missing[@]} -eq 0 ]] || die "still not installed after apt-get: ${missing[*]} (log: $log)"
    rm -f "$log"
    say "packages installed"
}

# npm installs the package into a prefix of dbops's own; bin/litestream there points at its binary, and the build
# gets a link beside dbops, which is where dbops (and its tests) look after DBOPS_LITESTREAM.
install_litestream() {
    local prefix bin real log
    if [[ $EUID -eq 0 ]]; then prefix=${DBOPS_LITESTREAM_PREFIX:-/opt/dbops/litestream}; else
        prefix=${DBOPS_LITESTREAM_PREFIX:-$ROOT/$BUILD_DIR/litestream}; fi
    bin=$prefix/bin/litestream
    if [[ -x $bin && $("$bin" version 2>/dev/null) == "$LITESTREAM_VERSION" ]]; then
        say "Litestream $LITESTREAM_VERSION is installed ($bin)"
    else
        log=$(mktemp /tmp/dbops-setup-npm.XXXXXX.log)
        say "installing Litestream $LITESTREAM_VERSION from npm ($LITESTREAM_NPM) into $prefix"
        mkdir -p "$prefix/bin"
        if ! npm install --prefix "$prefix" --no-audit --no-fund --no-update-notifier "$LITESTREAM_NPM" >>"$log" 2>&1; then
            tail -n 20 "$log" >&2
            # Behind a TLS-inspecting proxy npm needs the proxy's CA (Debian's npm does not read the system store).
            grep -q -e CERT -e 'self-signed' "$log" &&
                say "npm did not trust the registry's certificate: put your proxy's CA in NODE_EXTRA_CA_CERTS (or npm's cafile) and run this again"
            die "npm install $LITESTREAM_NPM failed (full log: $log)"
        fi
        real=$prefix/node_modules/${LITESTREAM_NPM%@*}/litestream
        [[ -x $real ]] || die "npm installed $LITESTREAM_NPM but $real is not there"
        ln -sfn "$real" "$bin"
        [[ $("$bin" version 2>/dev/null) == "$LITESTREAM_VERSION" ]] ||
            die "$bin does not say it is Litestream $LITESTREAM_VERSION"
        rm -f "$log"
    fi
    LITESTREAM_BIN=$bin
}

link_litestream() {
    ln -sfn "$LITESTREAM_BIN" "$BUILD_DIR/app/litestream"
    say "Litestream for dbops: $BUILD_DIR/app/litestream -> $LITESTREAM_BIN"
}

build() {
    if [[ -f $BUILD_DIR/CMakeCache.txt ]] && ! grep -q '^CMAKE_GENERATOR:INTERNAL=Ninja$' "$BUILD_DIR/CMakeCache.txt"; then
        die "$BUILD_DIR/ was configured with another generator: remove it (rm -rf $BUILD_DIR) or set DBOPS_BUILD_DIR"
    fi
    say "configuring and building in $BUILD_DIR/"
    cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
    cmake --build "$BUILD_DIR" -j2
}

run_demo() {
    local home=${HOME:-/root}
    local dir=${DBOPS_DEMO_DIR:-$home/dbops-demo}
    if [[ -e $dir ]]; then
        say "demo store already there, kept: $dir"
    else
        say "creating the demo store in $dir"
        "$BUILD_DIR/app/dbops" demo --out "$dir"
        [[ -e $dir ]] || die "dbops demo finished but did not create $dir"
    fi
    local console=$ROOT/$BUILD_DIR/app/dbops-console
    if [[ -z ${DISPLAY:-} && -z ${WAYLAND_DISPLAY:-} ]]; then
        say "no graphical session here (DISPLAY and WAYLAND_DISPLAY are unset), so the console was not started." >&2
        say "in a desktop session, run:  $console --db $dir" >&2
        say "or here, the command line:  $ROOT/$BUILD_DIR/app/dbops --help" >&2
        exit 3
    fi
    say "starting: $console --db $dir"
    exec "$console" --db "$dir"
}

run_tests() {
    local envfile rc
    envfile=$(bash tests/pg-server.sh start) || die "the PostgreSQL test server did not start (see above)"
    CLEANUPS+=("bash '$ROOT/tests/pg-server.sh' stop '$envfile'")
    # shellcheck source=/dev/null
    source "$envfile"
    say "running ctest (PostgreSQL test server on 127.0.0.1:$DBOPS_TEST_PGPORT)"
    set +e
    ctest --test-dir "$BUILD_DIR" --output-on-failure -j2 --timeout 900 --no-tests=error
    rc=$?
    set -e
    say "ctest exited with $rc"
    return "$rc"
}

[[ $MODE == test ]] && PACKAGES+=("${TEST_PACKAGES[@]}")
install_packages
install_litestream
build
link_litestream
case $MODE in
demo) run_demo ;;
test)
    rc=0
    run_tests || rc=$?
    exit "$rc"
    ;;
esac
