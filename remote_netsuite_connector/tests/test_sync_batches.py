"""A run sends each batch to NetSuite in the background while it builds the next one: every batch
is settled and committed once NetSuite answered, and a send that fails for good leaves its
documents, and those not sent yet, to sync."""

import threading
from unittest.mock import patch

from odoo.tests import tagged

from ..sync import run as sync_run
from ..sync.writer import SyncWriter
from .test_sync_common import SyncCase


@tagged("post_install", "-at_install")
class TestSyncInBatches(SyncCase):
    def setUp(self):
        super().setUp()
        # one document a batch, one request at a time: each document's bill is a send of its own
        self.startPatcher(patch.object(sync_run, "MAX_RECORDS_PER_REQUEST", 1))
        self.connection.write({"netsuite_concurrency": 1, "netsuite_batch_size": 100})

    def synced_external_ids(self):
        synced = self.documents().filtered(lambda document: document.state == "synced")
        return {f"remote-{document.remote_id}" for document in synced}

    def test_every_send_is_settled_and_each_document_booked_once(self):
        result = self.connection._sync_manual("both")

        self.assertTrue(result["ok"], result["message"])
        self.assertGreater(self.upsert_calls(), 2, "the documents went in several sends")
        self.assert_one_record_per_document()
        self.assertEqual(self.synced_external_ids(), set(self.booked()))
        self.assertFalse(self.documents().filtered(lambda d: d.state == "to_sync"))

    def test_the_next_document_is_mirrored_while_netsuite_answers_the_send_before_it(self):
        """NetSuite's answer to the first send is held: the run mirrors the next document in
        the meantime instead of waiting for it."""
        hold = self.netsuite_sim.hold = threading.Event()
        self.addCleanup(setattr, self.netsuite_sim, "hold", None)
        self.addCleanup(hold.set)
        timer = threading.Timer(10, hold.set)  # a synchronous send would wait for this
        timer.start()
        self.addCleanup(timer.cancel)
        booked_at_each_mirror = []
        mirror = SyncWriter.mirror

        def watched_mirror(writer, batch):
            booked_at_each_mirror.append(len(self.booked()))
            if len(booked_at_each_mirror) == 2:
                hold.set()
            return mirror(writer, batch)

        with patch.object(SyncWriter, "mirror", watched_mirror):
            result = self.connection._sync_manual("both")

        self.assertTrue(result["ok"], result["message"])
        self.assertEqual(
            booked_at_each_mirror[:2],
            [0, 0],
            "the second document was mirrored while NetSuite still held the first one's bill",
        )
        self.assert_one_record_per_document()

    def test_a_send_failing_for_good_leaves_it_and_the_rest_to_sync_then_a_rerun_books_them(self):
        # the first document's send is answered; every attempt of the second one gets a 503
        self.netsuite_sim.fail_next(self.sim_name("single_upsert_fault"), "http_503", 5, after=1)

        first = self.connection._sync_manual("both")

        self.assertFalse(first["ok"])
        self.assertEqual(self.sync_events()[:1].level, "error")
        [booked] = self.booked()
        self.assertEqual(self.synced_external_ids(), {booked}, "synced is what NetSuite holds")
        waiting = self.documents().filtered(lambda d: d.state == "to_sync")
        self.assertTrue(waiting, "the failed send and the batches after it wait for the next run")

        # a retry sends them one by one too: the last send is answered after the last build
        waiting.action_retry()
        self.run_background_syncs()
        self.assertEqual(set(waiting.mapped("state")), {"synced"})
        self.assertEqual(self.synced_external_ids(), set(self.booked()))

        second = self.connection._sync_manual("both")

        self.assertTrue(second["ok"], second["message"])
        self.assert_one_record_per_document()
        self.assertEqual(self.synced_external_ids(), set(self.booked()))


@tagged("post_install", "-at_install")
class TestSyncInBatchesRest(TestSyncInBatches):
    TRANSPORT = "rest"
