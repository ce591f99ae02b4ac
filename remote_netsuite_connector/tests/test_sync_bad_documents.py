"""A document Odoo cannot store fails alone: the others are booked and the run is in history."""

from odoo.tests import tagged

from .test_sync_common import SyncCase


@tagged("post_install", "-at_install")
class TestDocumentsOdooCannotStore(SyncCase):
    def test_an_amount_beyond_bigint_and_a_nul_byte_fail_their_documents_alone(self):
        invoices = [d for d in self.remote_sim.data.documents if d.type.endswith("_invoice")]
        huge, nul = invoices[0], invoices[1]
        self.remote_sim.reissue(huge.id, 10**20)
        self.remote_sim.reissue(nul.id, 100, description="before\x00after")

        result = self.connection._sync_manual("both")

        documents = self.documents()
        by_remote_id = {document.remote_id: document for document in documents}
        self.assertEqual(by_remote_id[huge.id].state, "failed")
        self.assertIn("too large", by_remote_id[huge.id].message)
        self.assertEqual(by_remote_id[nul.id].state, "failed")
        self.assertIn("NUL character", by_remote_id[nul.id].message)
        booked = self.booked()
        for document in self.remote_sim.data.documents:
            if document.id in (huge.id, nul.id):
                self.assertNotIn(f"remote-{document.id}", booked)
            elif document.total:
                self.assertIn(f"remote-{document.id}", booked, "a good document was not booked")
        run = self.sync_events()[:1]
        self.assertIn("Manual sync", run.summary)
        self.assertIn("2 failed", result["message"])
