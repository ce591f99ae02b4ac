"""REST + OAuth 2.0 connections: the transport choice, the M2M credentials checked on save, and
Test connection naming each refusal of NetSuite's token endpoint."""

import importlib.util
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric import ec, rsa

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import M2M_CLIENT_ID, SimulatorsCase, m2m_private_key, private_key_pem

MIGRATION = Path(__file__).parents[1] / "migrations" / "18.0.1.1.0" / "pre-migrate.py"


def run_migration(cr, version):
    spec = importlib.util.spec_from_file_location("rnc_pre_migrate", MIGRATION)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.migrate(cr, version)


@tagged("post_install", "-at_install")
class TestConnectionRest(SimulatorsCase):
    TRANSPORT = "rest"

    def check(self, **values):
        if values:
            self.connection.write(values)
        return self.connection.action_test_connection()["params"]["message"]

    def describe_refusals(self):
        """The simulator adds the Login Audit Trail's detail as error_description."""
        self.netsuite_sim.oauth.describe_refusals = True
        self.addCleanup(setattr, self.netsuite_sim.oauth, "describe_refusals", False)

    def test_new_connections_use_rest(self):
        company = self.env["res.company"].create({"name": "New Co"})
        connection = self.env["remote.netsuite.connection"].create(
            {"name": "New", "company_id": company.id}
        )
        self.assertEqual(connection.netsuite_transport, "rest")

    def test_existing_connections_keep_soap_on_upgrade(self):
        self.connection.netsuite_transport = "soap"
        self.env.flush_all()
        self.env.cr.execute("ALTER TABLE remote_netsuite_connection DROP COLUMN netsuite_transport")
        run_migration(self.env.cr, "18.0.1.0.0")
        self.env.cr.execute(
            "SELECT DISTINCT netsuite_transport FROM remote_netsuite_connection WHERE id = %s",
            [self.connection.id],
        )
        self.assertEqual(self.env.cr.fetchall(), [("soap",)])

    def test_rest_needs_its_own_credentials_only(self):
        self.connection.write({"netsuite_consumer_key": False, "netsuite_token_id": False})
        settings = self.connection._netsuite_settings()
        self.assertEqual(settings.transport, "rest")
        self.assertEqual(settings.client_id, M2M_CLIENT_ID)
        self.connection.netsuite_client_id = False
        message = self.check()
        self.assertIn("Fill in the NetSuite settings first: Client id.", message)

    def test_private_key_is_checked_on_save(self):
        cases = {
            "not a key": "This is not a PEM private key",
            "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----": "the certificate",
            private_key_pem(rsa.generate_private_key(65537, 2048)): "3072 or 4096 bits",
            private_key_pem(ec.generate_private_key(ec.SECP256K1())): "P-256, P-384 or P-521",
        }
        for pem, expected in cases.items():
            with self.subTest(expected), self.assertRaisesRegex(ValidationError, expected):
                self.connection.netsuite_private_key = pem
        self.assertTrue(self.connection.netsuite_private_key_set, "the old key is kept")

    def test_a_key_pasted_on_one_line_still_signs(self):
        key = ec.generate_private_key(ec.SECP256R1())
        kid = self.netsuite_sim.oauth.register(M2M_CLIENT_ID, key.public_key())
        one_line = private_key_pem(key).replace("\n", " ")
        self.connection.write({"netsuite_private_key": one_line, "netsuite_certificate_id": kid})
        with self.connection._netsuite_client() as client:
            self.assertTrue(client.server_time())

    def test_unknown_client_id_and_unmapped_certificate_point_to_the_audit_trail(self):
        # NetSuite answers both with a bare invalid_client: the message names both causes and
        # where NetSuite tells them apart
        for values in (
            {"netsuite_client_id": "f" * 64},
            {"netsuite_certificate_id": "I_k32OzlZNGsHtCScnCwQCVLqsQsV2BOIQzlTaSmRQI"},
        ):
            with self.subTest(values):
                message = self.check(**values)
                self.assertEqual(self.connection.last_test_state, "failed")
                self.assertIn("NetSuite does not know the client id", message)
                self.assertIn("NetSuite does not accept the certificate", message)
                self.assertIn("View Login Audit Trail", message)
                self.assertIn("Remote: connected", message, "the other side is still checked")

    def test_unknown_client_id_named_alone_when_netsuite_describes_it(self):
        self.describe_refusals()
        message = self.check(netsuite_client_id="f" * 64)
        self.assertIn(f"NetSuite does not know the client id {'f' * 64}", message)
        self.assertNotIn("certificate", message)
        self.assertNotIn("Login Audit Trail", message)

    def test_certificate_not_mapped_named_alone_when_netsuite_describes_it(self):
        self.describe_refusals()
        message = self.check(netsuite_certificate_id="I_k32OzlZNGsHtCScnCwQCVLqsQsV2BOIQzlTaSmRQI")
        self.assertIn(
            "NetSuite does not accept the certificate I_k32OzlZNGsHtCScnCwQCVLqsQsV2BOIQzlTaSmRQI",
            message,
        )
        self.assertIn("neither revoked nor expired", message)
        self.assertNotIn("does not know the client id", message)

    def test_key_of_another_certificate(self):
        other = ec.generate_private_key(ec.SECP256R1())
        message = self.check(netsuite_private_key=private_key_pem(other))
        self.assertIn("is the key of that certificate", message)
        self.assertNotIn(private_key_pem(other).splitlines()[1], message)

    def test_wrong_account_id(self):
        # moving the account clears the key unless it is entered again in the same save
        key = private_key_pem(m2m_private_key())
        message = self.check(netsuite_account_id="7654321", netsuite_private_key=key)
        self.assertIn("NetSuite refused the client assertion for account 7654321", message)
        self.assertIn("https://7654321.suitetalk.api.netsuite.com", message)

    def test_unreachable_rest_host(self):
        key = private_key_pem(m2m_private_key())
        message = self.check(netsuite_rest_url="http://127.0.0.1:9", netsuite_private_key=key)
        self.assertIn("SuiteTalk REST at http://127.0.0.1:9 did not work", message)

    def test_moving_the_rest_url_clears_the_private_key(self):
        message = self.check(netsuite_rest_url="http://127.0.0.1:9")
        self.assertFalse(self.connection.netsuite_private_key_set)
        self.assertIn("Fill in the NetSuite settings first: Certificate private key", message)

    def test_pdf_needs_the_restlet_on_rest(self):
        self.connection.netsuite_restlet_url = False
        values = {"attach_pdf": True, "netsuite_pdf_folder_id": "42"}
        with self.assertRaisesRegex(ValidationError, "cannot store files"):
            self.connection.write(values)
        self.connection.write({**values, "netsuite_transport": "soap"})
        with self.assertRaisesRegex(ValidationError, "PDF RESTlet"):
            self.connection.netsuite_transport = "rest"

    def test_the_restlet_url_must_be_the_accounts_restlets_host(self):
        for url in (
            "https://evil.example.com/app/site/hosting/restlet.nl?script=1&deploy=1",
            "http://1234567-sb1.restlets.api.netsuite.com/app/site/hosting/restlet.nl",
            "https://7654321.restlets.api.netsuite.com/app/site/hosting/restlet.nl",
        ):
            with self.subTest(url), self.assertRaisesRegex(ValidationError, "RESTlets host"):
                self.connection.netsuite_restlet_url = url
        self.connection.netsuite_restlet_url = (
            "https://1234567-sb1.restlets.api.netsuite.com/app/site/hosting/restlet.nl"
            "?script=customscript_rnc_pdf_attach&deploy=customdeploy_rnc_pdf_attach"
        )

    def test_connected_over_rest(self):
        message = self.check()
        self.assertEqual(self.connection.last_test_state, "ok", message)
        self.assertIn("NetSuite: connected to account 1234567_SB1.", message)
        self.assertFalse(self.netsuite_sim.calls["getServerTime"], "no SOAP request")

    def test_role_lacking_a_permission(self):
        self.netsuite_sim.deny_permission("vendor")
        self.addCleanup(self.netsuite_sim.allow_permission, "vendor")
        message = self.check()
        self.assertEqual(self.connection.last_test_state, "failed")
        self.assertIn("the role of the M2M mapping is missing permissions: vendor", message)
