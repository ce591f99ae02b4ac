from odoo.tests import tagged

from .common import SimulatorsHttpCase, addon_warnings


@tagged("post_install", "-at_install")
class TestSetupTour(SimulatorsHttpCase):
    def test_connect_map_save_in_the_browser(self):
        with addon_warnings() as warnings:
            self.start_tour("/odoo", "remote_netsuite_setup_tour", login="admin", timeout=180)
        self.assertEqual(warnings, [], "the walk logs no warning from the addon")
        connection = self.connection
        self.assertEqual(connection.last_test_state, "ok")
        self.assertEqual(connection.single_subsidiary_id.name, "Acme Germany")
        base_salary = connection.item_ids.filtered(lambda item: item.name == "Base Salary")
        self.assertEqual(base_salary.account_id.number, "6000")
        self.assertEqual(
            connection._mappings().single_subsidiary_id,
            self.netsuite_sim.data.subsidiary("Acme Germany").internal_id,
        )
        summaries = connection.event_ids.mapped("summary")
        self.assertIn("Connection test succeeded", summaries)
        self.assertIn("Account for Base Salary: (none) → 6000 Salaries and Wages", summaries)


@tagged("post_install", "-at_install")
class TestSetupTourRest(TestSetupTour):
    """The same setup in the browser on a REST + OAuth 2.0 connection (its form fields shown)."""

    TRANSPORT = "rest"
