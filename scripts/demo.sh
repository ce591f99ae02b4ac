#!/usr/bin/env bash
# The product on this machine (README: `make demo`): PostgreSQL (a loopback cluster when none
# answers), the NetSuite and Remote simulators with seeded data, a demo database with the addon
# installed (or upgraded) and a connection pointed at the simulators, then Odoo on 127.0.0.1:8069.
# Ctrl-C stops everything this script started.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

DB="${RNC_DEMO_DB:-remote_netsuite_demo}"
HTTP_PORT="${RNC_DEMO_PORT:-8069}"
NETSUITE_PORT="${RNC_NETSUITE_PORT:-8098}"
REMOTE_PORT="${RNC_REMOTE_PORT:-8099}"

odoo_importable || { loud "'$ODOO_PYTHON' cannot import Odoo 18: set ODOO_PYTHON (see README)"; exit 1; }
ensure_postgres
mkdir -p "$RUN_DIR"

pids=()
stop_all() {
    trap - INT TERM EXIT
    [ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null
    wait 2>/dev/null
    say "Stopped."
}
trap stop_all INT TERM EXIT

export PYTHONPATH="$REPO_ROOT${PYTHONPATH:+:$PYTHONPATH}"
say "NetSuite simulator on 127.0.0.1:$NETSUITE_PORT"
"$ODOO_PYTHON" -m simulators.netsuite --port "$NETSUITE_PORT" --version 2025_2 >"$RUN_DIR/netsuite.log" 2>&1 &
pids+=($!)
say "Remote simulator on 127.0.0.1:$REMOTE_PORT"
"$ODOO_PYTHON" -m simulators.remote --port "$REMOTE_PORT" >"$RUN_DIR/remote.log" 2>&1 &
pids+=($!)

conf="$RUN_DIR/demo-odoo.conf"
cat >"$conf" <<CONF
[options]
addons_path = $(odoo_addons_path)
data_dir = $RUN_DIR/odoo-data
db_name = $DB
dbfilter = ^$DB\$
http_interface = 127.0.0.1
http_port = $HTTP_PORT
gevent_port = $(free_port)
without_demo = all
${PGHOST:+db_host = $PGHOST}
${PGPORT:+db_port = $PGPORT}
CONF

if psql -d "$DB" -Atc 'select 1' >/dev/null 2>&1; then
    say "Upgrading the addon on the demo database $DB"
    "$ODOO_PYTHON" -m odoo -c "$conf" -u remote_netsuite_connector --stop-after-init --log-level=warn
else
    say "Creating the demo database $DB with the addon installed"
    "$ODOO_PYTHON" -m odoo -c "$conf" -i remote_netsuite_connector --stop-after-init --log-level=warn
fi

say "Pointing the demo connection at the simulators"
RNC_NETSUITE_URL="http://127.0.0.1:$NETSUITE_PORT" RNC_REMOTE_URL="http://127.0.0.1:$REMOTE_PORT" \
    "$ODOO_PYTHON" -m odoo shell -c "$conf" --log-level=warn <scripts/demo_setup.py

cat <<MSG

  Remote ↔ NetSuite demo is running: http://127.0.0.1:$HTTP_PORT/odoo/action-remote_netsuite_connector.connection_action
  Login: admin   Password: admin
  Simulators: NetSuite http://127.0.0.1:$NETSUITE_PORT, Remote http://127.0.0.1:$REMOTE_PORT   (Ctrl-C stops all)

MSG
"$ODOO_PYTHON" -m odoo -c "$conf" --log-level=info
