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
# NetSuite connection of the demo: rest (REST + OAuth 2.0, the default) or soap (SOAP + TBA)
DEMO_TRANSPORT="${DEMO_TRANSPORT:-rest}"
case "$DEMO_TRANSPORT" in rest|soap) ;; *) loud "DEMO_TRANSPORT must be rest or soap"; exit 1;; esac
M2M_CLIENT_ID="sim-m2m-client-id"
M2M_KEY="$RUN_DIR/demo-m2m-private.pem"
M2M_PUBLIC="$RUN_DIR/demo-m2m-public.pem"

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
if [ ! -s "$M2M_KEY" ]; then
    say "Creating the demo's M2M key (RSA 3072, PS256) in $M2M_KEY"
    "$ODOO_PYTHON" - "$M2M_KEY" "$M2M_PUBLIC" <<'PY'
import os, sys
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
key = rsa.generate_private_key(65537, 3072)
private = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption())
public = key.public_key().public_bytes(serialization.Encoding.PEM,
                                       serialization.PublicFormat.SubjectPublicKeyInfo)
with open(os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as out:
    out.write(private)
with open(sys.argv[2], "wb") as out:
    out.write(public)
PY
fi
say "NetSuite simulator on 127.0.0.1:$NETSUITE_PORT (SOAP + TBA and REST + OAuth 2.0)"
"$ODOO_PYTHON" -m simulators.netsuite --port "$NETSUITE_PORT" --version 2025_2 \
    --m2m-client-id "$M2M_CLIENT_ID" --m2m-public-key "$M2M_PUBLIC" >"$RUN_DIR/netsuite.log" 2>&1 &
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

say "Pointing the demo connection at the simulators over $DEMO_TRANSPORT (DEMO_TRANSPORT=rest|soap)"
RNC_NETSUITE_URL="http://127.0.0.1:$NETSUITE_PORT" RNC_REMOTE_URL="http://127.0.0.1:$REMOTE_PORT" \
    DEMO_TRANSPORT="$DEMO_TRANSPORT" RNC_M2M_CLIENT_ID="$M2M_CLIENT_ID" RNC_M2M_KEY="$M2M_KEY" \
    "$ODOO_PYTHON" -m odoo shell -c "$conf" --log-level=warn <scripts/demo_setup.py

cat <<MSG

  Remote ↔ NetSuite demo is running: http://127.0.0.1:$HTTP_PORT/odoo/action-remote_netsuite_connector.connection_action
  Login: admin   Password: admin
  Simulators: NetSuite http://127.0.0.1:$NETSUITE_PORT, Remote http://127.0.0.1:$REMOTE_PORT   (Ctrl-C stops all)

MSG
"$ODOO_PYTHON" -m odoo -c "$conf" --log-level=info
