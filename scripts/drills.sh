#!/usr/bin/env bash
# `make drills`: reliability drills of the addon's sync in Odoo processes (bench/drills.py):
# two workers on one database, then the kill drill (RNC_KILL_TRIALS, default 50, medium scale).
# Exits 1 when an invariant fails. Fault and bad-input drills: not written yet (bench/README.md).
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"
odoo_importable || { loud "'$ODOO_PYTHON' cannot import Odoo 18: set ODOO_PYTHON"; exit 1; }
ensure_postgres || { loud "no PostgreSQL server could be started"; exit 1; }
RNC_ADDONS_PATH="$(odoo_addons_path)"
export RNC_ADDONS_PATH
"$ODOO_PYTHON" -m bench.drills --drills two_workers,kill --kill-trials "${RNC_KILL_TRIALS:-50}"
