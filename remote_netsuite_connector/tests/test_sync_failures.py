"""Bad input and outages: recorded with a readable message, nothing lost or booked twice."""

from odoo.exceptions import AccessError
from odoo.tests import tagged

from ..models.connection_sync import SYNC_LOCK_NAMESPACE
from .test_sync_common import SyncCase


@tagged("post_install", "-at_install")
class TestSyncFailures(SyncCase):
    def test_commit_then_drop_then_rerun_books_each_document_once(self):
        # NetSuite books every attempt of the batch, then the connection drops each time
        self.netsuite_sim.fail_next("upsertList", "commit_then_drop", count=5)
        first = self.connection._sync_manual("both")
        self.assertFalse(first["ok"])
        self.assertTrue(self.booked(), "NetSuite committed the batch before dropping")
        self.assertFalse(self.documents().filtered(lambda d: d.state == "synced"))
        waiting = self.documents().filtered(lambda d: d.state == "to_sync")
        self.assertTrue(waiting)
        self.assertIn("Not sent yet", waiting[0].message)
        self.assertEqual(self.sync_events()[:1].level, "error")

        second = self.connection._sync_manual("both")
        self.assertTrue(second["ok"], second["message"])
        self.assert_one_record_per_document()
        self.assertTrue(
            all(bill["updated_count"] for bill in self.netsuite_sim.bills()),
            "the resent batch updated the records NetSuite had committed",
        )
        self.assertFalse(self.documents().filtered(lambda d: d.state == "to_sync"))

    def test_a_single_dropped_answer_is_retried_within_the_run(self):
        self.netsuite_sim.fail_next(self.sim_name("upsert_fault"), "commit_then_drop", count=1)
        result = self.connection._sync_manual("both")
        self.assertTrue(result["ok"], result["message"])
        self.assert_one_record_per_document()

    def test_transient_failures_retried_are_listed_in_events_history(self):
        self.netsuite_sim.fail_next(self.sim_name("upsert_fault"), "commit_then_drop", count=1)
        self.remote_sim.fail_next("/v1/billing-documents/", 503, count=1)
        result = self.connection._sync_manual("both")
        self.assertTrue(result["ok"], result["message"])
        self.assert_one_record_per_document()
        retried = self.sync_events().filtered(lambda event: "transient" in event.summary)
        self.assertEqual(retried.level, "warning")
        lines = retried.details.splitlines()
        self.assertEqual(len(lines), 2, lines)
        retried_call = f"NetSuite {self.sim_name('upsert_retry')} failed"
        netsuite = [line for line in lines if line.startswith(retried_call)]
        remote = [line for line in lines if line.startswith("Remote /v1/billing-documents/")]
        self.assertEqual((len(netsuite), len(remote)), (1, 1), lines)
        self.assertIn("503", remote[0])

    def test_remote_outage_is_a_failed_run_with_a_readable_message(self):
        self.remote_sim.fail_next("/v1/billing-documents", 503, count=20)
        result = self.connection._sync_manual("both")
        self.assertFalse(result["ok"])
        run = self.sync_events()[:1]
        self.assertEqual(run.level, "error")
        self.assertIn("Manual sync failed", run.summary)
        self.assertIn("503", run.summary)
        self.assertIn("stay to sync", run.details)
        self.assertFalse(self.booked())
        self.assertFalse(self.connection.first_manual_sync_date)

    def test_netsuite_login_failure_leaves_documents_to_sync(self):
        self.connection.write(self.sim_name("bad_login"))
        result = self.connection._sync_manual("both")
        self.assertFalse(result["ok"])
        self.assertIn("Manual sync failed", result["message"])
        self.assertNotIn("not-the-token-secret", result["message"])
        self.assertFalse(self.booked())
        documents = self.documents()
        self.assertTrue(documents)
        ready = documents.filtered(lambda d: d.state == "to_sync")
        self.assertTrue(ready, "documents that were ready stay to sync")
        self.assertFalse(documents.filtered(lambda d: d.state == "synced"))

        self.connection.write(self.sim_name("good_login"))
        self.assertTrue(self.connection._sync_manual("both")["ok"])
        self.assert_one_record_per_document()

    def test_a_second_sync_while_one_runs_reports_already_running(self):
        connection = self.connection
        calls = self.upsert_calls()
        with self.registry.cursor() as other:  # another transaction, as another worker would be
            other.execute(
                "SELECT pg_try_advisory_xact_lock(%s, %s)", (SYNC_LOCK_NAMESPACE, connection.id)
            )
            self.assertTrue(other.fetchone()[0])
            result = connection._sync_manual("both")
            self.assertTrue(result["already_running"])
            self.assertIn("already running", result["message"])
            self.assertFalse(self.documents())
            self.assertEqual(self.upsert_calls(), calls)
            other.rollback()
        self.assertTrue(connection._sync_manual("both")["ok"])
        self.assert_one_record_per_document()

    def connection_row_version(self):
        """Where the connection's row is: every UPDATE of it, even to the same values, moves it."""
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT ctid FROM remote_netsuite_connection WHERE id = %s", (self.connection.id,)
        )
        return self.env.cr.fetchone()[0]

    def test_a_refused_manual_sync_writes_nothing_to_the_connection(self):
        # the running sync updates the connection's row at its next commit: had the refused one
        # written that row, the running one would die with a serialization failure
        connection = self.connection
        row = self.connection_row_version()
        with self.registry.cursor() as other:  # the running sync, in another worker
            other.execute(
                "SELECT pg_try_advisory_xact_lock(%s, %s)", (SYNC_LOCK_NAMESPACE, connection.id)
            )
            wizard = self.env["remote.netsuite.sync.wizard"].create(
                {
                    "connection_id": connection.id,
                    "selection": "prefunding",
                    "sync_from": self.remote_sim.data.periods[-1] + "-01",
                }
            )
            wizard.action_sync()
            other.rollback()
        self.assertFalse(wizard.outcome_ok)
        self.assertIn("already running", wizard.note)
        self.assertEqual(self.connection_row_version(), row, "the connection's row was written")
        refused = self.sync_events()[:1]
        self.assertIn("already running", refused.summary)
        self.assertEqual((refused.sync_trigger, refused.sync_selection), ("manual", "prefunding"))
        self.assertEqual(connection.sync_selection, "both", "automatic sync keeps its setting")
        self.assertEqual(str(connection.sync_from), self.first_period_date())

    def test_a_document_remote_cannot_give_fails_alone_and_a_manager_can_retry_it(self):
        broken = self.remote_sim.data.documents[0]
        self.remote_sim.fail_next(f"/v1/billing-documents/{broken.id}/breakdown", 404)
        result = self.connection._sync_manual("both")
        self.assertTrue(result["ok"], result["message"])
        document = self.documents().filtered(lambda d: d.remote_id == broken.id)
        self.assertEqual(document.state, "failed")
        self.assertIn("Remote could not give this document", document.message)
        self.assertEqual(document.event_ids[:1].level, "error")
        self.assertNotIn(f"remote-{broken.id}", self.booked())
        self.assertEqual(result["counts"]["failed"], 1)

        accountant = self.new_user("accountant")
        with self.assertRaises(AccessError):  # retrying books in NetSuite: a Manager action
            document.with_user(accountant).action_retry()
        self.assertEqual(document.state, "failed")
        manager = self.new_user("sync_manager", manager=True)
        notification = document.with_user(manager).action_retry()["params"]

        self.assertIn("Retrying 1 document(s) in the background", notification["message"])
        self.assertEqual(document.state, "failed", "the request only asks for the retry")
        self.assertNotIn(f"remote-{broken.id}", self.booked())
        self.run_background_syncs()
        self.assertEqual(document.state, "synced", document.message)
        self.assertEqual(self.last_notification(manager)["type"], "success", "to who asked")
        self.assert_one_record_per_document()


@tagged("post_install", "-at_install")
class TestSyncFailuresRest(TestSyncFailures):
    TRANSPORT = "rest"

    def test_commit_then_drop_then_rerun_books_each_document_once(self):
        # one PUT per bill: the first bill is booked on every attempt, then the answer is lost
        self.connection.netsuite_concurrency = 1
        self.netsuite_sim.fail_next("rest record", "commit_then_drop", count=5)
        first = self.connection._sync_manual("both")
        self.assertFalse(first["ok"])
        [committed] = self.booked()
        self.assertFalse(self.documents().filtered(lambda d: d.state == "synced"))
        waiting = self.documents().filtered(lambda d: d.state == "to_sync")
        self.assertTrue(waiting)
        self.assertIn("Not sent yet", waiting[0].message)

        second = self.connection._sync_manual("both")
        self.assertTrue(second["ok"], second["message"])
        self.assert_one_record_per_document()
        self.assertEqual(self.booked()[committed]["updated_count"], 5, "updated, not re-booked")
        self.assertFalse(self.documents().filtered(lambda d: d.state == "to_sync"))
