#!/usr/bin/env bash
# The Odoo layer of the test command: on a fresh database, install the addon (its log must have no
# WARNING/ERROR line from the module), run the addon's tests with pytest-odoo (HttpCase included),
# then uninstall it (again with a clean log). Between install and tests, the translation template
# is exported again and must equal the committed .pot. The database is dropped at the end.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"
MODULE=remote_netsuite_connector

ensure_chromium() {
    command -v chromium >/dev/null || command -v chromium-browser >/dev/null && return 0
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
        say "Installing Debian's chromium for HttpCase browser tests"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    fi
    command -v chromium >/dev/null || loud "chromium not found: browser tests will fail"
}

ensure_postgres || { loud "no PostgreSQL server could be started"; exit 1; }
ensure_chromium

work="$(mktemp -d)"
db="rnc_test_$(date +%s)_$$"
conf="$work/odoo.conf"
write_odoo_conf "$conf" "$db" "$(odoo_addons_path)" "$work" "http_interface = 127.0.0.1" \
    "http_port = $(free_port)" "gevent_port = $(free_port)"

cleanup() {
    dropdb --if-exists "$db" >/dev/null 2>&1
    rm -rf "$work"
}
trap cleanup EXIT

rc=0
say "Installing $MODULE on a fresh database $db"
odoo_module_step "$conf" "$work/install.log" -i || exit 1

say "Translation template: exported again and compared"
bash scripts/i18n_export.sh --check "$conf" "$db" || rc=1

export PYTHONPATH="$REPO_ROOT${PYTHONPATH:+:$PYTHONPATH}"
say "pytest-odoo: $MODULE/tests"
"$ODOO_PYTHON" -m pytest -q -o addopts=-ra --odoo-config="$conf" --odoo-database="$db" --odoo-http \
    --odoo-log-level="${RNC_ODOO_LOG_LEVEL:-warn}" --odoo-extra=log-handler=odoo.tests.common:CRITICAL "$MODULE/tests" "$@"
pytest_rc=$?
[ $pytest_rc -eq 5 ] && loud "pytest-odoo collected no tests: that is a failure here"
[ $pytest_rc -eq 0 ] || rc=1

say "Uninstalling $MODULE"
odoo_uninstall_step "$conf" "$db" "$work/uninstall.log" || rc=1

# Module installs cannot run inside an Odoo test: Apps → Activate is walked on a server of its own.
if [ $# -eq 0 ]; then
    say "Apps → Activate in headless Chromium, on a fresh database without $MODULE"
    "$ODOO_PYTHON" scripts/walk_install.py --addons-path "$(odoo_addons_path)" || rc=1
fi
exit $rc
