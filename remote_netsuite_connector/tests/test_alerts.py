"""Failure alerts: one activity per responsible user, the daily digest, failing NetSuite logins."""

from odoo.tests import tagged

from .common import SimulatorsCase

ACTIVITY_TYPE = "remote_netsuite_connector.mail_activity_type_documents_to_fix"


@tagged("post_install", "-at_install")
class TestAlerts(SimulatorsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.map_everything()
        cls.alice = cls.new_user("alert_alice", manager=True)
        cls.bob = cls.new_user("alert_bob", manager=True)
        (cls.alice | cls.bob).partner_id.email = "finance@example.com"
        cls.connection.alert_user_ids = cls.alice | cls.bob
        cls.period = cls.remote_sim.data.documents[0].period
        cls.base_salary = cls.connection.item_ids.filtered(lambda i: i.name == "Base Salary")

    def setUp(self):
        super().setUp()
        self.netsuite_sim.reset_bookings()

    def sync(self):
        return self.connection._sync("manual", periods=[self.period], selection="prefunding")

    def retry_failed(self):
        """Retry all failed, and the notification of its outcome once it ran in the background."""
        self.connection.action_retry_failed()
        self.run_background_syncs()
        return self.last_notification()

    def open_activities(self):
        activity_type = self.env.ref(ACTIVITY_TYPE)
        return self.connection.activity_ids.filtered(lambda a: a.activity_type_id == activity_type)

    def unmap_base_salary(self):
        account = self.base_salary.account_id
        self.base_salary.account_id = False
        return account

    def test_one_activity_per_user_not_per_document(self):
        account = self.unmap_base_salary()
        self.sync()
        failing = self.connection.attention_document_ids
        self.assertGreater(len(failing), 1, "the month has several documents with Base Salary")
        activities = self.open_activities()
        self.assertEqual(sorted(activities.user_id.ids), sorted((self.alice | self.bob).ids))
        for document in failing:
            self.assertIn(f"/odoo/remote.netsuite.document/{document.id}", str(activities[0].note))
        self.assertIn(str(len(failing)), activities[0].summary)

        self.sync()  # the same documents still fail: nobody is told twice
        self.assertEqual(self.open_activities(), activities)

        self.base_salary.account_id = account
        self.retry_failed()
        self.assertFalse(
            self.connection.attention_document_ids,
            self.connection.attention_document_ids.mapped("message"),
        )
        self.assertFalse(self.open_activities(), "fixed: the activities are marked done")

    def test_the_activity_is_rewritten_when_the_documents_to_fix_change(self):
        account = self.unmap_base_salary()
        self.sync()
        unmapped = self.connection.attention_document_ids
        self.assertGreater(len(unmapped), 1)
        activities = self.open_activities()

        # a retry fixes the mapping of all, but Remote cannot give one of them any more
        self.base_salary.account_id = account
        broken = unmapped[0]
        self.remote_sim.fail_next(f"/v1/billing-documents/{broken.remote_id}/breakdown", 404)
        self.retry_failed()

        self.assertEqual(self.connection.attention_document_ids, broken)
        self.assertEqual(self.open_activities(), activities, "the same activities, rewritten")
        for activity in activities:
            self.assertIn("1 Remote document(s) to fix", activity.summary)
            self.assertIn(f"/odoo/remote.netsuite.document/{broken.id}", str(activity.note))
            self.assertIn("Failed", str(activity.note))
            self.assertNotIn("Needs mapping", str(activity.note))
            for fixed in unmapped - broken:
                self.assertNotIn(f'/odoo/remote.netsuite.document/{fixed.id}"', str(activity.note))

    def test_retry_notifications_take_the_colour_of_the_outcome(self):
        account = self.unmap_base_salary()
        self.sync()
        still_unmapped = self.retry_failed()
        self.assertIn("Retry: 0 booked", still_unmapped["message"])
        self.assertEqual(still_unmapped["type"], "warning", "documents still need mapping")

        self.base_salary.account_id = account
        self.connection.netsuite_token_secret = "revoked-token-secret"
        refused = self.retry_failed()
        self.assertIn("Retry failed", refused["message"])
        self.assertEqual(refused["type"], "danger", "the run failed")

        self.connection.netsuite_token_secret = "sim-token-secret"
        # the failed run left them to sync: the next sync books them
        self.connection._request_sync("manual", periods=[self.period], selection="prefunding")
        self.run_background_syncs()
        booked = self.last_notification()
        self.assertEqual(booked["type"], "success", booked["message"])

    def test_daily_digest_mails_the_responsible_users(self):
        self.unmap_base_salary()
        self.sync()
        Mail = self.env["mail.mail"]
        before = Mail.search([])
        self.env["remote.netsuite.connection"]._cron_send_alert_digest()
        self.assertFalse(Mail.search([]) - before, "digest off: no e-mail")

        self.connection.alert_digest = True
        self.env["remote.netsuite.connection"]._cron_send_alert_digest()
        mail = Mail.search([]) - before
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.recipient_ids, (self.alice | self.bob).partner_id)
        for document in self.connection.attention_document_ids:
            self.assertIn(document.name, mail.body_html)

    def test_failing_netsuite_credentials_show_on_the_form(self):
        self.connection.netsuite_token_secret = "revoked-token-secret"
        result = self.sync()
        self.assertFalse(result["ok"])
        self.assertIn("refuses this connection's credentials", self.connection.netsuite_login_error)
        self.assertIn("Invalid login attempt. Check", self.connection.netsuite_login_error)
        self.assertNotIn("..", self.connection.netsuite_login_error)
        self.assertTrue(self.connection.netsuite_login_failed_since)
        self.assertIn("NetSuite, since", self.connection.login_problems, "the form's banner")
        failing = self.env.ref("remote_netsuite_connector.mail_activity_type_credentials_failing")
        activities = self.connection.activity_ids.filtered(lambda a: a.activity_type_id == failing)
        self.assertEqual(activities.user_id, self.alice | self.bob)
        alert = self.env["remote.netsuite.event"].search(
            [("connection_id", "=", self.connection.id), ("event_type", "=", "alert")], limit=1
        )
        self.assertEqual(alert.level, "error")
        self.assertNotIn("revoked-token-secret", alert.details)

        self.connection.netsuite_token_secret = "sim-token-secret"
        self.assertTrue(self.sync()["ok"])
        self.assertFalse(self.connection.netsuite_login_error)
        self.assertFalse(activities.exists().filtered("active"), "done once they work")
