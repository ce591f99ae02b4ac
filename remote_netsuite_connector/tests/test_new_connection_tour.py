from odoo.tests import tagged

from .common import BrowserCase, addon_warnings


@tagged("post_install", "-at_install")
class TestNewConnectionTour(BrowserCase):
    """A company's first connection, created in the browser: every header button answers on the
    saved record."""

    def test_buttons_right_after_creating_stay_on_the_saved_connection(self):
        Connection = self.env["remote.netsuite.connection"].with_context(active_test=False)
        Connection.search([("company_id", "=", self.env.company.id)]).unlink()
        with addon_warnings() as warnings:
            self.start_tour(
                "/odoo", "remote_netsuite_new_connection_tour", login="admin", timeout=120
            )
        self.assertEqual(warnings, [], "no bad query, no warning on the new record")
        connection = Connection.search([("company_id", "=", self.env.company.id)])
        self.assertEqual(connection.name, "First Remote ↔ NetSuite", "one connection, saved once")
        self.assertEqual(connection.netsuite_account_id, "1234567_SB1")
        self.assertFalse(connection.last_test_state, "the failed test was for other credentials")
        summaries = connection.event_ids.mapped("summary")
        self.assertIn("Connection test failed", summaries)
        self.assertIn("Refresh from Remote failed", summaries)
