"""Base classes of the addon's Odoo tests: both simulators on loopback, a connection to them.

``SimulatorsCase`` (``SimulatorsHttpCase`` for browser tours) starts
``simulators.netsuite.NetSuiteSimulator`` (WSDL 2023_2) and ``simulators.remote.RemoteSimulator``
(demo company) once per test class, creates ``cls.connection`` with matching credentials, and offers
``map_everything()`` to set the mappings the way an administrator would (refresh both sides, then
pick subsidiaries, accounts, vendors).
"""

import ast
import functools
import json
import logging
import threading
from contextlib import contextmanager
from datetime import date

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from odoo.tests import HttpCase, TransactionCase, new_test_user

from simulators.netsuite import NetSuiteSimulator
from simulators.remote import DEFAULT_TOKEN as REMOTE_TOKEN
from simulators.remote import RemoteSimulator

from ..services import mapping

NETSUITE_VERSION = "2023_2"
NETSUITE_CREDENTIALS = {
    "account": "1234567_SB1",
    "consumer_key": "sim-consumer-key",
    "consumer_secret": "sim-consumer-secret",
    "token_id": "sim-token-id",
    "token_secret": "sim-token-secret",
}
M2M_CLIENT_ID = "0f4c3b2a" * 8  # the integration record's client id (64 hex characters)
# Remote legal entity country -> NetSuite subsidiary of the seeded OneWorld account
ENTITY_SUBSIDIARY = {
    "USA": "Acme US",
    "DEU": "Acme Germany",
    "NLD": "Acme Netherlands",
    "GBR": "Acme UK",
    "JPN": "Acme Japan",
    "CAN": "Acme Canada",
}
# invoice item -> NetSuite account number (6000 for any other item)
ITEM_ACCOUNT = {
    "Base Salary": "6000",
    "Employer Contributions": "6010",
    "Tax Gross-up": "6010",
    "Benefits": "6020",
    "Other Benefits": "6020",
    "Management Fee": "6030",
    "Expenses": "6060",
}
DEFAULT_ACCOUNT = "6000"
TODAY = date(2026, 11, 28)  # the addon's day in the tests
START_PERIOD = "2026-09"  # Remote's data: the quarter September to November 2026 ...
REMOTE_TODAY = date(2026, 12, 31)  # ... every document of it issued (reconciliations in December)
SINGLE_SUBSIDIARY = "Acme Germany"


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.messages = []

    def emit(self, record):
        self.messages.append(f"{record.name}: {record.getMessage()}")


@contextmanager
def all_logs():
    """Every log record of every logger, DEBUG included, as with --log-level=debug and more
    (zeep and urllib3 log whole requests; odoo.api logs each RPC call with its arguments)."""
    handler = _Collect()
    loggers = [logging.getLogger(), logging.getLogger("odoo"), logging.getLogger("odoo.api")]
    previous = [logger.level for logger in loggers]
    loggers[0].addHandler(handler)
    for logger in loggers:
        logger.setLevel(logging.DEBUG)
    try:
        yield handler.messages
    finally:
        for logger, level in zip(loggers, previous, strict=True):
            logger.setLevel(level)
        loggers[0].removeHandler(handler)


# Loggers whose warnings are the addon's doing: its own, and Odoo's about its queries
# (e.g. "_condition_to_sql: ignored (..., NewId)" of a search on an unsaved record).
ADDON_LOGGERS = ("odoo.addons.remote_netsuite_connector", "odoo.models", "odoo.sql_db")


@contextmanager
def addon_warnings():
    """The WARNING and ERROR lines of ADDON_LOGGERS logged meanwhile, from any thread (the
    browser's requests included), but not those of the test runner itself."""
    handler = _Collect()
    handler.setLevel(logging.WARNING)
    found = []
    logging.getLogger().addHandler(handler)
    try:
        yield found
    finally:
        logging.getLogger().removeHandler(handler)
        found.extend(
            message
            for message in handler.messages
            if message.startswith(ADDON_LOGGERS) and ".tests." not in message.split(":")[0]
        )


