# Run inside `odoo shell` (``env`` given) by bench/background.py: each connection asks for a
# manual sync of the given months, as its wizard's Sync button does; their scheduled actions,
# run by the server's cron workers, do the syncs.
import json
import os

params = json.loads(os.environ["RNC_BENCH_PARAMS"])
for connection in env["remote.netsuite.connection"].browse(params["connection_ids"]):  # noqa: F821
    company = connection.company_id
    connection.with_context(allowed_company_ids=company.ids)._request_sync(
        "manual", periods=params["periods"]
    )
env.cr.commit()  # noqa: F821
print(json.dumps({"requested": len(params["connection_ids"])}))
