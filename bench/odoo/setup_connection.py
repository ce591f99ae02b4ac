# Run inside `odoo shell` (``env`` given) by bench/odoo_run.py: a connection wired to the bench's
# simulators and mapped as an administrator would (bench/mappings.py decides the subsidiaries).
import json
import os
from datetime import date

from bench.mappings import ACCOUNT_BY_ITEM, account_number, subsidiary_names
from remote_netsuite_connector.services.remote import LegalEntity

params = json.loads(os.environ["RNC_BENCH_PARAMS"])
Connection = env["remote.netsuite.connection"]  # noqa: F821 (odoo shell)
company = env.company  # noqa: F821
if params.get("company"):  # one connection per company
    company = env["res.company"].create({"name": params["company"]})  # noqa: F821
connection = Connection.create(
    {
        "name": params.get("company") or "Bench",
        "company_id": company.id,
        "remote_api_url": params["remote_url"],
        "remote_token": params["remote_token"],
        "netsuite_transport": params.get("transport", "soap"),
        "netsuite_account_id": params["account_id"],
        "netsuite_consumer_key": params["consumer_key"],
        "netsuite_consumer_secret": params["consumer_secret"],
        "netsuite_token_id": params["token_id"],
        "netsuite_token_secret": params["token_secret"],
        "netsuite_wsdl_version": params["version"],
        "netsuite_wsdl_url": params["wsdl_url"],
        "netsuite_endpoint_url": params["endpoint_url"],
        "sync_from": date.fromisoformat(params["sync_from"]),
        **(
            {
                "netsuite_client_id": params["client_id"],
                "netsuite_certificate_id": params["certificate_id"],
                "netsuite_private_key": params["private_key"],
                "netsuite_rest_url": params["rest_url"],
            }
            if params.get("transport") == "rest"
            else {}
        ),
    }
)
connection._refresh_from_netsuite()
connection._refresh_from_remote()


def netsuite(model, **where):
    domain = [("connection_id", "=", connection.id)] + [(k, "=", v) for k, v in where.items()]
    record = env[model].search(domain, limit=1)  # noqa: F821
    assert record, f"{model} {where} not cached"
    return record


connection.write({"entity_mode": "per_entity", "breakdown": "standard"})
# Items Remote's catalog does not list until a document uses one ("Ad-hoc Service Costs" on
# reconciliations, "Adjustments" on re-issues): the administrator maps them all up front.
connection._ensure_items(set(ACCOUNT_BY_ITEM) | {"Adjustments"})  # re-issues add "Adjustments"
entities = [
    LegalEntity(e.remote_id, e.name, e.country_code, False) for e in connection.legal_entity_ids
]
names = subsidiary_names(entities)
for entity in connection.legal_entity_ids:
    entity.subsidiary_id = netsuite("remote.netsuite.subsidiary", name=names[entity.remote_id])
for row in (*connection.item_ids, *connection.department_item_ids):
    item = row.name if row._name == "remote.netsuite.item" else row.item_id.name
    row.account_id = netsuite("remote.netsuite.account", number=account_number(item))
for issuer in connection.issuer_ids if "issuer_ids" in connection._fields else ():
    if not issuer.vendor_id:
        issuer.vendor_id = netsuite("remote.netsuite.vendor", name=issuer.name)
env.cr.commit()  # noqa: F821
print(json.dumps({"connection_id": connection.id, "entities": len(entities)}))
