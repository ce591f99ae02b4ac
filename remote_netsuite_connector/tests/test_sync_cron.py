"""The scheduled action: every connection with automatic sync, each on its own."""

from odoo.tests import tagged

from simulators.remote import DEFAULT_TOKEN, RemoteSimulator

from .common import REMOTE_TODAY, REMOTE_TOKEN, START_PERIOD
from .test_sync_common import SyncCase

LOGIN_ACTIVITY_TYPE = "remote_netsuite_connector.mail_activity_type_credentials_failing"


@tagged("post_install", "-at_install")
class TestCronSync(SyncCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the cron opens a cursor per connection: in test mode it works inside this transaction
        cls.registry.enter_test_mode(cls.cr)
        cls.addClassCleanup(cls.registry.leave_test_mode)
        cls.other_company = cls.env["res.company"].create({"name": "Acme Other Co"})
        cls.other_remote_sim = RemoteSimulator(
            token=DEFAULT_TOKEN,
            seed=2,
            scale="small",
            start_period=START_PERIOD,
            today=REMOTE_TODAY,
        )
        cls.other_remote_server = cls.other_remote_sim.serve(port=0)
        cls.addClassCleanup(cls.other_remote_server.stop)
        cls.other = cls.env["remote.netsuite.connection"].create(
            cls.connection_values(
                name="Other Co",
                company_id=cls.other_company.id,
                remote_api_url=cls.other_remote_server.url,
            )
        )
        cls.map_all_items(cls.other, cls.other_remote_sim)
        cls.other.sync_from = cls.connection.sync_from
        cls.cron = cls.env.ref("remote_netsuite_connector.ir_cron_remote_netsuite_sync")

    def start_automatic_sync(self):
        for connection in (self.connection, self.other):
            self.assertTrue(connection._sync_manual("both")["ok"])
            connection.auto_sync = True

    def run_automatic_sync(self):
        """The hourly scheduled action asks for each sync; each connection's own runs it."""
        self.cron.method_direct_trigger()
        self.run_background_syncs()

    def add_late_document(self, remote_sim):
        return remote_sim.add_document(
            remote_sim.data.periods[-1],
            "reconciliation_invoice",
            lines=[{"type": "Management Fee", "amount": 59900}],
        )

    def test_cron_is_hourly_by_default(self):
        self.assertEqual((self.cron.interval_number, self.cron.interval_type), (1, "hours"))
        self.assertTrue(self.cron.active)

    def test_cron_syncs_each_company_and_a_failing_one_does_not_stop_the_other(self):
        self.start_automatic_sync()
        mine = self.add_late_document(self.remote_sim)
        theirs = self.add_late_document(self.other_remote_sim)
        self.connection.remote_token = "revoked-token"  # this connection now fails

        self.run_automatic_sync()

        booked = self.booked()
        self.assertIn(f"remote-{theirs.id}", booked)
        self.assertNotIn(f"remote-{mine.id}", booked)
        other_document = self.documents(self.other).filtered(lambda d: d.remote_id == theirs.id)
        self.assertEqual(other_document.state, "synced")
        self.assertEqual(other_document.company_id, self.other_company)

        failed = self.sync_events(self.connection)[:1]
        self.assertEqual((failed.sync_trigger, failed.level), ("cron", "error"))
        self.assertIn("Automatic sync failed", failed.summary)
        self.assertIn("401", failed.summary)
        self.assertNotIn("revoked-token", failed.summary + (failed.details or ""))
        done = self.sync_events(self.other)[:1]
        self.assertEqual((done.sync_trigger, done.level, done.sync_booked), ("cron", "info", 1))

    def test_each_connection_syncs_in_its_own_scheduled_action(self):
        # Odoo's cron workers each take one scheduled action at a time: one per connection is
        # what lets max_cron_threads workers sync as many companies at once
        self.start_automatic_sync()
        mine = self.add_late_document(self.remote_sim)
        theirs = self.add_late_document(self.other_remote_sim)

        self.cron.method_direct_trigger()

        crons = (self.connection | self.other).sync_cron_id
        self.assertEqual(len(crons), 2, "one scheduled action per connection")
        Trigger = self.env["ir.cron.trigger"]
        for cron in crons:
            self.assertTrue(Trigger.search_count([("cron_id", "=", cron.id)]), cron.name)
        self.assertNotIn(f"remote-{theirs.id}", self.booked(), "the hourly action only asks")

        self.other.sync_cron_id.method_direct_trigger()
        self.assertIn(f"remote-{theirs.id}", self.booked())
        self.assertNotIn(f"remote-{mine.id}", self.booked(), "each runs its own connection")
        self.assertTrue(self.connection.sync_running)

        self.connection.sync_cron_id.method_direct_trigger()
        self.assertIn(f"remote-{mine.id}", self.booked())
        self.assertFalse((self.connection | self.other).filtered("sync_running"))

    def test_a_remote_token_refused_on_schedule_gets_a_banner_and_an_activity(self):
        self.start_automatic_sync()
        manager = self.new_user("cron_manager", manager=True)
        self.connection.alert_user_ids = manager
        self.connection.remote_token = "ra_test_revoked-token"

        self.run_automatic_sync()

        connection = self.connection
        self.assertIn("Remote rejected the API token", connection.remote_login_error)
        self.assertTrue(connection.remote_login_failed_since)
        self.assertIn("Remote, since", connection.login_problems, "the form's banner")
        self.assertNotIn("revoked-token", connection.login_problems)
        failing = self.env.ref(LOGIN_ACTIVITY_TYPE)
        [activity] = connection.activity_ids.filtered(lambda a: a.activity_type_id == failing)
        self.assertEqual(activity.user_id, manager)
        self.assertIn("Remote rejected the API token", str(activity.note))
        alert = connection.event_ids.filtered(lambda e: e.event_type == "alert")[:1]
        self.assertEqual((alert.summary, alert.level), ("Remote credentials are failing", "error"))

        self.run_automatic_sync()  # still failing: nobody is told twice
        self.assertEqual(
            connection.activity_ids.filtered(lambda a: a.activity_type_id == failing), activity
        )

        connection.remote_token = REMOTE_TOKEN
        self.run_automatic_sync()
        self.assertFalse(connection.login_problems)
        self.assertFalse(activity.exists() and activity.active, "done once the token works")

    def test_cron_skips_connections_without_automatic_sync(self):
        self.assertTrue(self.other._sync_manual("both")["ok"])
        self.other.auto_sync = True
        before = len(self.sync_events(self.connection))
        late = self.add_late_document(self.other_remote_sim)
        self.run_automatic_sync()
        self.assertEqual(len(self.sync_events(self.connection)), before)
        self.assertIn(f"remote-{late.id}", self.booked())
