#!/usr/bin/env bash
# The addon installed the way the OCA ships addons: `make wheel` builds
# dist/odoo_addon_remote_netsuite_connector-*.whl with whool; a fresh virtualenv that sees the Odoo
# 18 of $ODOO_PYTHON installs it with pip (no index: Odoo must already hold every requirement); the
# module is installed into a fresh database from the `odoo.addons` namespace, with only Odoo's own
# addons folders on the addons path and no checkout of this repository on any path; then one sync
# against the simulators (started from this repository, in their own processes) must book bills.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"
MODULE=remote_netsuite_connector
PERIODS='["2026-09", "2026-10", "2026-11"]'

odoo_importable || { loud "'$ODOO_PYTHON' cannot import Odoo 18: set ODOO_PYTHON (see README)"; exit 1; }
ensure_postgres || { loud "no PostgreSQL server could be started"; exit 1; }

work="$(mktemp -d)"
db="rnc_wheel_$(date +%s)_$$"
pids=()
cleanup() {
    [ ${#pids[@]} -gt 0 ] && kill "${pids[@]}" 2>/dev/null
    wait 2>/dev/null
    dropdb --if-exists "$db" >/dev/null 2>&1
    rm -rf "$work"
}
trap cleanup EXIT

say "Building the wheel (make wheel)"
make --no-print-directory wheel
wheel="$(ls dist/odoo_addon_${MODULE}-*.whl)"

say "A fresh virtualenv with Odoo 18, and pip install $wheel"
"$ODOO_PYTHON" -m venv --system-site-packages "$work/venv"
python="$work/venv/bin/python"
# An Odoo installed with `pip install -e` by a recent setuptools is found through an import hook
# that loses to the wheel's `odoo/addons/` folder; a path entry is what setuptools' compat
# editable mode (and a regular install) gives, and what an addon wheel needs beside Odoo.
odoo_root="$("$ODOO_PYTHON" -c 'import os, odoo; print(os.path.dirname(os.path.dirname(odoo.__file__)))')"
site="$("$python" -c 'import sysconfig; print(sysconfig.get_path("purelib"))')"
echo "$odoo_root" >"$site/odoo-source.pth"
"$python" -m pip install --quiet --disable-pip-version-check --no-index "$wheel"

conf="$work/odoo.conf"
write_odoo_conf "$conf" "$db" "$(odoo_own_addons_path)" "$work"

say "Simulators on free loopback ports"
netsuite_port="$(free_port)"
remote_port="$(free_port)"
PYTHONPATH="$REPO_ROOT" "$ODOO_PYTHON" -m simulators.netsuite --port "$netsuite_port" --version 2025_2 \
    >"$work/netsuite.log" 2>&1 &
pids+=($!)
PYTHONPATH="$REPO_ROOT" "$ODOO_PYTHON" -m simulators.remote --port "$remote_port" \
    --start-period 2026-09 --today 2026-12-31 >"$work/remote.log" 2>&1 &
pids+=($!)

# From here on, Odoo runs in the virtualenv, from a folder outside the repository, without PYTHONPATH.
cd "$work"
unset PYTHONPATH
say "Installing $MODULE from the wheel into a fresh database $db"
if ! "$python" -m odoo -c "$conf" -i "$MODULE" --stop-after-init --log-level=info --no-http >"$work/install.log" 2>&1; then
    tail -n 40 "$work/install.log"
    loud "Installing $MODULE from the wheel failed"
    exit 1
fi
problems="$(grep -E "^[0-9-]+ [0-9:,]+ [0-9]+ (WARNING|ERROR|CRITICAL) " "$work/install.log" | grep -E "remote_netsuite" || true)"
[ -z "$problems" ] || { echo "$problems"; loud "the wheel's install logged warnings/errors"; exit 1; }

say "One sync against the simulators"
values="$("$ODOO_PYTHON" "$REPO_ROOT/scripts/sim_connection.py" "http://127.0.0.1:$netsuite_port" "http://127.0.0.1:$remote_port")"
RNC_WHEEL_PARAMS="{\"connection\": $values, \"periods\": $PERIODS}" \
    "$python" -m odoo shell -c "$conf" --log-level=warn --no-http <"$REPO_ROOT/scripts/wheel_sync.py" >"$work/sync.out" 2>&1 || true
result="$(grep '^RNC_WHEEL_RESULT ' "$work/sync.out" | cut -d' ' -f2- || true)"
[ -n "$result" ] || { tail -n 40 "$work/sync.out"; loud "the sync in the wheel's Odoo printed no result"; exit 1; }
booked="$(curl -sf "http://127.0.0.1:$netsuite_port/_sim/bills")"
"$python" - "$result" "$booked" "$site" <<'PY'
import json, sys
result, bills, site = json.loads(sys.argv[1]), json.loads(sys.argv[2]), sys.argv[3]
print(json.dumps(result["states"]), "documents;", len(bills), "records in NetSuite")
assert result["addon_file"].startswith(site), f"addon imported from {result['addon_file']}, not the wheel"
assert result["ok"], result["message"]
assert set(result["states"]) <= {"synced", "skipped"}, result["states"]
assert result["states"].get("synced", 0) > 0, "no document booked"
ids = {str(bill["internal_id"]) for bill in bills}
assert set(result["netsuite_ids"]) <= ids, (result["netsuite_ids"], sorted(ids))
PY
say "The wheel installs from the odoo.addons namespace and books bills."
