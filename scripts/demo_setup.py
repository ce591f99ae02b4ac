# Run by scripts/demo.sh inside `odoo shell` (``env`` is given): point the demo company's connection
# at the simulators with the credentials they were started with. Mapping is left to the user.
import os

netsuite_url = os.environ["RNC_NETSUITE_URL"]
Connection = env["remote.netsuite.connection"]  # noqa: F821 (odoo shell)
connection = Connection.search([("company_id", "=", env.company.id)], limit=1)  # noqa: F821
values = {
    "name": "Demo (simulators)",
    "remote_api_url": os.environ["RNC_REMOTE_URL"],
    "remote_token": "ra_test_simulator_token",
    "netsuite_account_id": "1234567_SB1",
    "netsuite_consumer_key": "sim-consumer-key",
    "netsuite_consumer_secret": "sim-consumer-secret",
    "netsuite_token_id": "sim-token-id",
    "netsuite_token_secret": "sim-token-secret",
    "netsuite_wsdl_version": "2025_2",
    "netsuite_wsdl_url": f"{netsuite_url}/wsdl/v2025_2_0/netsuite.wsdl",
    "netsuite_endpoint_url": f"{netsuite_url}/services/NetSuitePort_2025_2",
}
if connection:
    connection.write(values)
else:
    connection = Connection.create(values)
env.cr.commit()  # noqa: F821
print(f"Demo connection {connection.id} points at the simulators.")
