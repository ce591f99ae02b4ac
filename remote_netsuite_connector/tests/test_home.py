"""At home in Odoo: Settings and the app open on the company's connection; automatic sync on
its form (next run, Run now, why it is off)."""

import re

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged

from ..models.connection_sync import SYNC_LOCK_NAMESPACE
from .common import SimulatorsCase
from .test_sync_common import SyncCase


@tagged("post_install", "-at_install")
class TestOpensOnTheConnection(SimulatorsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = cls.new_user("rn_home_manager", manager=True)
        cls.new_company = cls.env["res.company"].create({"name": "Acme Newcomer"})

    def open(self, user=None, company=None):
        Connection = self.env["remote.netsuite.connection"].with_user(user or self.manager)
        return Connection.with_company(
            company or self.env.company
        )._action_open_company_connection()

    def test_the_app_opens_on_the_company_connection_form(self):
        action = self.open()
        self.assertEqual((action["res_id"], action["view_mode"]), (self.connection.id, "form"))
        self.assertEqual([kind for _view, kind in action["views"]], ["form"])

    def test_a_company_without_connection_gets_a_new_one_for_itself(self):
        self.manager.company_ids |= self.new_company
        action = self.open(company=self.new_company)
        self.assertFalse(action["res_id"])
        self.assertEqual(action["context"]["default_company_id"], self.new_company.id)

    def test_an_archived_connection_is_opened_not_duplicated(self):
        self.connection.active = False
        self.assertEqual(self.open()["res_id"], self.connection.id)

    def test_only_managers_open_it(self):
        with self.assertRaises(AccessError):
            self.open(user=self.new_user("rn_home_user"))

    def test_settings_link_to_the_connection_or_to_creating_it(self):
        settings = self.env["res.config.settings"].create({})
        self.assertEqual(settings.remote_netsuite_connection_id, self.connection)
        self.assertEqual(settings.remote_netsuite_next_step, "Connect")
        self.assertEqual(
            settings.action_open_remote_netsuite_connection()["res_id"], self.connection.id
        )
        self.env.user.company_ids |= self.new_company
        elsewhere = self.env["res.config.settings"].with_company(self.new_company).create({})
        self.assertFalse(elsewhere.remote_netsuite_connection_id)
        action = elsewhere.action_open_remote_netsuite_connection()
        self.assertFalse(action["res_id"])
        self.assertEqual(action["context"]["default_company_id"], self.new_company.id)


@tagged("post_install", "-at_install")
class TestAutomaticSyncOnTheForm(SyncCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager = cls.new_user("rn_auto_manager", manager=True)
        cls.cron = cls.env.ref("remote_netsuite_connector.ir_cron_remote_netsuite_sync")

    def test_why_it_is_off_then_when_it_runs_next(self):
        connection = self.connection.with_user(self.manager)
        self.assertIn("Run one manual sync first", connection.auto_sync_off_reason)
        self.assertTrue(connection._sync_manual("both")["ok"])
        self.assertEqual(
            connection.auto_sync_off_reason, "Automatic sync has never been switched on."
        )
        self.assertFalse(connection.auto_sync_next_date)
        connection.auto_sync = True
        self.assertFalse(connection.auto_sync_off_reason)
        self.assertEqual(connection.auto_sync_next_date, self.cron.nextcall)
        connection.auto_sync = False
        self.assertRegex(
            connection.auto_sync_off_reason,
            rf"^Switched off by {re.escape(self.manager.name)} on .+\.$",
        )
        self.cron.active = False
        connection.auto_sync = True
        self.assertIn("is archived", connection.auto_sync_off_reason)

    def test_run_now_asks_for_the_automatic_sync_and_returns_before_it_runs(self):
        connection = self.connection.with_user(self.manager)
        with self.assertRaises(UserError):
            connection.action_run_auto_sync_now()  # still off
        self.assertTrue(connection._sync_manual("both")["ok"])
        connection.auto_sync = True
        late = self.remote_sim.add_document(
            self.remote_sim.data.periods[-1],
            "reconciliation_invoice",
            lines=[{"type": "Management Fee", "amount": 59900}],
        )
        with self.assertRaises(AccessError):
            self.connection.with_user(self.new_user("rn_auto_user")).action_run_auto_sync_now()
        runs = len(self.sync_events())

        notification = connection.action_run_auto_sync_now()["params"]

        self.assertIn("runs in the background", notification["message"])
        self.assertEqual(len(self.sync_events()), runs, "nothing ran in the request")
        self.assertFalse(self.documents().filtered(lambda d: d.remote_id == late.id))
        job = self.connection.sync_job_ids[:1]
        self.assertEqual((job.state, job.trigger, job.user_id), ("queued", "cron", self.manager))

        self.run_background_syncs()

        run = self.sync_events()[:1]
        self.assertEqual((run.sync_trigger, run.user_id), ("cron", self.manager))
        self.assertEqual(
            self.documents().filtered(lambda d: d.remote_id == late.id).state, "synced"
        )
        self.assertEqual(job.state, "done")
        self.assertIn("1 booked", self.last_notification(self.manager)["message"])

    def test_run_now_respects_a_running_sync(self):
        self.connection.write({"first_manual_sync_date": "2026-11-02 08:00:00", "auto_sync": True})
        with self.registry.cursor() as other:  # a sync running in another worker
            other.execute(
                "SELECT pg_try_advisory_xact_lock(%s, %s)",
                (SYNC_LOCK_NAMESPACE, self.connection.id),
            )
            self.assertTrue(other.fetchone()[0])
            notification = self.connection.action_run_auto_sync_now()
            other.rollback()
        self.assertIn("already running", notification["params"]["message"])
        self.assertFalse(self.documents(), "nothing was read or booked")
