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

# --- sync ---------------------------------------------------------------------------------------

# A Synced Invoice's status.
TO_SYNC = "to_sync"
NEEDS_MAPPING = "needs_mapping"
SYNCED = "synced"
FAILED = "failed"
SKIPPED = "skipped"
DOCUMENT_STATES = [
    (TO_SYNC, "To sync"),
    (NEEDS_MAPPING, "Needs mapping"),
    (SYNCED, "Synced"),
    (FAILED, "Failed"),
    (SKIPPED, "Skipped"),
]
# States a document leaves only when Remote changes it (or on an explicit Retry).
SETTLED_STATES = (SYNCED, SKIPPED)
# Documents that need someone: the alerts' activity and "Documents to fix" list them.
ATTENTION_STATES = (FAILED, NEEDS_MAPPING)

# What the "pre-funding, reconciliation or both" choice selects. Supplemental service documents
# are billed after the fact, like reconciliations, so they go with them.
PREFUNDING = "prefunding"
RECONCILIATION = "reconciliation"
FAMILIES = [(PREFUNDING, "Pre-funding"), (RECONCILIATION, "Reconciliation"), ("other", "Other")]
SELECTED_FAMILIES = {
    "both": {PREFUNDING, RECONCILIATION, "other"},
    "prefunding": {PREFUNDING, "other"},
    "reconciliation": {RECONCILIATION, "other"},
}

# A sync in the background (remote.netsuite.sync.job).
QUEUED, RUNNING, DONE, CANCELLED, JOB_FAILED = "queued", "running", "done", "cancelled", "failed"
# a job in one of these states is the connection's sync: asked for, or going on
PENDING_STATES = (QUEUED, RUNNING)

# Remote's invoice PDF on a NetSuite record.
PDF_PENDING, PDF_ATTACHED, PDF_FAILED = "pending", "attached", "failed"
PDF_STATES = [(PDF_PENDING, "To attach"), (PDF_ATTACHED, "Attached"), (PDF_FAILED, "Failed")]
PDFS_PER_RUN = 50  # documents whose PDF a run attaches; the scheduled action does the rest

# Documents read from Remote ahead of the one being built: enough for the reads to go on while
# the run mirrors a batch or waits for NetSuite, and a bound on the memory of a run (two batches
# of NetSuite's MAX_RECORDS_PER_REQUEST, services.netsuite).
READ_AHEAD = 200
# Reading threads beyond the connection's "Remote concurrent requests": while a thread parses
# an answer (hundreds of lines), the spare one keeps its request slot busy. Remote still never
# sees more requests at once than the setting (every request holds one slot of it).
SPARE_READERS = 1
