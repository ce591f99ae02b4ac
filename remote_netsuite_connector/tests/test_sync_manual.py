from datetime import date, timedelta

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .test_sync_common import SyncCase


@tagged("post_install", "-at_install")
class TestManualSync(SyncCase):
    def test_first_manual_sync_books_the_quarter_then_nothing_new(self):
        remote_documents = self.remote_sim.data.documents
        result = self.connection._sync_manual("both")
        self.assertTrue(result["ok"], result["message"])
        documents = self.documents()
        self.assertEqual(len(documents), len(remote_documents))
        booked = self.booked()
        for remote_document in remote_documents:
            document = documents.filtered(lambda d, r=remote_document: d.remote_id == r.id)
            if remote_document.total == 0:
                self.assertEqual(document.state, "skipped", document.message)
                self.assertNotIn(f"remote-{remote_document.id}", booked)
                continue
            self.assertEqual(document.state, "synced", document.message)
            bill = self.assert_booked_like_remote(remote_document)
            self.assertEqual(document.netsuite_internal_id, bill["internal_id"])
        self.assertEqual(len(booked), sum(1 for d in remote_documents if d.total))
        self.assertTrue(self.connection.first_manual_sync_date)

        calls = self.upsert_calls()
        again = self.connection._sync_manual("both")
        self.assertTrue(again["ok"], again["message"])
        self.assertEqual(self.upsert_calls(), calls, "unchanged documents are not sent again")
        self.assertEqual(again["counts"]["unchanged"], len(remote_documents))
        self.assertEqual(len(self.booked()), len(booked))

    def test_the_wizards_choices_belong_to_its_run_not_to_automatic_sync(self):
        connection = self.connection
        settings = (connection.sync_selection, connection.sync_from)
        last_month = self.remote_sim.data.periods[-1] + "-01"
        for selection in ("prefunding", "reconciliation"):  # as Remote's article goes
            wizard = self.env["remote.netsuite.sync.wizard"].create(
                {"connection_id": connection.id, "selection": selection, "sync_from": last_month}
            )
            wizard.action_confirm()
            wizard.action_sync()
            self.run_background_syncs()
            self.assertEqual(wizard.outcome, "success", wizard.job_message)
            run = self.sync_events()[:1]
            self.assertEqual(run.sync_selection, selection)
            self.assertIn(f"Months: {self.remote_sim.data.periods[-1]}", run.details)
        self.assertEqual(
            (connection.sync_selection, connection.sync_from),
            settings,
            "automatic sync still syncs what it did",
        )

    def test_wizard_confirm_shows_what_will_be_sent_then_syncs(self):
        remote_documents = self.remote_sim.data.documents
        calls = self.upsert_calls()
        wizard = self.env["remote.netsuite.sync.wizard"].create(
            {"connection_id": self.connection.id, "selection": "prefunding"}
        )
        wizard.action_confirm()
        self.assertEqual(wizard.step, "confirm")
        prefunding = [d for d in remote_documents if d.type == "prefunding_invoice"]
        expected = {}
        for document in prefunding:
            count, total = expected.get(document.currency, (0, 0))
            expected[document.currency] = (count + 1, total + document.total)
        shown = {
            line.currency_code: (line.count, line.total_minor)
            for line in wizard.line_ids
            if line.document_type == "prefunding_invoice"
        }
        self.assertEqual(shown, expected)
        self.assertFalse(
            wizard.line_ids.filtered(lambda line: line.document_type != "prefunding_invoice"),
            "only the selected type is shown",
        )
        self.assertEqual(self.upsert_calls(), calls, "confirming sends nothing")

        wizard.action_sync()
        self.assertEqual(wizard.step, "running")
        self.assertEqual(self.upsert_calls(), calls, "the sync goes on in the background")
        self.run_background_syncs()
        self.assertTrue(wizard.outcome_ok, wizard.job_message)
        self.assertEqual(len(self.booked()), len(prefunding))
        self.assertEqual(set(self.documents().mapped("family")), {"prefunding"})
        run = self.sync_events()[:1]
        self.assertEqual(
            (run.sync_trigger, run.sync_selection, run.sync_booked),
            ("manual", "prefunding", len(prefunding)),
        )
        self.assertEqual(run.user_id, self.env.user, "who started it")

    def test_automatic_sync_is_refused_until_a_manual_sync_succeeded(self):
        with self.assertRaises(ValidationError):
            self.connection.auto_sync = True
        self.remote_sim.fail_next("/v1/billing-documents", 503, count=20)
        failed = self.connection._sync_manual("both")
        self.assertFalse(failed["ok"])
        with self.assertRaises(ValidationError, msg="a failed manual sync does not count"):
            self.connection.auto_sync = True
        self.remote_sim.faults.clear()
        self.assertTrue(self.connection._sync_manual("both")["ok"])
        self.connection.auto_sync = True
        self.assertTrue(self.connection.auto_sync)


@tagged("post_install", "-at_install")
class TestNetSuiteTimeZone(SyncCase):
    def test_the_time_zone_setting_decides_the_date_netsuite_keeps(self):
        remote_document = next(d for d in self.remote_sim.data.documents if d.total > 0)
        for zone, expected_offset in (("Europe/Berlin", "+01:00"), ("Asia/Tokyo", "+09:00")):
            self.connection.netsuite_timezone = zone
            self.assertEqual(
                self.connection._netsuite_utc_offset(date(2026, 1, 2)), expected_offset
            )
        self.assertEqual(self.connection._netsuite_utc_offset(date(2026, 7, 2)), "+09:00")
        self.connection.netsuite_timezone = "Europe/Berlin"
        self.assertEqual(self.connection._netsuite_utc_offset(date(2026, 7, 2)), "+02:00")
        # The simulated NetSuite user is in Pacific time: a Berlin midnight is the day before.
        self.assertTrue(self.connection._sync_manual("both")["ok"])
        bill = self.booked()[f"remote-{remote_document.id}"]
        day_before = remote_document.issued_date - timedelta(days=1)
        self.assertEqual(bill["tran_date"], day_before.isoformat())


@tagged("post_install", "-at_install")
class TestManualSyncRest(TestManualSync):
    TRANSPORT = "rest"


@tagged("post_install", "-at_install")
class TestNetSuiteTimeZoneRest(SyncCase):
    TRANSPORT = "rest"

    def test_rest_sends_the_issue_date_itself_whatever_the_zone(self):
        # REST date fields carry no time zone: NetSuite keeps the date sent
        remote_document = next(d for d in self.remote_sim.data.documents if d.total > 0)
        self.connection.netsuite_timezone = "Europe/Berlin"
        self.assertTrue(self.connection._sync_manual("both")["ok"])
        bill = self.booked()[f"remote-{remote_document.id}"]
        self.assertEqual(bill["tran_date"], remote_document.issued_date.isoformat())
