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
