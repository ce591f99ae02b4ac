"""Remote's invoice PDF stored in the NetSuite File Cabinet and attached to the booked bills."""

import hashlib

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from simulators.remote.pdf import document_pdf

from .common import SimulatorsCase

FOLDER_ID = "42"


@tagged("post_install", "-at_install")
class TestPdfAttachment(SimulatorsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.map_everything()
        cls.connection.write({"attach_pdf": True, "netsuite_pdf_folder_id": FOLDER_ID})
        cls.period = next(
            d.period for d in cls.remote_sim.data.documents if d.type == "prefunding_invoice"
        )

    def setUp(self):
        super().setUp()
        self.netsuite_sim.reset_bookings()
        self.addCleanup(self.netsuite_sim.allow_permission, self.sim_name("attach_permission"))
        self.addCleanup(self.netsuite_sim.allow_permission, self.sim_name("upload_permission"))

    def map_adjustments(self):
        """The item a re-issue adds (Remote's data keeps re-issues for the whole class)."""
        self.connection._ensure_items(["Adjustments"])
        adjustments = self.connection.item_ids.filtered(lambda item: item.name == "Adjustments")
        adjustments.account_id = self.netsuite_record("remote.netsuite.account", "6000")

    def sync(self):
        self.connection._sync("manual", periods=[self.period], selection="prefunding")
        documents = self.connection.document_ids.filtered(lambda d: d.period == self.period)
        self.assertTrue(documents)
        self.assertEqual(set(documents.mapped("state")), {"synced"}, documents.mapped("message"))
        return documents

    def assert_attached(self, documents):
        bills = {bill["internal_id"]: bill for bill in self.netsuite_sim.bills()}
        files = {file["internal_id"]: file for file in self.netsuite_sim.files()}
        self.assertEqual(len(files), len(documents), "one PDF per document in the File Cabinet")
        for document in documents:
            self.assertEqual(document.attachment_state, "attached")
            stored = files[document.pdf_file_id]
            self.assertEqual(stored["folder_id"], FOLDER_ID)
            self.assertEqual(stored["name"], f"Remote {document.name}.pdf")
            self.assertGreater(stored["size"], 0)
            for bill in document.bill_ids:
                self.assertEqual(
                    bills[bill.internal_id]["attached_file_ids"], [document.pdf_file_id]
                )

    def test_pdf_is_stored_and_attached_to_each_bill(self):
        self.assert_attached(self.sync())

    def test_failed_attachment_is_retried_alone_without_a_second_bill(self):
        self.netsuite_sim.deny_permission(self.sim_name("attach_permission"))
        documents = self.sync()
        self.assertEqual(set(documents.mapped("attachment_state")), {"failed"})
        self.assertIn("INSUFFICIENT_PERMISSION", documents.bill_ids[0].attachment_error)
        booked = self.netsuite_sim.bills()
        self.assertEqual(len(booked), len(documents.bill_ids), "the bills are booked anyway")

        self.netsuite_sim.allow_permission(self.sim_name("attach_permission"))
        self.env["remote.netsuite.connection"]._cron_attach_pdfs()

        self.assert_attached(documents)
        after = self.netsuite_sim.bills()
        self.assertEqual(len(after), len(booked), "no second bill")
        self.assertEqual([bill["updated_count"] for bill in after], [0] * len(after))

    def test_failed_upload_is_retried_from_the_document(self):
        self.netsuite_sim.deny_permission(self.sim_name("upload_permission"))
        documents = self.sync()
        self.assertEqual(set(documents.mapped("attachment_state")), {"failed"})
        self.assertFalse(self.netsuite_sim.files())

        self.netsuite_sim.allow_permission(self.sim_name("upload_permission"))
        documents.action_retry_attachment()
        self.assert_attached(documents)
        self.assertEqual(len(self.netsuite_sim.bills()), len(documents.bill_ids))

    def test_attachment_is_off_by_default(self):
        self.connection.attach_pdf = False
        self.sync()
        self.assertFalse(self.netsuite_sim.files())

    def test_reissued_document_gets_its_new_pdf_in_the_same_file(self):
        documents = self.sync()
        target = next(
            d
            for d in self.remote_sim.data.documents
            if d.period == self.period and d.type == "prefunding_invoice"
        )
        document = documents.filtered(lambda d: d.remote_id == target.id)
        file_id = document.pdf_file_id
        self.map_adjustments()

        self.remote_sim.reissue(target.id, 12345)
        self.sync()

        self.assert_attached(documents)
        self.assertEqual(document.pdf_file_id, file_id, "the same File Cabinet file")
        stored = next(f for f in self.netsuite_sim.files() if f["internal_id"] == file_id)
        self.assertEqual(stored["sha256"], hashlib.sha256(document_pdf(target)).hexdigest())


@tagged("post_install", "-at_install")
class TestPdfAttachmentRest(TestPdfAttachment):
    """The same PDFs over REST, through the addon's RESTlet (REST has no File Cabinet files)."""

    TRANSPORT = "rest"

    def test_without_the_restlet_no_pdf_is_sent_and_the_form_says_why(self):
        with self.assertRaisesRegex(ValidationError, "cannot store files"):
            self.connection.netsuite_restlet_url = False
        self.connection.write({"attach_pdf": False, "netsuite_restlet_url": False})
        message = self.connection.action_test_connection()["params"]["message"]
        self.assertIn("No PDF RESTlet: invoice PDFs are not attached on REST", message)
        self.map_adjustments()
        self.sync()
        self.assertFalse(self.netsuite_sim.files())
        self.assertEqual(self.netsuite_sim.calls["add"], 0, "never over SOAP")

    def test_test_connection_says_whether_the_restlet_is_deployed(self):
        message = self.connection.action_test_connection()["params"]["message"]
        self.assertIn("PDF RESTlet deployed (contract version 1)", message)
        self.netsuite_sim.restlet_deployed = False
        self.addCleanup(setattr, self.netsuite_sim, "restlet_deployed", True)
        message = self.connection.action_test_connection()["params"]["message"]
        self.assertEqual(self.connection.last_test_state, "failed")
        self.assertIn("The PDF RESTlet is not deployed at", message)
