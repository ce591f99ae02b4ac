"""Syncs in the background: the wizard and the retry return at once, the connection's scheduled
action runs the sync, its progress shows, a cancel stops it at a batch boundary, and a run whose
worker died is resumed without booking twice."""

import itertools
from unittest.mock import patch

from odoo.tests import tagged
from odoo.tools import config

from ..services import mapping
from ..sync import run as sync_run
from ..sync.run import SyncRun
from .test_sync_common import SyncCase


class WorkerKilled(Exception):
    """What a worker limit or a restart does to a run: it stops wherever it is."""


@tagged("post_install", "-at_install")
class TestBackgroundSync(SyncCase):
    def wizard(self, **values):
        return self.env["remote.netsuite.sync.wizard"].create(
            {"connection_id": self.connection.id, "selection": "both", **values}
        )

    def job(self):
        return self.connection.sync_job_ids[:1]

    def synced(self):
        return self.documents().filtered(lambda d: d.state == "synced")

    def in_batches_of_one(self):
        self.startPatcher(patch.object(sync_run, "MAX_RECORDS_PER_REQUEST", 1))
        self.connection.write({"netsuite_concurrency": 1, "netsuite_batch_size": 100})

    def sync_killed_once(self, killed_after):
        """A manual sync in the background whose worker dies right after a save for which
        ``killed_after(run)`` holds; its job."""
        commit = SyncRun._commit

        def save_then_maybe_die(run):
            commit(run)
            if killed_after(run):
                raise WorkerKilled()

        self.wizard(sync_from=self.first_period_date()).action_sync()
        with (
            patch.object(SyncRun, "_commit", autospec=True, side_effect=save_then_maybe_die),
            self.assertRaisesRegex(ValueError, "WorkerKilled"),  # as the server action says it
        ):
            self.run_background_syncs()
        return self.job()

    def test_the_wizard_returns_before_the_sync_and_shows_its_progress(self):
        wizard = self.wizard(sync_from=self.first_period_date())
        wizard.action_sync()

        self.assertEqual(wizard.step, "running")
        self.assertTrue(wizard.sync_running)
        self.assertFalse(self.documents(), "nothing read yet")
        self.assertFalse(self.booked(), "nothing sent yet")
        job = wizard.job_id
        self.assertEqual((job.state, job.trigger, job.user_id), ("queued", "manual", self.env.user))
        self.assertTrue(self.connection.sync_running, "the connection shows it too")
        cron = self.connection.sync_cron_id
        self.assertTrue(
            self.env["ir.cron.trigger"].search_count([("cron_id", "=", cron.id)]),
            "the connection's scheduled action is woken",
        )

        self.run_background_syncs()

        remote_documents = self.remote_sim.data.documents
        booked = sum(1 for document in remote_documents if document.total)
        self.assertEqual(job.state, "done")
        self.assertEqual(
            (job.total_count, job.read_count, job.booked_count, job.left_count, job.progress),
            (len(remote_documents), len(remote_documents), booked, 0, 100.0),
        )
        self.assertEqual(len(self.booked()), booked)
        self.assertFalse(wizard.sync_running)
        self.assertEqual(wizard.outcome, "success", wizard.job_message)
        self.assertIn(f"{booked} booked", wizard.job_message)
        notification = self.last_notification()
        self.assertEqual(notification["type"], "success")
        self.assertIn(f"{booked} booked", notification["message"])
        run = self.sync_events()[:1]
        self.assertEqual(
            (run.sync_trigger, run.sync_booked, run.user_id), ("manual", booked, self.env.user)
        )
        self.assertTrue(self.connection.first_manual_sync_date)

    def test_progress_is_saved_with_each_batch(self):
        self.in_batches_of_one()
        seen = []
        settle = SyncRun._settle

        def settle_and_look(run, reads, answers):
            settle(run, reads, answers)
            if run.job and answers:
                run._report_progress("look")
                seen.append((run.job.booked_count, run.job.left_count, run.job.total_count))

        self.startPatcher(
            patch.object(SyncRun, "_settle", autospec=True, side_effect=settle_and_look)
        )
        self.wizard(sync_from=self.first_period_date()).action_sync()
        self.run_background_syncs()

        total = len(self.remote_sim.data.documents)
        self.assertGreater(len(seen), 2)
        self.assertEqual([row[2] for row in seen], [total] * len(seen))
        self.assertEqual([row[0] for row in seen], sorted(row[0] for row in seen), "booked grows")
        self.assertEqual(
            [row[1] for row in seen], sorted((row[1] for row in seen), reverse=True), "left shrinks"
        )

    def test_a_second_sync_asked_for_before_the_first_ran_is_already_running(self):
        self.wizard(sync_from=self.first_period_date()).action_sync()
        second = self.wizard(sync_from=self.first_period_date())
        second.action_sync()

        self.assertEqual(second.step, "done")
        self.assertIn("already running", second.note)
        self.assertEqual(second.outcome, "danger")
        self.assertEqual(len(self.connection.sync_job_ids), 1, "one sync asked for")

    def test_cancel_stops_at_the_next_batch_and_keeps_what_was_booked(self):
        self.in_batches_of_one()
        canceller = self.new_user("sync_canceller", manager=True)
        settle = SyncRun._settle

        def settle_then_cancel(run, reads, answers):
            settle(run, reads, answers)
            if answers and not run.connection.sync_cancel_user_id:  # the first send answered
                self.connection.with_user(canceller).action_cancel_sync()

        self.wizard(sync_from=self.first_period_date()).action_sync()
        with patch.object(SyncRun, "_settle", autospec=True, side_effect=settle_then_cancel):
            self.run_background_syncs()

        job = self.job()
        self.assertEqual((job.state, job.outcome), ("cancelled", "warning"))
        synced = self.synced()
        self.assertEqual(len(synced), 1, "stopped at the batch boundary after the first send")
        self.assertEqual(set(self.booked()), {f"remote-{d.remote_id}" for d in synced})
        self.assertTrue(self.documents().filtered(lambda d: d.state == "to_sync"), "the rest")
        event = self.sync_events()[:1]
        self.assertEqual(event.level, "warning")
        self.assertIn(f"Manual sync cancelled by {canceller.name}", event.summary)
        self.assertFalse(self.connection.sync_cancel_user_id, "the next sync is not cancelled")

        self.wizard(sync_from=self.first_period_date()).action_sync()
        self.run_background_syncs()
        self.assertEqual(self.job().state, "done")
        self.assert_one_record_per_document()

    def test_cancel_before_the_run_started_removes_it(self):
        self.wizard(sync_from=self.first_period_date()).action_sync()
        self.connection.action_cancel_sync()
        self.run_background_syncs()
        self.assertEqual(self.job().state, "cancelled")
        self.assertFalse(self.booked())
        self.assertIn("cancelled", self.sync_events()[:1].summary)

    def test_a_run_whose_worker_died_is_resumed_and_books_nothing_twice(self):
        self.in_batches_of_one()
        upsert = sync_run._upsert
        sends = []

        def booked_then_killed(netsuite, payloads, **options):
            answer = upsert(netsuite, payloads, **options)
            sends.append(payloads)
            if len(sends) == 2:  # NetSuite booked it, the worker dies before Odoo saves it
                raise WorkerKilled()
            return answer

        self.wizard(sync_from=self.first_period_date()).action_sync()
        with (
            patch.object(sync_run, "_upsert", side_effect=booked_then_killed),
            self.assertRaisesRegex(ValueError, "WorkerKilled"),  # as the server action says it
        ):
            self.run_background_syncs()

        job = self.job()
        self.assertEqual((job.state, job.attempts), ("running", 1), "still asked for")
        self.assertEqual(len(self.booked()), 2, "NetSuite booked both sends")
        self.assertEqual(len(self.synced()), 1, "Odoo saved the first one only")

        self.run_background_syncs()  # the next pass of the connection's scheduled action

        self.assertEqual((job.state, job.attempts), ("done", 2))
        self.assert_one_record_per_document()
        self.assertEqual({f"remote-{d.remote_id}" for d in self.synced()}, set(self.booked()))

    def test_a_run_that_keeps_dying_is_given_up(self):
        self.wizard(sync_from=self.first_period_date()).action_sync()
        job = self.job()
        # three workers in a row died running it before they saved anything
        job.write({"state": "running", "attempts": 3, "stalled_runs": 2, "settled_count": 0})

        self.run_background_syncs()

        self.assertEqual((job.state, job.outcome), ("failed", "danger"))
        self.assertFalse(self.booked())
        event = self.sync_events()[:1]
        self.assertEqual(event.level, "error")
        self.assertIn("stopped 3 times", event.summary)

    def test_a_run_killed_after_saving_some_work_is_resumed_however_often(self):
        # e.g. a first sync longer than Odoo's time limit of a cron job: each worker dies at it
        self.in_batches_of_one()
        upsert = sync_run._upsert
        sends, killed = [], []

        def booked_then_killed(netsuite, payloads, **options):
            answer = upsert(netsuite, payloads, **options)
            sends.append(payloads)
            if len(sends) % 2 == 0 and len(killed) < 4:  # each run saves one document, then dies
                killed.append(payloads)
                raise WorkerKilled()
            return answer

        self.wizard(sync_from=self.first_period_date()).action_sync()
        with patch.object(sync_run, "_upsert", side_effect=booked_then_killed):
            for _run in range(4):
                with self.assertRaisesRegex(ValueError, "WorkerKilled"):
                    self.run_background_syncs()
            self.run_background_syncs()

        job = self.job()
        self.assertEqual((job.state, job.attempts, job.stalled_runs), ("done", 5, 0))
        self.assert_one_record_per_document()

    def test_a_run_in_the_background_saves_within_the_cron_time_limit(self):
        # NetSuite gets what waits once the last save is a third of the limit old, instead of
        # when enough batches wait for all its concurrent requests: a worker killed at the limit
        # then loses little. Here the limit is so short that every batch is sent and saved.
        self.in_batches_of_one()
        self.connection.netsuite_concurrency = 4
        Connection = type(self.connection)
        self.startPatcher(patch.object(Connection, "_sync_save_interval", return_value=0.0))
        commit = SyncRun._commit
        booked_at_each_save = []

        def save_and_look(run):
            booked_at_each_save.append(run.counts["booked"])
            return commit(run)

        self.wizard(sync_from=self.first_period_date()).action_sync()
        with patch.object(SyncRun, "_commit", autospec=True, side_effect=save_and_look):
            self.run_background_syncs()

        steps = {after - before for before, after in itertools.pairwise(booked_at_each_save)}
        # without the limit: 4 at a time, four batches of one bill sent together
        self.assertLessEqual(steps, {0, 1}, "each document booked is saved before the next is sent")
        self.assertEqual(booked_at_each_save[-1], len(self.booked()))
        self.assertGreater(len(self.booked()), 4)
        self.assert_one_record_per_document()

    def test_the_save_interval_is_a_third_of_what_a_cron_worker_has_left_after_its_sleep(self):
        Connection = self.env["remote.netsuite.connection"]
        cases = (
            # workers, limit_time_real_cron, limit_time_real, seconds between saves
            (0, -1, 120, 40),  # threaded: a cron thread's time counts from its job's start
            (0, 90, 120, 30),
            (0, 0, 120, None),
            (2, -1, 120, 50 / 3),  # a cron worker may have slept 70 s of it before the job
            (2, 90, 120, 20 / 3),
            (2, 72, 120, 2),  # never more often than every 2 s
            (2, 60, 120, 20),  # no cron job survives such a limit; a third of it still
        )
        for workers, cron_limit, real_limit, interval in cases:
            options = {
                "workers": workers,
                "limit_time_real_cron": cron_limit,
                "limit_time_real": real_limit,
            }
            with patch.dict(config.options, options):
                self.assertEqual(Connection._sync_save_interval(), interval, options)

    def test_a_resumed_run_reads_only_what_the_runs_before_it_left(self):
        self.in_batches_of_one()
        job = self.sync_killed_once(lambda run: run.counts["booked"] == 2)
        self.assertEqual(len(self.synced()), 2)
        self.assertEqual(job.counts["booked"], 2, "the counts are saved with the progress")
        dealt_with = self.documents().filtered(lambda document: document.sync_job_id == job)
        self.assertGreaterEqual(len(dealt_with), 2)
        reads = self.remote_sim.calls["GET /v1/billing-documents/{id}/breakdown"]

        self.run_background_syncs()

        remote_documents = self.remote_sim.data.documents
        reread = self.remote_sim.calls["GET /v1/billing-documents/{id}/breakdown"] - reads
        self.assertEqual(
            reread, len(remote_documents) - len(dealt_with), "what was saved is not read again"
        )
        booked = sum(1 for document in remote_documents if document.total)
        self.assertEqual((job.state, job.attempts), ("done", 2))
        self.assertEqual((job.booked_count, job.read_count), (booked, len(remote_documents)))
        event = self.sync_events()[:1]
        self.assertEqual(
            (event.sync_booked, event.sync_unchanged), (booked, 0), "the first run's count"
        )
        self.assertIn(f"{booked} booked", job.message)
        self.assertEqual(self.documents().sync_job_id, job)
        self.assert_one_record_per_document()

    def test_a_resumed_run_counts_each_unchanged_document_once(self):
        self.wizard(sync_from=self.first_period_date()).action_sync()
        self.run_background_syncs()  # everything booked: the next sync finds it unchanged
        settled = len(self.documents())
        Connection = type(self.connection)
        # nothing to send, so only the saves due for unchanged documents save the run
        self.startPatcher(patch.object(Connection, "_sync_save_interval", return_value=0.0))
        job = self.sync_killed_once(lambda run: run.counts["unchanged"] == 2)
        dealt_with = self.documents().filtered(lambda document: document.sync_job_id == job)
        self.assertGreaterEqual(len(dealt_with), 2, "saved before the worker died")
        shows = self.remote_sim.calls["GET /v1/billing-documents/{id}"]

        self.run_background_syncs()

        reread = self.remote_sim.calls["GET /v1/billing-documents/{id}"] - shows
        self.assertEqual(reread, settled - len(dealt_with), "what was saved is not read again")
        event = self.sync_events()[:1]
        self.assertEqual((event.sync_unchanged, event.sync_booked), (settled, 0))
        self.assertEqual(job.state, "done")

    def test_a_resumed_run_reads_no_employment_the_killed_run_read(self):
        self.map_all_items(self.connection, entity_mode=mapping.PER_ENTITY)  # reads employments
        self.in_batches_of_one()
        reads = self.remote_sim.calls["GET /v1/employments/{id}"]
        job = self.sync_killed_once(lambda run: run.counts["booked"] == 2)
        self.assertTrue(job.employments, "saved with the progress")

        self.run_background_syncs()

        self.assertEqual(job.state, "done")
        named = {
            line.employment_id
            for document in self.remote_sim.data.documents
            for line in document.breakdown
            if line.employment_id
        }
        self.assertEqual(
            self.remote_sim.calls["GET /v1/employments/{id}"] - reads, len(named), "each read once"
        )
        self.assertFalse(job.employments, "not kept once the sync is done")
        external_ids = [bill["external_id"] for bill in self.netsuite_sim.bills()]
        self.assertEqual(len(external_ids), len(set(external_ids)), "a bill booked twice")
        self.assertEqual(set(self.documents().mapped("state")), {"synced", "skipped"})

    def test_a_deleted_connection_takes_its_scheduled_action_along(self):
        self.wizard(sync_from=self.first_period_date()).action_sync()
        cron = self.connection.sync_cron_id
        self.assertTrue(cron)
        self.connection.unlink()
        self.assertFalse(cron.exists())

    def test_retry_all_failed_returns_at_once(self):
        broken = self.remote_sim.data.documents[0]
        self.remote_sim.fail_next(f"/v1/billing-documents/{broken.id}/breakdown", 404)
        self.assertTrue(self.connection._sync_manual("both")["ok"])
        failed = self.documents().filtered(lambda d: d.state == "failed")
        self.assertTrue(failed)
        calls = self.upsert_calls()
        manager = self.new_user("sync_retrier", manager=True)

        notification = self.connection.with_user(manager).action_retry_failed()["params"]

        self.assertIn("in the background", notification["message"])
        self.assertEqual(self.upsert_calls(), calls)
        self.assertEqual(self.job().document_ids, failed)
        self.run_background_syncs()
        self.assertEqual(set(failed.mapped("state")), {"synced"})
        self.assertEqual(self.last_notification(manager)["type"], "success", "to who asked")
        self.assertEqual(self.sync_events()[:1].user_id, manager)
        self.assert_one_record_per_document()
