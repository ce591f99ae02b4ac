from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged
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
            "netsuite_private_key",
            "netsuite_client_id",
            "netsuite_restlet_url",
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


# Public methods that only open a view or move a wizard back: they read what the caller may
# already read (record rules apply) and reach neither Remote nor NetSuite.
READ_ONLY_METHODS = {
    "action_view_events",
    "action_view_failed_events",
    "action_open_documents",
    "action_open_attention_documents",
    "action_open_booked_amounts",
    "action_open_netsuite",
    "action_back",
    "action_preview_bills",  # checked by the document's own read access (company rule)
    "create",  # ORM overrides: access rights and record rules apply
    "write",
    "fields_get",
    "read_group",
}


@tagged("post_install", "-at_install")
class TestEveryActionChecksTheCaller(SimulatorsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        other_company = cls.env["res.company"].create({"name": "Other Co"})
        cls.callers = {
            "portal": new_test_user(cls.env, login="rn_portal", groups="base.group_portal"),
            "internal": new_test_user(cls.env, login="rn_internal", groups="base.group_user"),
            "app user": cls.new_user("rn_app_user"),
            "other manager": cls.new_user("rn_other_mgr", manager=True, company=other_company),
        }
        cls.document = cls.env["remote.netsuite.document"].create(
            {"connection_id": cls.connection.id, "remote_id": "doc-1", "state": "failed"}
        )
        cls.wizard = cls.env["remote.netsuite.sync.wizard"].create(
            {"connection_id": cls.connection.id}
        )

    def _guarded_methods(self):
        records = {
            "remote.netsuite.connection": self.connection,
            "remote.netsuite.document": self.document,
            "remote.netsuite.sync.wizard": self.wizard,
        }
        for model_name in self.env.registry:
            if not model_name.startswith("remote.netsuite."):
                continue
            cls = type(self.env[model_name])
            for name in dir(cls):
                method = getattr(cls, name)
                if (
                    name.startswith("_")
                    or name in READ_ONLY_METHODS
                    or not callable(method)
                    or not getattr(method, "__module__", "").startswith(
                        "odoo.addons.remote_netsuite_connector"
                    )
                ):
                    continue
                self.assertIn(model_name, records, f"{model_name}.{name} has no record to test")
                yield records[model_name], name

    def test_only_managers_of_the_company_run_actions(self):
        guarded = list(self._guarded_methods())
        self.assertIn((self.connection, "action_test_connection"), guarded)
        events = self.env["remote.netsuite.event"].search_count([])
        for kind, user in self.callers.items():
            for record, name in guarded:
                with (
                    self.subTest(caller=kind, method=f"{record._name}.{name}"),
                    self.assertRaises(AccessError),
                ):
                    getattr(record.with_user(user), name)()
        self.assertEqual(self.env["remote.netsuite.event"].search_count([]), events)
        self.assertFalse(self.connection.last_test_date)
