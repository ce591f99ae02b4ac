"""Constants of the setup side: Remote's billing vendors, the default invoice items, defaults."""

DEFAULT_REMOTE_API_URL = "https://gateway.remote.com"
DEFAULT_WSDL_VERSION = "2025_2"

# The Remote entities that issue (bill from) billing documents. Remote asks customers to create
# each as a vendor in NetSuite, shared with every subsidiary the bills are booked in.
REMOTE_VENDORS = (
    "Remote Technology Services, Inc.",
    "Canada Remote Technology Inc.",
    "Remote Europe Holding BV",
)

# Invoice items Remote bills most often; a refresh adds what recent breakdowns actually contain.
DEFAULT_ITEMS = (
    "Base Salary",
    "Employer Contributions",
    "Benefits",
    "Management Fee",
    "Incentives",
    "Expenses",
)

# How many recent months and billing documents a "Refresh from Remote" reads to discover items.
ITEM_DISCOVERY_MONTHS = 2
ITEM_DISCOVERY_DOCUMENTS = 6

# NetSuite account types a vendor bill expense line can use.
EXPENSE_ACCOUNT_TYPES = (
    "expense",
    "otherExpense",
    "costOfGoodsSold",
    "otherCurrentAsset",
    "otherCurrentLiability",
    "deferredExpense",
)

# The group that configures connections, refreshes, syncs and retries (README, Security).
MANAGER_GROUP = "remote_netsuite_connector.group_manager"

# Where each secret is sent: the connection settings that name the host it goes to. Changing any of
# them clears the secret, unless a new one is entered in the same save, so a connection pointed at
# another host never hands it the stored credentials (README, Security). A new secret adds one line.
NETSUITE_SOAP_HOST_SETTINGS = ("netsuite_account_id", "netsuite_wsdl_url", "netsuite_endpoint_url")
SECRET_DESTINATIONS = {
    "remote_token": ("remote_api_url",),
    "netsuite_consumer_secret": NETSUITE_SOAP_HOST_SETTINGS,
    "netsuite_token_secret": NETSUITE_SOAP_HOST_SETTINGS,
    "remote_webhook_key": (),  # checks what Remote signs: sent nowhere
    # signs the client assertion posted to the token URL: a host that receives one can use it
    "netsuite_private_key": ("netsuite_account_id", "netsuite_rest_url"),
}

# What Test connection checks: a change of any of these settings makes its last result stale.
CONNECTION_TEST_INPUTS = frozenset(
    (
        "remote_api_url",
        "remote_token",
        "netsuite_account_id",
        "netsuite_transport",
        "netsuite_client_id",
        "netsuite_certificate_id",
        "netsuite_private_key",
        "netsuite_consumer_key",
        "netsuite_consumer_secret",
        "netsuite_token_id",
        "netsuite_token_secret",
        "netsuite_wsdl_version",
        "netsuite_wsdl_url",
        "netsuite_endpoint_url",
        "netsuite_rest_url",
        "netsuite_restlet_url",
    )
)

# Server option holding the key that encrypts the secrets (odoo.conf: remote_netsuite_key = ...).
KEY_OPTION = "remote_netsuite_key"

# NetSuite's default time zone for users, and how it reads a date sent without an offset.
NETSUITE_DEFAULT_TIMEZONE = "America/Los_Angeles"

# How a connection reaches NetSuite (README, Which NetSuite connection). REST + OAuth 2.0 client
# credentials for new integrations; SOAP + TBA for existing TBA integration records.
REST, SOAP = "rest", "soap"
NETSUITE_TRANSPORTS = [(REST, "REST + OAuth 2.0"), (SOAP, "SOAP + TBA")]
