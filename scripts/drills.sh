#!/usr/bin/env bash
# `make drills`: reliability drills of the addon's sync in Odoo processes (bench/drills.py):
# two workers on one database, fault drill (30 % faults), bad input drill (hypothesis), kill
# drill (RNC_KILL_TRIALS, default 50, medium scale). Exits 1 when an invariant fails.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"
odoo_importable || { loud "'$ODOO_PYTHON' cannot import Odoo 18: set ODOO_PYTHON"; exit 1; }
ensure_postgres || { loud "no PostgreSQL server could be started"; exit 1; }
RNC_ADDONS_PATH="$(odoo_addons_path)"
export RNC_ADDONS_PATH
"$ODOO_PYTHON" -m bench.drills --drills "${RNC_DRILLS:-two_workers,fault,bad_input,kill}" \
    --kill-trials "${RNC_KILL_TRIALS:-50}"
