#!/usr/bin/env bash
# `make bench`: issue 8's benchmark. First the services level (Remote client, bill builder,
# NetSuite client; small, medium, large; batched and one bill per call), then the addon's sync in
# an Odoo process (RNC_BENCH_ODOO_SCALES, default small,medium: the sync reads Remote one call at
# a time, so large takes ~4 minutes of Remote latency alone). Exits 1 when a target is missed.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

rc=0
say "Services level: ${RNC_BENCH_SCALES:-small,medium,large}"
"$ODOO_PYTHON" -m bench --level services --scales "${RNC_BENCH_SCALES:-small,medium,large}" || rc=1

if [ "${RNC_BENCH_ODOO_SCALES:-small,medium}" != none ]; then
    odoo_importable || { loud "'$ODOO_PYTHON' cannot import Odoo 18: set ODOO_PYTHON"; exit 1; }
    ensure_postgres || { loud "no PostgreSQL server could be started"; exit 1; }
    RNC_ADDONS_PATH="$(odoo_addons_path)"
    export RNC_ADDONS_PATH
    say "Odoo level (the addon's sync): ${RNC_BENCH_ODOO_SCALES:-small,medium}"
    "$ODOO_PYTHON" -m bench --level odoo --scales "${RNC_BENCH_ODOO_SCALES:-small,medium}" || rc=1
fi
[ $rc -eq 0 ] || loud "A benchmark target was missed (see MISSED above)"
exit $rc
