from odoo.tests import tagged

from ..services import mapping
from .common import SimulatorsCase


@tagged("post_install", "-at_install")
class TestAudit(SimulatorsCase):
    def events(self):
        return self.connection.event_ids.sorted("id")

    def test_setting_changes_say_from_and_to(self):
        self.connection.write({"netsuite_account_id": "7654321", "netsuite_wsdl_version": "2024_2"})
        event = self.events()[-1]
        self.assertEqual(event.event_type, "setting")
        self.assertEqual(event.user_id, self.env.user)
        self.assertIn("NetSuite account id: 1234567_SB1 → 7654321", event.details)
        self.assertIn("WSDL version: 2023_2 → 2024_2", event.details)

    def test_mapping_changes_say_from_and_to(self):
        self.map_everything()
        base_salary = self.connection.item_ids.filtered(lambda item: item.name == "Base Salary")
        base_salary.account_id = self.netsuite_record("remote.netsuite.account", "6060")
        event = self.events()[-1]
        self.assertEqual(
            event.summary, "Account for Base Salary: 6000 Salaries and Wages → 6060 Recruiting"
        )
        self.connection.entity_mode = mapping.PER_ENTITY
        self.assertIn(
            "Mapping preference: Map all Remote entities to the same subsidiary → "
            "Map each Remote entity to its own subsidiary",
            self.events()[-1].summary,
        )

    def test_refreshes_are_audited(self):
        self.connection.action_refresh_netsuite()
        event = self.events()[-1]
        self.assertEqual((event.event_type, event.summary), ("refresh", "Refreshed from NetSuite"))
        self.assertIn("accounts", event.details)
        self.connection.action_refresh_remote()
        self.assertEqual(self.events()[-1].summary, "Refreshed from Remote")

    def test_failed_refresh_is_audited_as_error(self):
        self.connection.remote_token = "ra_test_wrong"
        action = self.connection.action_refresh_remote()
        event = self.events()[-1]
        self.assertEqual((event.level, event.summary), ("error", "Refresh from Remote failed"))
        self.assertIn("Remote rejected the API token", action["params"]["message"])