# What each transport is in the NetSuite simulator: the calls counted (sim.calls), the
# fail_next() operation of a bill upsert request (and of a lone upsert, not the delete before
# it), the operation named in retry lines, the permission (deny_permission) that stores or
# attaches a File Cabinet file, and a login broken.
SIM_NAMES = {
    "soap": {
        "upsert_calls": ("upsert", "upsertList"),
        "write_calls": ("add", "addList", "upsert", "upsertList", "update", "updateList", "attach"),
        "upsert_fault": "upsertList",
        "single_upsert_fault": "upsert",
        "upsert_retry": "upsertList",
        "upload_permission": "add",
        "attach_permission": "attach",
        "bad_login": {"netsuite_token_secret": "not-the-token-secret"},
        "good_login": {"netsuite_token_secret": NETSUITE_CREDENTIALS["token_secret"]},
    },
    "rest": {
        "upsert_calls": ("REST PUT record",),
        "write_calls": (
            "REST PUT record",
            "REST POST record",
            "REST PATCH record",
            "REST DELETE record",
            "RESTLET POST",
        ),
        "upsert_fault": "rest record",
        "single_upsert_fault": "rest record PUT",
        "upsert_retry": "upsert",
        "upload_permission": "file",
        "attach_permission": "file",
        "bad_login": {"netsuite_client_id": "not-the-client-id"},
        "good_login": {"netsuite_client_id": M2M_CLIENT_ID},
    },
}


@functools.cache
def m2m_private_key():
    """The M2M certificate's key, RSA 3072 (PS256), made once per test run."""
    return rsa.generate_private_key(65537, 3072)


def private_key_pem(key) -> str:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


class SimulatorsMixin:
    """Both simulators on loopback for the test class, and ``cls.connection`` wired to them.

    ``TRANSPORT`` is the NetSuite connection of ``cls.connection``: a class with
    ``TRANSPORT = "rest"`` runs its parent's tests over REST + OAuth 2.0. Both sets of credentials
    are always filled in, so a test can switch the transport alone.
    """

    TRANSPORT = "soap"

    @classmethod
    def sim_name(cls, what):
        """``SIM_NAMES[cls.TRANSPORT][what]``: the simulator's names for this transport."""
        return SIM_NAMES[cls.TRANSPORT][what]

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.netsuite_sim = NetSuiteSimulator(version=NETSUITE_VERSION, **NETSUITE_CREDENTIALS)
        cls.netsuite_server = cls.netsuite_sim.serve(port=0)
        cls.addClassCleanup(cls.netsuite_server.stop)
        cls.m2m_certificate_id = cls.netsuite_sim.oauth.register(
            M2M_CLIENT_ID, m2m_private_key().public_key()
        )
        # Fixed days for Remote's data and for the addon, so no test depends on the calendar
        cls.remote_sim = RemoteSimulator(
            token=REMOTE_TOKEN, scale="demo", start_period=START_PERIOD, today=REMOTE_TODAY
        )
        cls.classPatch(type(cls.env["remote.netsuite.connection"]), "_today", lambda self: TODAY)
        cls.remote_server = cls.remote_sim.serve(port=0)
        cls.addClassCleanup(cls.remote_server.stop)
        cls.connection = cls.env["remote.netsuite.connection"].create(cls.connection_values())

    @classmethod
    def connection_values(cls, **overrides):
        credentials = NETSUITE_CREDENTIALS
        return {
            "name": "Acme Remote ↔ NetSuite",
            "company_id": cls.env.company.id,
            "remote_api_url": cls.remote_server.url,
            "remote_token": REMOTE_TOKEN,
            "netsuite_account_id": credentials["account"],
            "netsuite_consumer_key": credentials["consumer_key"],
            "netsuite_consumer_secret": credentials["consumer_secret"],
            "netsuite_token_id": credentials["token_id"],
            "netsuite_token_secret": credentials["token_secret"],
            "netsuite_wsdl_version": NETSUITE_VERSION,
            "netsuite_wsdl_url": cls.netsuite_server.wsdl_url,
            "netsuite_endpoint_url": cls.netsuite_server.endpoint_url,
            "netsuite_transport": cls.TRANSPORT,
            "netsuite_client_id": M2M_CLIENT_ID,
            "netsuite_certificate_id": cls.m2m_certificate_id,
            "netsuite_private_key": private_key_pem(m2m_private_key()),
            "netsuite_rest_url": cls.netsuite_server.url,
            "netsuite_restlet_url": cls.restlet_url(),
            **overrides,
        }

    @classmethod
    def restlet_url(cls):
        """The PDF RESTlet deployed in the simulated account (its External URL)."""
        return (
            f"{cls.netsuite_server.url}/app/site/hosting/restlet.nl"
            "?script=customscript_rnc_pdf_attach&deploy=customdeploy_rnc_pdf_attach"
        )

    # --- the administrator's mapping work ---------------------------------------------------

    @classmethod
    def refresh_all(cls, connection=None):
        connection = connection or cls.connection
        connection._refresh_from_netsuite()
        connection._refresh_from_remote()

    @classmethod
    def netsuite_record(cls, model, name, connection=None):
        """The cached NetSuite record of that name (accounts: by number or name)."""
        connection = connection or cls.connection
        domain = [("connection_id", "=", connection.id)]
        if model == "remote.netsuite.account":
            domain += ["|", ("number", "=", name), ("name", "=", name)]
        else:
            domain.append(("name", "=", name))
        record = connection.env[model].search(domain, limit=1)
        assert record, f"{model} {name!r} is not cached: refresh from NetSuite first"
        return record

    @classmethod
    def map_everything(
        cls,
        connection=None,
        *,
        entity_mode=mapping.SINGLE_SUBSIDIARY,
        breakdown=mapping.STANDARD_BREAKDOWN,
        refresh=True,
    ):
        """Refresh both sides and map entities, items (both breakdowns), departments and
        vendors: every Remote entity to its country's subsidiary (per entity) or all to
        Acme Germany (single), items per ITEM_ACCOUNT, each Remote department to the NetSuite
        department of its name if the dropdown offers it. Returns the connection."""
        connection = connection or cls.connection
        if refresh:
            cls.refresh_all(connection)
        subsidiary = cls.netsuite_record(
            "remote.netsuite.subsidiary", SINGLE_SUBSIDIARY, connection
        )
        connection.write(
            {
                "entity_mode": entity_mode,
                "breakdown": breakdown,
                "single_subsidiary_id": subsidiary.id,
            }
        )
        for entity in connection.legal_entity_ids:
            name = ENTITY_SUBSIDIARY.get(entity.country_code, "Acme US")
            entity.subsidiary_id = cls.netsuite_record(
                "remote.netsuite.subsidiary", name, connection
            )
        for row in (*connection.item_ids, *connection.department_item_ids):
            item_name = row.name if row._name == "remote.netsuite.item" else row.item_id.name
            number = ITEM_ACCOUNT.get(item_name, DEFAULT_ACCOUNT)
            row.account_id = cls.netsuite_record("remote.netsuite.account", number, connection)
        for department in connection.remote_department_ids:
            netsuite = connection.env["remote.netsuite.ns.department"].search(
                [("connection_id", "=", connection.id), ("name", "=", department.name)], limit=1
            )
            # as in the form: only a department NetSuite accepts in the mapped subsidiaries
            if netsuite in department.allowed_netsuite_department_ids:
                department.netsuite_department_id = netsuite
        return connection

    @classmethod
    def new_user(cls, login, *, manager=False, company=None):
        group = "group_manager" if manager else "group_user"
        company = company or cls.env.company
        return new_test_user(
            cls.env,
            login=login,
            groups=f"base.group_user,remote_netsuite_connector.{group}",
            company_id=company.id,
            company_ids=[company.id],
        )


