#!/usr/bin/env bash
# `make drills`: reliability drills of the addon's sync in Odoo processes (bench/drills.py):
# the kill drills (medium scale; over SOAP RNC_KILL_TRIALS trials, default 50, then over REST
# RNC_KILL_TRIALS_REST, default 20) run alongside the two workers, cron threads (1 vs 2),
# multi-worker (a large sync under --limit-time-real=30), fault (30 % faults, over SOAP then REST)
# and bad input (hypothesis) drills, each on its own simulators and database.
# Exits 1 when an invariant fails.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"
odoo_importable || { loud "'$ODOO_PYTHON' cannot import Odoo 18: set ODOO_PYTHON"; exit 1; }
ensure_postgres || { loud "no PostgreSQL server could be started"; exit 1; }
RNC_ADDONS_PATH="$(odoo_addons_path)"
export RNC_ADDONS_PATH

# a kill drill with 0 trials is skipped (e.g. to time the cron threads without that load)
kill_drills=""
[ "${RNC_KILL_TRIALS:-50}" != 0 ] && kill_drills="kill"
[ "${RNC_KILL_TRIALS_REST:-20}" != 0 ] && kill_drills="${kill_drills:+$kill_drills,}kill_rest"
kill_log="$(mktemp)"
trap 'rm -f "$kill_log"' EXIT
kill_pid=""
if [ -n "$kill_drills" ]; then
    "$ODOO_PYTHON" -m bench.drills --drills "$kill_drills" --kill-trials "${RNC_KILL_TRIALS:-50}" \
        --kill-trials-rest "${RNC_KILL_TRIALS_REST:-20}" >"$kill_log" 2>&1 &
    kill_pid=$!
    say "Kill drill started in the background (pid $kill_pid); meanwhile:"
fi
rc=0
"$ODOO_PYTHON" -m bench.drills --drills "${RNC_DRILLS:-two_workers,two_manual,two_http,cron_threads,multi_worker,fault,fault_rest,bad_input}" || rc=1
if [ -n "$kill_pid" ]; then
    wait "$kill_pid" || rc=1
    cat "$kill_log"
fi
[ $rc -eq 0 ] || loud "A drill invariant failed (see FAILED above)"
exit $rc
