#!/usr/bin/env bash
# The addon's translation template, exported by Odoo itself (`odoo --i18n-export`).
#   bash scripts/i18n_export.sh                 fresh database, addon installed, writes
#                                               remote_netsuite_connector/i18n/remote_netsuite_connector.pot
#   bash scripts/i18n_export.sh --check CONF DB export from that database (the addon installed) and
#                                               fail when the committed .pot differs, header dates aside
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"
MODULE=remote_netsuite_connector
POT="$MODULE/i18n/$MODULE.pot"

export_pot() { # export_pot CONF DB OUT: fails when Odoo could not read a file's terms
    local log="$3.log"
    "$ODOO_PYTHON" -m odoo -c "$1" -d "$2" --i18n-export="$3" --modules="$MODULE" --log-level=warn >"$log" 2>&1
    local rc=$?
    if [ $rc -ne 0 ] || grep -qE "^[0-9-]+ [0-9:,]+ [0-9]+ (ERROR|CRITICAL) " "$log"; then
        cat "$log"
        rm -f "$log"
        loud "Odoo's export of the terms failed or skipped a file (see above)"
        return 1
    fi
    rm -f "$log"
}

undated() { # a .po(t) without the header lines that change at every export
    grep -v -E '^"(POT-Creation-Date|PO-Revision-Date): ' "$1"
}

if [ "${1:-}" = --check ]; then
    fresh="$(mktemp --suffix=.pot)"
    trap 'rm -f "$fresh"' EXIT
    export_pot "$2" "$3" "$fresh" || exit 1
    if ! diff -u <(undated "$POT") <(undated "$fresh") >"$fresh.diff"; then
        head -n 60 "$fresh.diff"
        rm -f "$fresh.diff"
        loud "$POT is out of date: run 'bash scripts/i18n_export.sh' and review the .po files"
        exit 1
    fi
    rm -f "$fresh.diff"
    say "$POT is up to date"
    exit 0
fi

odoo_importable || { loud "'$ODOO_PYTHON' cannot import Odoo 18: set ODOO_PYTHON (see README)"; exit 1; }
ensure_postgres || { loud "no PostgreSQL server could be started"; exit 1; }
work="$(mktemp -d)"
db="rnc_i18n_$(date +%s)_$$"
trap 'dropdb --if-exists "$db" >/dev/null 2>&1; rm -rf "$work"' EXIT
write_odoo_conf "$work/odoo.conf" "$db" "$(odoo_addons_path)" "$work"
say "Installing $MODULE on a fresh database $db"
"$ODOO_PYTHON" -m odoo -c "$work/odoo.conf" -d "$db" -i "$MODULE" --stop-after-init --no-http --log-level=warn
mkdir -p "$MODULE/i18n"
export_pot "$work/odoo.conf" "$db" "$work/$MODULE.pot"
mv "$work/$MODULE.pot" "$POT"
say "Wrote $POT ($(grep -c '^msgid ' "$POT") messages)"
