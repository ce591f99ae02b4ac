from odoo.tests import tagged

from .common import NETSUITE_CREDENTIALS, REMOTE_TOKEN, SimulatorsCase

# Moving a host clears the secrets sent there (test_secret_lures): these checks enter them again.
NETSUITE_SECRETS = {
    "netsuite_consumer_secret": NETSUITE_CREDENTIALS["consumer_secret"],
    "netsuite_token_secret": NETSUITE_CREDENTIALS["token_secret"],
}


@tagged("post_install", "-at_install")
class TestConnectionCheck(SimulatorsCase):
    """Test connection: both sides checked, each failure explained in its own words."""

    def check(self, **values):
        if values:
            self.connection.write(values)
        action = self.connection.action_test_connection()
        return action["params"]["message"]

    def last_event(self):
        return self.connection.event_ids.filtered(lambda e: e.event_type == "test")[:1]

    def test_both_sides_connected(self):
        message = self.check()
        self.assertEqual(self.connection.last_test_state, "ok", message)
        self.assertIn("Remote: connected to company Acme Holdings", message)
        self.assertIn("NetSuite: connected to account 1234567_SB1", message)
        self.assertEqual(self.connection.remote_company_id, self.remote_sim.data.company_id)
        self.assertEqual(self.last_event().level, "info")
        self.assertEqual(self.last_event().details, message)

    def test_bad_remote_token(self):
        message = self.check(remote_token="ra_test_not_the_right_token")
        self.assertEqual(self.connection.last_test_state, "failed")
        self.assertTrue(message.startswith("Remote rejected the API token"), message)
        self.assertNotIn("Remote API 401", message)
        self.assertIn("NetSuite: connected", message, "the other side is still checked")
        self.assertEqual(self.last_event().level, "error")

    def test_sandbox_token_on_the_production_host(self):
        message = self.check(remote_api_url="https://gateway.remote.com", remote_token=REMOTE_TOKEN)
        self.assertIn("is a sandbox token", message)
        self.assertIn("https://gateway.remote-sandbox.com", message)

    def test_wrong_remote_host(self):
        message = self.check(remote_api_url="http://127.0.0.1:9", remote_token=REMOTE_TOKEN)
        self.assertIn("could not reach the Remote API at http://127.0.0.1:9", message)

    def test_missing_remote_scope(self):
        self.remote_sim.revoke_scope("company:read")
        self.addCleanup(self.remote_sim.grant_scope, "company:read")
        message = self.check()
        self.assertIn("company:read", message)

    def test_netsuite_bad_secret_is_a_login_failure(self):
        message = self.check(netsuite_token_secret="not-the-secret")
        self.assertEqual(self.connection.last_test_state, "failed")
        self.assertIn("NetSuite refused the login to account 1234567_SB1", message)
        self.assertIn("Remote: connected", message)
        self.assertNotIn("not-the-secret", message)

    def test_wrong_netsuite_account_id(self):
        message = self.check(
            netsuite_account_id="7654321",
            netsuite_wsdl_url=False,
            netsuite_endpoint_url=False,
            **NETSUITE_SECRETS,
        )
        self.assertIn("could not load the SuiteTalk WSDL", message)
        self.assertIn("check that 7654321 is the account id", message)

    def test_malformed_netsuite_account_id(self):
        message = self.check(netsuite_account_id="acme corp", **NETSUITE_SECRETS)
        self.assertIn("is not a NetSuite account id", message)

    def test_endpoint_of_another_account(self):
        message = self.check(
            netsuite_endpoint_url="https://7654321.suitetalk.api.netsuite.com/services/NetSuitePort_2023_2",
            **NETSUITE_SECRETS,
        )
        self.assertIn("is not the host of account 1234567_SB1", message)

    def test_missing_netsuite_permission(self):
        self.netsuite_sim.deny_permission("vendor")
        self.addCleanup(self.netsuite_sim.allow_permission, "vendor")
        message = self.check()
        self.assertEqual(self.connection.last_test_state, "failed")
        self.assertIn("missing permissions", message)
        self.assertIn("vendor", message)

    def test_failures_show_on_the_form_and_in_the_events(self):
        message = self.check(netsuite_token_secret="not-the-secret")
        self.assertEqual(self.connection.last_test_message, message)
        self.assertEqual(self.last_event().summary, "Connection test failed")

    def test_refresh_with_an_unreachable_wsdl_says_what_to_check(self):
        self.connection.write(
            {"netsuite_wsdl_url": "http://127.0.0.1:9/netsuite.wsdl", **NETSUITE_SECRETS}
        )
        action = self.connection.action_refresh_netsuite()
        self.assertEqual(action["params"]["type"], "danger")
        self.assertIn(
            "could not load the SuiteTalk WSDL from http://127.0.0.1:9", action["params"]["message"]
        )
        self.assertIn("Check the WSDL URL override", action["params"]["message"])
        self.assertEqual(self.connection.event_ids[:1].level, "error")
