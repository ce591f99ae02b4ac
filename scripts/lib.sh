# Shared shell helpers of the project's scripts (sourced, not run).
# shellcheck shell=bash

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ODOO_PYTHON="${ODOO_PYTHON:-python3}"
RUN_DIR="${RNC_RUN_DIR:-$REPO_ROOT/.run}"  # demo logs and config (git-ignored)
export ODOO_PYTHON

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
loud() { printf '\n\033[1;31m!!! %s\033[0m\n\n' "$*" >&2; }

# odoo_series: the Odoo series the addon is for, "18.0": the start of its manifest version, the
# one place that names it (whool, pylint-odoo, manifestoo and the checks below read it there).
odoo_series() {
    sed -n 's/^ *"version": "\([0-9]*\.[0-9]*\)\..*/\1/p' "$REPO_ROOT/remote_netsuite_connector/__manifest__.py"
}

odoo_importable() {
    "$ODOO_PYTHON" -c 'import sys, odoo.release as r; assert r.serie == sys.argv[1]' "$(odoo_series)" >/dev/null 2>&1
}

install_dev_requirements() {
    "$ODOO_PYTHON" -m pip install --quiet --disable-pip-version-check -r "$REPO_ROOT/requirements-dev.txt"
}

pg_bin() {
    local dir
    dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
    echo "${dir:-$(dirname "$(command -v pg_ctl 2>/dev/null || echo /usr/bin/pg_ctl)")}"
}

# Make sure a PostgreSQL server answers for the current user: the one that answers; else the
# machine's own cluster (Debian's pg_ctlcluster); else a loopback-only cluster of our own in the
# temp folder. A server started here is left running: later runs reuse it.
ensure_postgres() {
    pg_answers && return 0
    local version name
    if command -v pg_lsclusters >/dev/null && [ "$(id -u)" = 0 ]; then
        read -r version name _ < <(pg_lsclusters --no-header 2>/dev/null | head -n 1) || true
        if [ -n "${version:-}" ]; then
            say "Starting the PostgreSQL cluster $version/$name"
            pg_ctlcluster "$version" "$name" start 2>/dev/null || true
            ensure_pg_role postgres
            pg_answers && return 0
        fi
    fi
    start_own_cluster
}

pg_answers() {
    psql -d postgres -Atc 'select 1' >/dev/null 2>&1
}

# ensure_pg_role OWNER: a superuser role for the current user, created by the cluster's owner.
ensure_pg_role() {
    local owner="$1" me
    me="$(id -un)"
    [ "$me" = "$owner" ] && return 0
    as_pg_owner "$owner" psql -d postgres -qAtc \
        "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$me') THEN
             CREATE ROLE \"$me\" SUPERUSER LOGIN; END IF; END \$\$;" >/dev/null 2>&1 || true
}

start_own_cluster() {
    local bin owner base data sock
    bin="$(pg_bin)"
    owner="$(id -un)"
    [ "$owner" = root ] && owner=postgres
    base="$("$ODOO_PYTHON" -c 'import tempfile; print(tempfile.gettempdir())')/rnc-postgres-$(id -u)"
    data="$base/data"
    sock="$base/socket"
    mkdir -p "$data" "$sock"
    chown "$owner" "$base" "$data" "$sock" 2>/dev/null || true
    chmod 700 "$data"
    if [ ! -f "$data/PG_VERSION" ]; then
        say "Creating a loopback PostgreSQL cluster in $data"
        as_pg_owner "$owner" "$bin/initdb" -D "$data" -U "$owner" --auth=trust -E UTF8 >/dev/null
    fi
    export PGHOST="$sock" PGPORT="${RNC_PGPORT:-54329}"
    if ! "$bin/pg_isready" -q; then
        say "Starting PostgreSQL on loopback (socket $sock, port $PGPORT)"
        as_pg_owner "$owner" "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w \
            -o "-c listen_addresses=127.0.0.1 -p $PGPORT -k $sock -c fsync=off" start >/dev/null
    fi
    ensure_pg_role "$owner"
    pg_answers
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

# write_odoo_conf FILE DB ADDONS_PATH WORKDIR [LINE...]: an Odoo config for one database of a run,
# data under WORKDIR, no demo data, no worker, no cron thread, PostgreSQL as PGHOST/PGPORT say;
# each LINE (`key = value`) is added.
write_odoo_conf() {
    local file="$1" db="$2" addons="$3" work="$4"
    shift 4
    {
        echo "[options]"
        echo "addons_path = $addons"
        echo "data_dir = $work/data"
        echo "db_name = $db"
        echo "dbfilter = ^$db\$"
        echo "workers = 0"
        echo "max_cron_threads = 0"
        echo "without_demo = all"
        [ -n "${PGHOST:-}" ] && echo "db_host = $PGHOST"
        [ -n "${PGPORT:-}" ] && echo "db_port = $PGPORT"
        printf '%s\n' "$@"
    } >"$file"
}

# odoo_own_addons_path: Odoo's own addons folders, found from the odoo package.
odoo_own_addons_path() {
    "$ODOO_PYTHON" - <<'PY'
import os
import odoo
pkg = os.path.dirname(odoo.__file__)
paths = [os.path.join(pkg, "addons")]
paths += [p for p in (os.path.join(os.path.dirname(pkg), "addons"),) if os.path.isdir(p)]
print(",".join(paths))
PY
}

# odoo_addons_path: this repo plus Odoo's own addons folders.
odoo_addons_path() {
    echo "$REPO_ROOT,$(odoo_own_addons_path)"
}

# module_log_problems LOG: the WARNING/ERROR/CRITICAL lines of an Odoo log that come from the addon
module_log_problems() {
    grep -E "^[0-9-]+ [0-9:,]+ [0-9]+ (WARNING|ERROR|CRITICAL) " "$1" | grep -E "remote_netsuite|remote\.netsuite" || true
}

# odoo_module_step CONF LOG -i|-u: install or update the addon in CONF's database; fails, showing
# the log's tail, when Odoo fails or logs a WARNING/ERROR line from the addon
odoo_module_step() {
    local conf="$1" log="$2" option="$3" rc problems
    "$ODOO_PYTHON" -m odoo -c "$conf" "$option" remote_netsuite_connector --stop-after-init --log-level=info >"$log" 2>&1
    rc=$?
    problems="$(module_log_problems "$log")"
    if [ $rc -ne 0 ] || [ -n "$problems" ]; then
        tail -n 60 "$log"
        loud "odoo $option remote_netsuite_connector failed or logged warnings/errors:"
        echo "$problems"
        return 1
    fi
}

# odoo_uninstall_step CONF DB LOG: uninstall the addon; fails when Odoo fails or logs a
# WARNING/ERROR line from the addon, or the module is not left uninstalled
odoo_uninstall_step() {
    local conf="$1" db="$2" log="$3" rc problems state
    echo "env['ir.module.module'].search([('name', '=', 'remote_netsuite_connector')]).button_immediate_uninstall(); env.cr.commit()" |
        "$ODOO_PYTHON" -m odoo shell -c "$conf" --log-level=info >"$log" 2>&1
    rc=$?
    problems="$(module_log_problems "$log")"
    state="$(psql -d "$db" -Atc "select state from ir_module_module where name = 'remote_netsuite_connector'")"
    if [ $rc -ne 0 ] || [ -n "$problems" ] || [ "$state" != uninstalled ]; then
        tail -n 40 "$log"
        loud "Uninstalling remote_netsuite_connector failed (state: $state) or logged warnings/errors: $problems"
        return 1
    fi
}
