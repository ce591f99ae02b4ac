from odoo.tests import tagged

from .test_sync_common import SyncCase


@tagged("post_install", "-at_install")
class TestDutch(SyncCase):
    """A manager whose language is Dutch (Remote Europe Holding BV's finance team) sees the
    connection form, the sync outcome and the documents' messages in Dutch, including the
    messages the services compose."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("nl_NL")
        cls.env["ir.module.module"]._load_module_terms(
            ["remote_netsuite_connector"], ["nl_NL"], overwrite=True
        )
        cls.dutch = cls.new_user("rnc_dutch_manager", manager=True)
        cls.dutch.lang = "nl_NL"

    def as_dutch(self, record):
        """As the web client calls the server for this user: with the user's language."""
        return record.with_user(self.dutch).with_context(lang=self.dutch.lang)

    def test_the_connection_form_is_in_dutch(self):
        Connection = self.as_dutch(self.env["remote.netsuite.connection"])
        views = Connection.get_views([(False, "form")])
        arch = views["views"]["form"]["arch"]
        for label in ("Koppeling testen", "Vernieuwen vanuit NetSuite", "Nu synchroniseren"):
            self.assertIn(label, arch)
        self.assertNotIn('string="Test connection"', arch)
        fields = views["models"]["remote.netsuite.connection"]["fields"]
        self.assertEqual(fields["remote_api_url"]["string"], "URL van de Remote API")
        self.assertEqual(fields["remote_token"]["string"], "Remote API-token")

    def test_a_sync_speaks_dutch(self):
        result = self.as_dutch(self.connection)._sync_manual("both")
        self.assertTrue(result["ok"], result["message"])
        self.assertTrue(result["message"].startswith("Handmatige synchronisatie: "), result)
        self.assertIn(" geboekt", result["message"])
        messages = self.documents().mapped("message")
        # composed by the bill builder (services), translated in the model layer
        self.assertTrue(
            any(" geboekt: 1 leveranciersfactuur van " in m for m in messages), messages
        )
        self.assertTrue(
            any(m.startswith("Niets te boeken: ") and "totaal van nul" in m for m in messages),
            messages,
        )

    def test_a_remote_outage_is_reported_in_dutch(self):
        self.remote_sim.fail_next("/v1/billing-documents", 503, count=20)
        result = self.as_dutch(self.connection)._sync_manual("both")
        self.assertFalse(result["ok"])
        self.assertIn("Handmatige synchronisatie mislukt: Remote API 503", result["message"])
        self.assertIn("pogingen)", result["message"])  # the services' "(after N attempts)"
        self.assertNotIn("attempts", result["message"])

    def test_a_rejected_remote_token_is_explained_in_dutch(self):
        self.connection.remote_token = "ra_test_not_the_token"
        ok, message = self.as_dutch(self.connection)._test_remote()
        self.assertFalse(ok)
        # written by the Remote client (services), translated where the form shows it
        self.assertIn("Remote wees het API-token af", message)
        self.assertIn("ra_live_-tokens werken alleen op", message)
