# Run by scripts/demo.sh inside `odoo shell` (``env`` is given): point the demo company's connection
# at the simulators with the credentials they were started with. Mapping is left to the user.
import os

from cryptography.hazmat.primitives import serialization

from scripts.sim_connection import connection_values
from simulators.netsuite.rest_auth import certificate_id

netsuite_url = os.environ["RNC_NETSUITE_URL"]
transport = os.environ.get("DEMO_TRANSPORT", "rest")
with open(os.environ["RNC_M2M_KEY"]) as key_file:
    private_key = key_file.read()
public_key = serialization.load_pem_private_key(private_key.encode(), None).public_key()
Connection = env["remote.netsuite.connection"]  # noqa: F821 (odoo shell)
connection = Connection.search([("company_id", "=", env.company.id)], limit=1)  # noqa: F821
values = {
    **connection_values(netsuite_url, os.environ["RNC_REMOTE_URL"]),
    "name": "Demo (simulators)",
    "netsuite_transport": transport,
    "netsuite_client_id": os.environ["RNC_M2M_CLIENT_ID"],
    "netsuite_certificate_id": certificate_id(public_key),
    "netsuite_private_key": private_key,
    "netsuite_rest_url": netsuite_url,
    "netsuite_restlet_url": f"{netsuite_url}/app/site/hosting/restlet.nl"
    "?script=customscript_rnc_pdf_attach&deploy=customdeploy_rnc_pdf_attach",
}
if connection:
    connection.write(values)
else:
    connection = Connection.create(values)
env.cr.commit()  # noqa: F821
print(f"Demo connection {connection.id} points at the simulators over {transport.upper()}.")
