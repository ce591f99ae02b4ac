#!/usr/bin/env bash
# Upgrade from the previous version: install the addon as it was at REF on a fresh database, give
# it a connection whose Remote department is mapped to a cached NetSuite department, then update
# the module with the working tree (its migrations run). The update log must have no
# WARNING/ERROR line from the module, the mapping must still be there, and the addon must still
# uninstall cleanly. The database is dropped at the end.
#   bash scripts/test_upgrade.sh [REF]
# REF defaults to the last commit whose manifest version differs from the working tree's.
set -uo pipefail
source "$(dirname "$0")/lib.sh"
cd "$REPO_ROOT"
MODULE=remote_netsuite_connector
MANIFEST="$MODULE/__manifest__.py"

manifest_version() { sed -n 's/^ *"version": "\(.*\)",/\1/p'; }

previous_version_ref() {
    local current commit
    current="$(manifest_version <"$MANIFEST")"
    for commit in $(git log --format=%H -- "$MANIFEST"); do
        if [ "$(git show "$commit:$MANIFEST" | manifest_version)" != "$current" ]; then
            echo "$commit"
            return 0
        fi
    done
    return 1
}

ref="${1:-$(previous_version_ref)}" || {
    loud "No earlier version of $MODULE in this clone's history (a shallow clone?): nothing to upgrade from"
    exit 1
}
ensure_postgres || { loud "no PostgreSQL server could be started"; exit 1; }

work="$(mktemp -d)"
db="rnc_upgrade_$(date +%s)_$$"
cleanup() {
    dropdb --if-exists "$db" >/dev/null 2>&1
    rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/old"
git archive "$ref" "$MODULE" | tar -x -C "$work/old"
write_odoo_conf "$work/old.conf" "$db" "$work/old,$(odoo_own_addons_path)" "$work"
write_odoo_conf "$work/new.conf" "$db" "$(odoo_addons_path)" "$work"

# odoo_shell CONF LOG: the Python on stdin in an Odoo shell; fails when the Python raises
odoo_shell() {
    "$ODOO_PYTHON" -m odoo shell -c "$1" --log-level=info >"$2" 2>&1 &&
        ! grep -q "^Traceback" "$2"
}

say "Installing $MODULE $(git show "$ref:$MANIFEST" | manifest_version) (${ref:0:12}) on $db"
odoo_module_step "$work/old.conf" "$work/install.log" -i || exit 1

say "A Remote department mapped to a NetSuite department"
odoo_shell "$work/old.conf" "$work/seed.log" <<'PY' || { cat "$work/seed.log"; loud "Seeding failed"; exit 1; }
# the NetSuite department model as the installed version names it (renamed in 18.0.1.2.0)
department_model = next(m for m in ("remote.netsuite.ns.department", "remote.netsuite.department") if m in env)
connection = env["remote.netsuite.connection"].create({"name": "Before the upgrade"})
subsidiary = env["remote.netsuite.subsidiary"].create(
    {"connection_id": connection.id, "internal_id": "1", "name": "Acme US"}
)
netsuite = env[department_model].create(
    {"connection_id": connection.id, "internal_id": "7", "name": "Engineering",
     "subsidiary_ids": [(6, 0, subsidiary.ids)]}
)
env["remote.netsuite.remote.department"].create(
    {"connection_id": connection.id, "remote_id": "dep-eng", "name": "Engineering",
     "netsuite_department_id": netsuite.id}
)
env.cr.commit()
PY

say "Updating $MODULE to the working tree's $(manifest_version <"$MANIFEST")"
odoo_module_step "$work/new.conf" "$work/update.log" -u || exit 1

say "The mapping after the update"
odoo_shell "$work/new.conf" "$work/check.log" <<'PY' || { cat "$work/check.log"; loud "The mapping did not survive the update"; exit 1; }
remote = env["remote.netsuite.remote.department"].search([("remote_id", "=", "dep-eng")])
netsuite = remote.netsuite_department_id
assert netsuite._name == "remote.netsuite.ns.department", netsuite
assert (netsuite.name, netsuite.internal_id) == ("Engineering", "7"), netsuite
assert netsuite.subsidiary_ids.mapped("name") == ["Acme US"], netsuite.subsidiary_ids
assert netsuite.connection_id.netsuite_department_ids == netsuite
model = env.ref("remote_netsuite_connector.model_remote_netsuite_ns_department")
assert model.model == "remote.netsuite.ns.department", model.model
assert not env["ir.model"].search([("model", "=", "remote.netsuite.department")])
assert env.ref("remote_netsuite_connector.rule_department_company").model_id == model
assert env.ref("remote_netsuite_connector.access_department_user").model_id == model
assert env.ref("remote_netsuite_connector.netsuite_department_action").res_model == model.model
# the indexes were renamed, not created a second time
env.cr.execute(
    "SELECT count(*) FROM pg_indexes WHERE tablename = %s AND indexdef LIKE %s",
    ["remote_netsuite_ns_department", "%(connection_id)%"],
)
assert env.cr.fetchone()[0] == 1
# a new department gets the next id of the renamed sequence
created = netsuite.copy({"internal_id": "8", "name": "Sales"})
assert created.id > netsuite.id
env.cr.rollback()
print("mapping kept")
PY
grep -q "^mapping kept" "$work/check.log" || { cat "$work/check.log"; loud "The check did not run"; exit 1; }

say "Uninstalling $MODULE"
odoo_uninstall_step "$work/new.conf" "$db" "$work/uninstall.log" || exit 1
leftovers="$(psql -d "$db" -Atc "select string_agg(tablename, ' ') from pg_tables where tablename like 'remote_netsuite%'")"
[ -z "$leftovers" ] || { loud "Tables left after the uninstall: $leftovers"; exit 1; }
say "Upgrade from ${ref:0:12}: mapping kept, clean update and uninstall"
