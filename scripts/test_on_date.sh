#!/usr/bin/env bash
# `bash scripts/test_on_date.sh 2026-12-31`: the whole test command as if it ran on that day.
# libfaketime (Debian's `faketime`) moves the clock of every process of the run, a PostgreSQL
# cluster of its own included: started under the same date, so that Odoo's now() and
# PostgreSQL's agree. The cluster and its folder are removed at the end.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"

day="${1:?usage: scripts/test_on_date.sh YYYY-MM-DD}"
command -v faketime >/dev/null || { loud "faketime not found (Debian package faketime)"; exit 1; }

TMPDIR="$(mktemp -d "${TMPDIR:-/tmp}/rnc-on-$day.XXXXXX")"
chmod 755 "$TMPDIR"  # the cluster's owner (postgres, when run as root) must reach its folder
export TMPDIR RNC_PGPORT="$(free_port)"
export PGHOST="$TMPDIR/rnc-postgres-$(id -u)/socket" PGPORT="$RNC_PGPORT"

stop_cluster() {
    local data="$TMPDIR/rnc-postgres-$(id -u)/data" owner
    owner="$(id -un)"
    [ "$owner" = root ] && owner=postgres
    [ -f "$data/postmaster.pid" ] && as_pg_owner "$owner" "$(pg_bin)/pg_ctl" -D "$data" -m fast stop >/dev/null
    rm -rf "$TMPDIR"
}
trap stop_cluster EXIT

# An offset, not "@day": "@" starts each process's clock anew, so PostgreSQL (started first) and
# Odoo would disagree by the minutes between their starts.
offset=$(( $(date -d "$day 09:00:00" +%s) - $(date +%s) ))
[ "$offset" -ge 0 ] && offset="+$offset"
say "The test command on $day (faketime $offset s), PostgreSQL on port $PGPORT under the same clock"
# The calendar moves, the monotonic clock does not: libfaketime would otherwise shift the
# deadlines of timed waits (threading.Timer), which then never fire within the run.
FAKETIME_DONT_FAKE_MONOTONIC=1 faketime -f "$offset" bash -c 'date; bash scripts/test.sh'
