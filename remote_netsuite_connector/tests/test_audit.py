from odoo import Command
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

    def test_every_setting_change_reaches_events_history_and_the_chatter(self):
        connection = self.connection
        connection.first_manual_sync_date = "2026-11-02 09:00:00"  # automatic sync allowed
        alice = self.new_user("audit_alice")
        self.cr.flush()  # tracking of the set-up done
        settings = {
            "auto_sync": True,
            "sync_selection": "reconciliation",
            "sync_from": "2026-09-01",
            "catch_up_months": 3,
            "netsuite_concurrency": 2,
            "remote_concurrency": 3,
            "alert_user_ids": [Command.set(alice.ids)],
            "alert_digest": True,
            "book_in_open_period": True,
        }
        connection.write(settings)
        event = self.events()[-1]
        self.assertEqual((event.event_type, event.summary), ("setting", "Settings changed"))
        for line in (
            "Automatic sync: no → yes",
            "Documents to sync: Pre-funding and reconciliation → Reconciliation",
            "Sync from: 2026-10-01 → 2026-09-01",
            "Catch-up window (months): 1 → 3",
            "NetSuite concurrent requests: 4 → 2",
            "Remote concurrent requests: 4 → 3",
            f"→ {alice.name}",
            "Daily e-mail digest: no → yes",
            "Book into the first open period: no → yes",
        ):
            self.assertIn(line, event.details)

        self.cr.flush()  # Odoo's tracking writes its message before the commit
        message = connection.message_ids[:1]
        tracked = message.tracking_value_ids.field_id.mapped("name")
        for name in settings:
            self.assertIn(name, tracked)

        connection.remote_token = "ra_test_a-new-secret-token"
        self.cr.flush()
        self.assertEqual(self.events()[-1].summary, "Remote API token changed")
        for value in connection.message_ids.tracking_value_ids:
            self.assertNotIn("a-new-secret-token", f"{value.old_value_char}{value.new_value_char}")

    def test_sync_runs_show_their_documents_and_duration_in_the_list(self):
        arch = self.env["remote.netsuite.event"].get_views([(False, "list")])["views"]["list"]
        self.assertIn('name="sync_selection"', arch["arch"])
        self.assertIn('name="sync_duration"', arch["arch"])

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
