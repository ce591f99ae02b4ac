# Run by scripts/test_wheel.sh inside `odoo shell` (``env`` given), on a database where the addon
# was installed from its wheel: a SOAP connection to the simulators, mapped the simple way (every
# entity to one subsidiary, every item to one expense account), one sync of a fixed quarter. The
# addon is imported from the ``odoo.addons`` namespace only. Prints one line RNC_WHEEL_RESULT {...}.
import json
import os
from datetime import date

import odoo.addons.remote_netsuite_connector as addon

params = json.loads(os.environ["RNC_WHEEL_PARAMS"])
Connection = env["remote.netsuite.connection"]  # noqa: F821 (odoo shell)
connection = Connection.create(
    {
        **params["connection"],
        "name": "Wheel check",
        "company_id": env.company.id,  # noqa: F821
        "netsuite_transport": "soap",
        "sync_from": date.fromisoformat(f"{params['periods'][0]}-01"),
    }
)
connection._refresh_from_netsuite()
connection._refresh_from_remote()


def cached(model, **where):
    domain = [("connection_id", "=", connection.id)] + [(k, "=", v) for k, v in where.items()]
    return env[model].search(domain, limit=1)  # noqa: F821


connection.write(
    {
        "entity_mode": "single",
        "breakdown": "standard",
        "single_subsidiary_id": cached("remote.netsuite.subsidiary", name="Acme Germany").id,
    }
)
expense = cached("remote.netsuite.account", number="6000")
connection.item_ids.account_id = expense
env.cr.commit()  # noqa: F821
result = connection._sync("manual", periods=params["periods"])
env.cr.commit()  # noqa: F821
# Items Remote's catalog lists only once a document bills them wait under "Still to map": the
# administrator maps them, and the next sync books those documents.
unmapped = connection.item_ids.filtered(lambda item: not item.account_id)
if unmapped:
    unmapped.account_id = expense
    env.cr.commit()  # noqa: F821
    result = connection._sync("manual", periods=params["periods"])
    env.cr.commit()  # noqa: F821
documents = connection.document_ids
states = {}
for document in documents:
    states[document.state] = states.get(document.state, 0) + 1
outcome = {
    "addon_file": addon.__file__,
    "ok": result["ok"],
    "message": str(result.get("message", "")),
    "states": states,
    "netsuite_ids": sorted(filter(None, documents.mapped("netsuite_internal_id"))),
}
print("RNC_WHEEL_RESULT " + json.dumps(outcome), flush=True)
