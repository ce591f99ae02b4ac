import os
import stat
from unittest.mock import patch

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import config

from ..tools import secret_box
from .common import (
    NETSUITE_CREDENTIALS,
    REMOTE_TOKEN,
    SimulatorsCase,
    all_logs,
    m2m_private_key,
    private_key_pem,
)

SECRETS = (
    NETSUITE_CREDENTIALS["consumer_secret"],
    NETSUITE_CREDENTIALS["token_secret"],
    REMOTE_TOKEN,
    *private_key_pem(m2m_private_key()).splitlines()[1:4],  # lines of the key itself
)
SECRET_FIELDS = (
    "remote_token",
    "netsuite_consumer_secret",
    "netsuite_token_secret",
    "netsuite_private_key",
)
CIPHER_FIELDS = tuple(f"{name}_cipher" for name in SECRET_FIELDS)


@tagged("post_install", "-at_install")
class TestSecrets(SimulatorsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = cls.new_user("rn_secret_manager", manager=True)
        cls.manager.groups_id += cls.env.ref("base.group_allow_export")
        cls.admin = cls.env.ref("base.user_admin")

    def assertNoSecretIn(self, text, where):
        for secret in SECRETS:
            self.assertNotIn(secret, str(text), f"a secret leaked into {where}")

    def test_stored_encrypted_never_in_clear_in_the_database(self):
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT row_to_json(c)::text FROM remote_netsuite_connection c WHERE id = %s",
            [self.connection.id],
        )
        row = self.env.cr.fetchone()[0]
        self.assertNoSecretIn(row, "the connection table")
        for cipher in CIPHER_FIELDS:
            self.assertTrue(self.connection.sudo()[cipher].startswith("gAAAAA"), "a Fernet token")
        self.env.cr.execute(
            "SELECT coalesce(string_agg(summary || coalesce(details, ''), ' '), '') "
            "FROM remote_netsuite_event"
        )
        self.assertNoSecretIn(self.env.cr.fetchone()[0], "the events")
        self.env.cr.execute("SELECT coalesce(string_agg(body::text, ' '), '') FROM mail_message")
        self.assertNoSecretIn(self.env.cr.fetchone()[0], "the chatter")

    def test_the_code_reads_what_was_entered(self):
        settings = self.connection._netsuite_settings()
        self.assertEqual(settings.consumer_secret, NETSUITE_CREDENTIALS["consumer_secret"])
        self.assertEqual(self.connection._get_secret("remote_token"), REMOTE_TOKEN)
        self.assertNotIn(settings.token_secret, repr(settings))

    def test_read_and_export_never_return_a_secret(self):
        for user in (self.admin, self.manager):
            connection = self.connection.with_user(user)
            values = connection.read()[0]
            self.assertNoSecretIn(values, f"read() as {user.login}")
            for name in SECRET_FIELDS:
                self.assertFalse(values[name])
                self.assertTrue(values[f"{name}_set"], "the form shows 'set'")
            for cipher in CIPHER_FIELDS:
                self.assertNotIn(cipher, values)
                with self.assertRaises(AccessError):
                    connection.read([cipher])
            exported = connection.export_data(list(SECRET_FIELDS))["datas"]
            self.assertNoSecretIn(exported, f"an export as {user.login}")
            with self.assertRaises(AccessError):
                connection.export_data(list(CIPHER_FIELDS))

    def test_leaving_the_field_empty_keeps_the_secret(self):
        self.connection.write({"netsuite_token_secret": ""})
        self.assertEqual(
            self.connection._get_secret("netsuite_token_secret"),
            NETSUITE_CREDENTIALS["token_secret"],
        )

    def test_key_file_is_owner_only_and_outside_the_database(self):
        path = secret_box.key_file_path(self.env.cr.dbname)
        self.assertTrue(os.path.isfile(path))
        self.assertEqual(stat.S_IMODE(os.stat(path).st_mode), 0o600)
        with open(path) as handle:
            key = handle.read().strip()
        self.env.cr.execute(
            "SELECT count(*) FROM ir_config_parameter WHERE value LIKE %s", [f"%{key}%"]
        )
        self.assertEqual(self.env.cr.fetchone()[0], 0)

    def test_lost_key_asks_to_reenter_the_secrets(self):
        path = secret_box.key_file_path(self.env.cr.dbname)
        os.rename(path, path + ".away")
        self.addCleanup(os.replace, path + ".away", path)
        with self.assertRaisesRegex(UserError, "Re-enter the secrets"):
            self.connection._netsuite_client()
        message = self.connection.action_test_connection()["params"]["message"]
        self.assertIn("Re-enter the secrets", message)

    def test_wrong_key_asks_to_reenter_the_secrets(self):
        with (
            patch.dict(config.options, {"remote_netsuite_key": "another key"}),
            self.assertRaisesRegex(UserError, "Re-enter the secrets"),
        ):
            self.connection._remote_client()

    def test_server_option_key_is_used_when_set(self):
        with patch.dict(config.options, {"remote_netsuite_key": "a long random passphrase"}):
            self.connection.remote_token = "ra_test_rotated"
            self.assertEqual(self.connection._get_secret("remote_token"), "ra_test_rotated")
        with self.assertRaises(UserError):
            self.connection._get_secret("remote_token")

    def test_secret_changes_are_audited_without_values(self):
        self.connection.write({"netsuite_consumer_secret": "rotated-consumer-secret"})
        event = self.connection.event_ids[:1]
        self.assertEqual(event.summary, "Consumer secret changed")
        self.assertNotIn("rotated", f"{event.summary} {event.details}")

    def test_no_secret_in_the_logs(self):
        with all_logs() as messages:
            self.connection.action_test_connection()
            self.connection.write({"netsuite_token_secret": "wrong-secret-for-logs"})
            self.connection.action_test_connection()
            self.connection.action_refresh_netsuite()
        self.assertTrue(messages, "the capture works")
        self.assertNoSecretIn("\n".join(messages), "the logs")
        self.assertNotIn("wrong-secret-for-logs", "\n".join(messages))


@tagged("post_install", "-at_install")
class TestSecretsRest(TestSecrets):
    """The same guarantees on a REST + OAuth 2.0 connection (token requests, REST calls)."""

    TRANSPORT = "rest"

    def test_the_code_reads_what_was_entered(self):
        settings = self.connection._netsuite_settings()
        self.assertEqual(settings.private_key, private_key_pem(m2m_private_key()))
        self.assertEqual(settings.consumer_secret, "", "REST sends no TBA secret")
        self.assertNotIn(settings.private_key.splitlines()[1], repr(settings))
