"""A connection's settings for the simulators as they start by default (Remote's token, the
NetSuite account and its TBA credentials, WSDL 2025_2): scripts/demo_setup.py writes them inside
``odoo shell``; scripts/test_wheel.sh prints them as JSON (``python3 scripts/sim_connection.py
NETSUITE_URL REMOTE_URL``) for scripts/wheel_sync.py, which runs where the repository is not
importable."""

import json
import sys

VERSION = "2025_2"


def connection_values(netsuite_url, remote_url):
    return {
        "remote_api_url": remote_url,
        "remote_token": "ra_test_simulator_token",
        "netsuite_account_id": "1234567_SB1",
        "netsuite_consumer_key": "sim-consumer-key",
        "netsuite_consumer_secret": "sim-consumer-secret",
        "netsuite_token_id": "sim-token-id",
        "netsuite_token_secret": "sim-token-secret",
        "netsuite_wsdl_version": VERSION,
        "netsuite_wsdl_url": f"{netsuite_url}/wsdl/v{VERSION}_0/netsuite.wsdl",
        "netsuite_endpoint_url": f"{netsuite_url}/services/NetSuitePort_{VERSION}",
    }


if __name__ == "__main__":
    print(json.dumps(connection_values(sys.argv[1], sys.argv[2])))
