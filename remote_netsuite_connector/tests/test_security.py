from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import SimulatorsCase


@tagged("post_install", "-at_install")
class TestSecurity(SimulatorsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.map_everything()
        cls.user = cls.new_user("rn_user")
        cls.manager = cls.new_user("rn_manager", manager=True)
        cls.other_company = cls.env["res.company"].create({"name": "Other Co"})
        cls.other_connection = cls.env["remote.netsuite.connection"].create(
            cls.connection_values(company_id=cls.other_company.id, name="Other connection")
        )

    def test_user_sees_the_connection_but_not_secrets_or_mappings(self):
        connection = self.connection.with_user(self.user)
        self.assertEqual(connection.name, "Acme Remote ↔ NetSuite")
        for field in (
            "remote_token",
            "netsuite_consumer_secret",
            "netsuite_consumer_key",
            "netsuite_account_id",
            "item_ids",
            "single_subsidiary_id",
        ):
            with self.assertRaises(AccessError):
                connection.read([field])
        with self.assertRaises(AccessError):
            self.env["remote.netsuite.item"].with_user(self.user).search([])
        with self.assertRaises(AccessError):
            self.connection.item_ids[:1].with_user(self.user).write({"account_id": False})
        with self.assertRaises(AccessError):
            connection.write({"netsuite_token_secret": "x"})
        with self.assertRaises(AccessError):
            connection.write({"name": "renamed"})

    def test_user_sees_events(self):
        self.connection._log_event("alert", "Something happened")
        events = self.env["remote.netsuite.event"].with_user(self.user).search([])
        self.assertIn("Something happened", events.mapped("summary"))

    def test_manager_configures(self):
        connection = self.connection.with_user(self.manager)
        connection.write({"netsuite_token_id": "new-token-id", "netsuite_token_secret": "new"})
        connection.item_ids[:1].account_id = False
        self.assertEqual(connection.netsuite_token_id, "new-token-id")

    def test_settings_administrators_are_managers(self):
        admin = self.env.ref("base.user_admin")
        self.assertTrue(admin.has_group("remote_netsuite_connector.group_manager"))

    def test_companies_are_kept_apart(self):
        for user in (self.user, self.manager):
            Connection = self.env["remote.netsuite.connection"].with_user(user)
            self.assertNotIn(self.other_connection, Connection.search([]))
            with self.assertRaises(AccessError):
                self.other_connection.with_user(user).read(["name"])
        for model in ("remote.netsuite.account", "remote.netsuite.event"):
            records = self.env[model].with_user(self.user).search([])
            self.assertNotIn(self.other_company, records.company_id)
        items = self.env["remote.netsuite.item"].with_user(self.manager).search([])
        self.assertEqual(items.connection_id, self.connection)

    @mute_logger("odoo.sql_db")
    def test_one_connection_per_company(self):
        with self.assertRaises(Exception) as caught:
            self.env["remote.netsuite.connection"].create(self.connection_values(name="Second"))
            self.env.flush_all()
        self.assertIn("company_uniq", str(caught.exception))
        self.assertNotIsInstance(caught.exception, ValidationError)
