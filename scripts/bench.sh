#!/usr/bin/env bash
# `make bench`: issue 8's benchmark of the addon's sync in Odoo processes (small, medium, large;
# batched, then the same sync with one bill per NetSuite request; then lines: documents of
# ~20,000 breakdown lines), then, when RNC_BENCH_SCALES
# is set (e.g. small,medium,large), the services level (no Odoo). Exits 1 when a target is missed.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

rc=0
odoo_scales="${RNC_BENCH_ODOO_SCALES:-small,medium,large,lines}"
if [ "$odoo_scales" != none ]; then
    odoo_importable || { loud "'$ODOO_PYTHON' cannot import Odoo 18: set ODOO_PYTHON"; exit 1; }
    ensure_postgres || { loud "no PostgreSQL server could be started"; exit 1; }
    RNC_ADDONS_PATH="$(odoo_addons_path)"
    export RNC_ADDONS_PATH
    say "Odoo level (the addon's sync): $odoo_scales"
    "$ODOO_PYTHON" -m bench --level odoo --scales "$odoo_scales" || rc=1
fi
services_scales="${RNC_BENCH_SCALES:-none}"
if [ "$services_scales" != none ]; then
    say "Services level: $services_scales"
    "$ODOO_PYTHON" -m bench --level services --scales "$services_scales" || rc=1
fi
[ $rc -eq 0 ] || loud "A benchmark target was missed (see MISSED above)"
exit $rc