class SimulatorsCase(SimulatorsMixin, TransactionCase):
    pass

    def run_background_syncs(self):
        """Run the syncs asked for as each connection's scheduled action does (in this test's
        transaction); returns their jobs."""
        jobs = self.env["remote.netsuite.sync.job"].search([("state", "in", ("queued", "running"))])
        for cron in jobs.connection_id.sync_cron_id:
            cron.method_direct_trigger()
        return jobs

    def last_notification(self, user=None):
        """The last notification the bus sent to ``user`` (this test's user by default)."""
        partner = (user or self.env.user).partner_id
        self.env.cr.precommit.run()  # the bus writes its messages when the transaction commits
        for bus in self.env["bus.bus"].search([], order="id desc"):
            channel, message = json.loads(bus.channel), json.loads(bus.message)
            if (
                channel[1:] == ["res.partner", partner.id]
                and message["type"] == "simple_notification"
            ):
                return message["payload"]
        return None


class BrowserCase(HttpCase):
    """HttpCase for the addon's tours."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # CPython 3.11 keeps the AST constructor's recursion depth in per-interpreter state, so two
        # request threads parsing at once (Odoo reads manifests and view expressions with ast) can
        # fail with "AST constructor recursion depth mismatch" (python/cpython#106905; CI hit it
        # on 3.11.7). The test server answers the browser's parallel requests in threads, so the
        # tours parse one expression at a time.
        cls.classPatch(ast, "parse", _one_parse_at_a_time(ast.parse))


class SimulatorsHttpCase(SimulatorsMixin, BrowserCase):
    pass


def _one_parse_at_a_time(parse):
    lock = threading.Lock()

    def serialized_parse(*args, **kwargs):
        with lock:
            return parse(*args, **kwargs)

    return serialized_parse
