"""Preview of the bills a document would be booked as: exact payloads, names, nothing sent."""

from decimal import Decimal

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import SimulatorsCase


@tagged("post_install", "-at_install")
class TestBillPreview(SimulatorsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.map_everything()
        cls.base_salary = cls.connection.item_ids.filtered(lambda i: i.name == "Base Salary")
        cls.account = cls.base_salary.account_id
        cls.base_salary.account_id = False
        cls.remote_invoice = next(
            d for d in cls.remote_sim.data.documents if d.type == "prefunding_invoice"
        )
        cls.connection._sync("manual", periods=[cls.remote_invoice.period], selection="prefunding")
        cls.document = cls.connection.document_ids.filtered(
            lambda d: d.remote_id == cls.remote_invoice.id
        )

    def netsuite_writes(self):
        return sum(self.netsuite_sim.calls[call] for call in self.sim_name("write_calls"))

    def test_unmapped_document_shows_what_is_missing(self):
        self.assertEqual(self.document.state, "needs_mapping")
        action = self.document.action_preview_bills()
        preview = self.env[action["res_model"]].browse(action["res_id"])
        self.assertEqual(preview.outcome, "needs_mapping")
        self.assertIn('Account for item "Base Salary"', preview.missing)
        self.assertFalse(preview.bill_ids)

    def test_mapped_document_shows_the_exact_bill_without_sending_it(self):
        self.base_salary.account_id = self.account
        writes = self.netsuite_writes()
        preview = self.env["remote.netsuite.bill.preview"]._for_document(self.document)
        self.assertEqual(preview.outcome, "ready", preview.message)
        self.assertFalse(preview.missing)
        [bill] = preview.bill_ids
        self.assertEqual(bill.kind, "vendor_bill")
        self.assertEqual(bill.external_id, f"remote-{self.remote_invoice.id}")
        self.assertEqual(bill.tran_id, self.remote_invoice.number)
        issuer = self.connection.issuer_ids.filtered(
            lambda i: i.name == self.remote_invoice.bill_from
        )
        self.assertIn(issuer.vendor_id.name, bill.vendor)
        self.assertIn("Acme Germany", bill.subsidiary)
        self.assertIn(self.remote_invoice.currency, bill.currency)
        self.assertIn(self.account.name, bill.line_ids.mapped("account")[0])
        amounts = sum(Decimal(line.amount) for line in bill.line_ids)
        self.assertEqual(amounts, Decimal(bill.total))
        self.assertEqual(Decimal(bill.total) * 100, self.remote_invoice.total)
        self.assertEqual(self.netsuite_writes(), writes, "a preview never writes to NetSuite")
        self.assertEqual(self.document.state, "needs_mapping", "a preview changes nothing")

    def test_synced_documents_are_not_previewed(self):
        self.base_salary.account_id = self.account
        self.document.action_retry()
        self.run_background_syncs()
        self.assertEqual(self.document.state, "synced")
        with self.assertRaises(UserError):
            self.document.action_preview_bills()


@tagged("post_install", "-at_install")
class TestBillPreviewRest(TestBillPreview):
    TRANSPORT = "rest"
