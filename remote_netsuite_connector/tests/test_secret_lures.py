"""Secrets cannot be lured out: not by pointing the connection at another host, not from the
form's save answer, not from Odoo's debug log of the call the form makes."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from odoo.tests import tagged

from ..const import SECRET_DESTINATIONS
from .common import NETSUITE_CREDENTIALS, REMOTE_TOKEN, SimulatorsHttpCase, all_logs

WEB_SAVE = "/web/dataset/call_kw/remote.netsuite.connection/web_save"
ONCHANGE = "/web/dataset/call_kw/remote.netsuite.connection/onchange"
SECRETS = ("remote_token", "netsuite_consumer_secret", "netsuite_token_secret")
NETSUITE_SECRETS = {
    "netsuite_consumer_secret": NETSUITE_CREDENTIALS["consumer_secret"],
    "netsuite_token_secret": NETSUITE_CREDENTIALS["token_secret"],
}


class _Recorder(BaseHTTPRequestHandler):
    """Any host a manager controls: records what it is sent, answers an empty JSON object."""

    def _record(self):
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8", "replace")
        self.server.received.append((dict(self.headers), body))
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"{}")

    do_GET = do_POST = _record

    def log_message(self, format, *args):
        pass


@tagged("post_install", "-at_install")
class TestSecretLures(SimulatorsHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = cls.new_user("rn_lure_manager", manager=True)
        cls.recorder = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
        cls.recorder.received = []
        threading.Thread(target=cls.recorder.serve_forever, daemon=True).start()
        cls.addClassCleanup(cls.recorder.server_close)
        cls.addClassCleanup(cls.recorder.shutdown)
        cls.lure_url = f"http://127.0.0.1:{cls.recorder.server_address[1]}"

    def setUp(self):
        super().setUp()
        self.recorder.received.clear()

    def as_manager(self):
        return self.connection.with_user(self.manager)

    def secret_of(self, name):
        return self.connection._get_secret(name)

    def last_setting_event(self):
        return self.connection.event_ids.filtered(lambda e: e.event_type == "setting")[:1]

    def assertNothingSentCarries(self, *values):
        for headers, body in self.recorder.received:
            self.assertNotIn("Authorization", headers)
            for value in values:
                self.assertNotIn(value, f"{headers} {body}")

    def test_every_secret_says_where_it_is_sent(self):
        connection = self.env["remote.netsuite.connection"]
        self.assertEqual(set(SECRET_DESTINATIONS), set(connection._secret_fields))
        for name, settings in SECRET_DESTINATIONS.items():
            for setting in settings:
                self.assertIn(setting, connection._fields, f"{name} goes to {setting}")

    def test_moving_the_remote_url_clears_the_token_and_sends_it_nowhere(self):
        self.as_manager().write({"remote_api_url": self.lure_url})
        self.assertFalse(self.secret_of("remote_token"))
        self.assertFalse(self.as_manager().remote_token_set, "the form shows the token unset")
        self.assertTrue(self.secret_of("netsuite_token_secret"), "NetSuite's secrets stay")
        event = self.last_setting_event()
        self.assertIn("Remote API token cleared, as Remote API URL changed", event.details)
        self.assertNotIn(REMOTE_TOKEN, f"{event.summary} {event.details}")
        message = self.as_manager().action_test_connection()["params"]["message"]
        self.assertIn("Enter the Remote API token first", message)
        self.as_manager().action_refresh_remote()
        self.assertNothingSentCarries(REMOTE_TOKEN)

    def test_moving_the_netsuite_endpoint_clears_its_secrets_and_signs_no_passport(self):
        self.as_manager().write({"netsuite_endpoint_url": f"{self.lure_url}/services/NetSuitePort"})
        for name in NETSUITE_SECRETS:
            self.assertFalse(self.secret_of(name), f"{name} cleared")
        self.assertEqual(self.secret_of("remote_token"), REMOTE_TOKEN, "Remote's token stays")
        details = self.last_setting_event().details
        self.assertIn("Consumer secret cleared, as Endpoint override changed", details)
        self.assertIn("Token secret cleared, as Endpoint override changed", details)
        message = self.as_manager().action_test_connection()["params"]["message"]
        self.assertIn("Fill in the NetSuite settings first: Consumer secret, Token secret", message)
        self.assertNothingSentCarries("tokenPassport", *NETSUITE_SECRETS.values())

    def test_changing_the_account_or_wsdl_clears_the_netsuite_secrets(self):
        for setting, value in (
            ("netsuite_wsdl_url", f"{self.lure_url}/netsuite.wsdl"),
            ("netsuite_account_id", "7654321"),
        ):
            with self.subTest(setting=setting):
                self.connection.write(NETSUITE_SECRETS)
                self.as_manager().write({setting: value})
                for name in NETSUITE_SECRETS:
                    self.assertFalse(self.secret_of(name), f"{name} cleared by {setting}")

    def test_secrets_entered_in_the_same_save_are_kept(self):
        self.as_manager().write({"remote_api_url": self.lure_url, "remote_token": "ra_test_new"})
        self.assertEqual(self.secret_of("remote_token"), "ra_test_new")
        self.assertNotIn("cleared", self.last_setting_event().details or "")
        self.as_manager().write({"name": "Renamed", "remote_api_url": self.lure_url})
        self.assertEqual(self.secret_of("remote_token"), "ra_test_new", "an unchanged URL")

    def test_the_form_save_answers_no_secret_and_the_debug_log_shows_none(self):
        self.authenticate(self.manager.login, self.manager.login)
        typed = {name: f"typed-{name}-value" for name in SECRETS}
        specification = {name: {} for name in SECRETS} | {f"{n}_set": {} for n in SECRETS}
        with all_logs() as messages:
            self.make_jsonrpc_request(
                ONCHANGE,
                {
                    "model": "remote.netsuite.connection",
                    "method": "onchange",
                    "args": [[self.connection.id], typed, [], specification],
                    "kwargs": {},
                },
            )
            [saved] = self.make_jsonrpc_request(
                WEB_SAVE,
                {
                    "model": "remote.netsuite.connection",
                    "method": "web_save",
                    "args": [[self.connection.id], typed],
                    "kwargs": {"specification": specification},
                },
            )
        for name, value in typed.items():
            self.assertEqual(self.secret_of(name), value, f"{name} was saved")
            self.assertFalse(saved[name], f"{name} is not sent back")
            self.assertTrue(saved[f"{name}_set"], "the form shows it set")
        self.assertNotIn("typed-", json.dumps(saved))
        logged = "\n".join(messages)
        self.assertIn("odoo.api: call remote.netsuite.connection", logged, "the capture works")
        self.assertIn("<secret hidden>", logged)
        self.assertNotIn("typed-", logged, "a secret reached Odoo's log")

    def test_creating_from_the_form_answers_no_secret(self):
        company = self.env["res.company"].create({"name": "Lure Co"})
        values = self.connection_values(company_id=company.id, remote_token="ra_test_created")
        [created] = self.env["remote.netsuite.connection"].web_save(
            values, {"remote_token": {}, "remote_token_set": {}}
        )
        self.assertFalse(created["remote_token"])
        self.assertTrue(created["remote_token_set"])
