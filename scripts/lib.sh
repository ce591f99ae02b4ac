# Shared shell helpers of the project's scripts (sourced, not run).
# shellcheck shell=bash

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ODOO_PYTHON="${ODOO_PYTHON:-python3}"
RUN_DIR="${RNC_RUN_DIR:-$REPO_ROOT/.run}"
export ODOO_PYTHON

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
loud() { printf '\n\033[1;31m!!! %s\033[0m\n\n' "$*" >&2; }

odoo_importable() {
    "$ODOO_PYTHON" -c 'import odoo.release as r; assert r.version_info[0] == 18' >/dev/null 2>&1
}

install_dev_requirements() {
    "$ODOO_PYTHON" -m pip install --quiet --disable-pip-version-check -r "$REPO_ROOT/requirements-dev.txt"
}

pg_bin() {
    local dir
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
    echo "${dir:-$(dirname "$(command -v pg_ctl 2>/dev/null || echo /usr/bin/pg_ctl)")}"
}

# Make sure a PostgreSQL server answers for the current user. Uses the one that answers; otherwise
# starts a loopback-only cluster of our own under $RUN_DIR (left running: later runs reuse it).
ensure_postgres() {
    if "$(pg_bin)/pg_isready" -q 2>/dev/null && psql -d postgres -Atc 'select 1' >/dev/null 2>&1; then
        return 0
    fi
    local bin data sock owner
    bin="$(pg_bin)"
    data="$RUN_DIR/pgdata"
    sock="$RUN_DIR/pgsock"
    owner="$(id -un)"
    [ "$owner" = root ] && owner=postgres
    mkdir -p "$RUN_DIR" "$sock"
    chown "$owner" "$sock" 2>/dev/null || true
    if [ ! -f "$data/PG_VERSION" ]; then
        say "Creating a loopback PostgreSQL cluster in $data"
        mkdir -p "$data" && chown "$owner" "$data" 2>/dev/null || true
        as_pg_owner "$owner" "$bin/initdb" -D "$data" -U "$owner" --auth=trust -E UTF8 >/dev/null
    fi
    export PGHOST="$sock" PGPORT="${RNC_PGPORT:-54329}"
    if ! "$bin/pg_isready" -q; then
        say "Starting PostgreSQL on loopback (socket $sock, port $PGPORT)"
        as_pg_owner "$owner" "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w \
            -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $sock -c fsync=off" start >/dev/null
    fi
    if [ "$(id -un)" != "$owner" ]; then
        as_pg_owner "$owner" psql -U "$owner" -d postgres -qAtc \
            "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$(id -un)') THEN
                 CREATE ROLE \"$(id -un)\" SUPERUSER LOGIN; END IF; END \$\$;" >/dev/null
    fi
    psql -d postgres -Atc 'select 1' >/dev/null
}

as_pg_owner() {
    local owner="$1"
    shift
    if [ "$(id -un)" = "$owner" ]; then
        "$@"
    else
        local env_args=()
        [ -n "${PGHOST:-}" ] && env_args+=("PGHOST=$PGHOST")
        [ -n "${PGPORT:-}" ] && env_args+=("PGPORT=$PGPORT")
        runuser -u "$owner" -- env "${env_args[@]}" "$@"
    fi
}

# odoo_db_args: the database connection flags for Odoo, following PGHOST/PGPORT when set.
odoo_db_args() {
    local args=()
    [ -n "${PGHOST:-}" ] && args+=("--db_host=$PGHOST")
    [ -n "${PGPORT:-}" ] && args+=("--db_port=$PGPORT")
    echo "${args[@]}"
}

free_port() {
    "$ODOO_PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# odoo_addons_path: this repo plus Odoo's own addons folders, found from the odoo package.
odoo_addons_path() {
    "$ODOO_PYTHON" - "$REPO_ROOT" <<'PY'
import os, sys
import odoo
pkg = os.path.dirname(odoo.__file__)
paths = [sys.argv[1], os.path.join(pkg, "addons")]
paths += [p for p in (os.path.join(os.path.dirname(pkg), "addons"),) if os.path.isdir(p)]
print(",".join(paths))
PY
}
