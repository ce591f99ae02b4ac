"""Mappings NetSuite would refuse are caught before the sync: the department dropdown, "Still to
map" and the preview; a refusal names NetSuite's records; documents waiting for a currency keep
the mapping incomplete."""

from odoo.tests import tagged

from ..services import mapping
from .common import START_PERIOD, SimulatorsCase


@tagged("post_install", "-at_install")
class TestDepartmentRefusals(SimulatorsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.map_everything(breakdown=mapping.DEPARTMENT_BREAKDOWN)
        cls.customer_success = cls.netsuite_record(
            "remote.netsuite.ns.department", "Customer Success"
        )
        cls.engineering = cls.netsuite_record("remote.netsuite.ns.department", "Engineering")
        cls.germany = cls.netsuite_record("remote.netsuite.subsidiary", "Acme Germany")
        cls.uk = cls.netsuite_record("remote.netsuite.subsidiary", "Acme UK")
        cls.row = cls.connection.remote_department_ids.filtered(
            lambda row: row.name == "Customer Success"
        )

    def test_department_dropdown_offers_only_departments_of_the_mapped_subsidiaries(self):
        self.assertFalse(self.row.netsuite_department_id, "map_everything skips what is refused")
        self.assertIn(self.engineering, self.row.allowed_netsuite_department_ids)
        self.assertNotIn(self.customer_success, self.row.allowed_netsuite_department_ids)
        self.assertNotIn(
            self.netsuite_record("remote.netsuite.ns.department", "Legacy Operations"),
            self.row.allowed_netsuite_department_ids,
            "inactive",
        )
        self.connection.entity_mode = mapping.PER_ENTITY
        self.assertNotIn(self.customer_success, self.row.allowed_netsuite_department_ids)
        self.connection.write({"entity_mode": mapping.SINGLE_SUBSIDIARY})
        self.connection.single_subsidiary_id = self.uk
        self.assertIn(self.customer_success, self.row.allowed_netsuite_department_ids)

    def test_the_form_computes_the_dropdowns_without_filtering_on_a_new_id(self):
        # what the web client's onchange does: the connection and its rows as new records
        connection = self.connection.new(
            {"single_subsidiary_id": self.uk.id}, origin=self.connection
        )
        rows = {
            model: self.env[model].new({"connection_id": connection.id}, origin=record)
            for model, record in (("remote.netsuite.remote.department", self.row),)
        }
        with self.assertNoLogs("odoo.models", "WARNING"):
            departments = rows["remote.netsuite.remote.department"].allowed_netsuite_department_ids
        self.assertIn(self.customer_success, departments._origin)

    def test_still_to_map_names_a_mapped_department_outside_the_subsidiary(self):
        self.assertTrue(self.connection.mapping_complete, self.connection.mapping_problems)
        self.row.netsuite_department_id = self.customer_success
        self.assertFalse(self.connection.mapping_complete)
        self.assertEqual(
            self.connection.mapping_problems,
            'NetSuite department for Customer Success: department "Customer Success" is not '
            'available in subsidiary "Acme Germany".',
        )
        self.connection.single_subsidiary_id = self.uk
        self.assertTrue(self.connection.mapping_complete, self.connection.mapping_problems)
        self.connection.single_subsidiary_id = self.germany
        self.connection.breakdown = mapping.STANDARD_BREAKDOWN
        self.assertTrue(self.connection.mapping_complete, "no department on standard lines")

    def add_customer_success_invoice(self):
        """A pre-funding invoice of one employee of the Remote department Customer Success."""
        remote = self.remote_sim.data
        employment = next(e for e in remote.employments if e.department == "Customer Success")
        currency = next(
            entity.currency
            for entity in remote.legal_entities
            if entity.id == employment.bill_to_legal_entity_id
        )
        return self.remote_sim.add_document(
            START_PERIOD,
            "prefunding_invoice",
            currency,
            lines=[{"type": "Base Salary", "amount": 450000, "employment_id": employment.id}],
        )

    def sync_document(self, invoice):
        self.connection._sync("manual", periods=[START_PERIOD], selection="prefunding")
        return self.connection.document_ids.filtered(lambda d: d.remote_id == invoice.id)

    def test_preview_says_the_bill_would_fail_and_why(self):
        invoice = self.add_customer_success_invoice()
        salary_row = self.connection.department_item_ids.filtered(
            lambda row: row.department_id == self.row and row.item_id.name == "Base Salary"
        )
        salary_account = salary_row.account_id
        salary_row.account_id = False
        self.row.netsuite_department_id = self.customer_success
        document = self.sync_document(invoice)
        self.assertEqual(document.state, "needs_mapping", document.message)
        salary_row.account_id = salary_account

        preview = self.env["remote.netsuite.bill.preview"]._for_document(document)
        cs, de = self.customer_success.internal_id, self.germany.internal_id
        self.assertEqual(preview.outcome, "failed")
        self.assertIn(
            f'department "Customer Success" [{cs}] is not available in subsidiary '
            f'"Acme Germany" [{de}]',
            preview.message,
        )
        self.assertTrue(preview.bill_ids, "the bill that would be refused is shown")

    def test_netsuite_refusal_names_the_records(self):
        invoice = self.add_customer_success_invoice()
        self.row.netsuite_department_id = self.customer_success
        document = self.sync_document(invoice)
        cs, de = self.customer_success.internal_id, self.germany.internal_id
        named = f'department "Customer Success" [{cs}] for subsidiary "Acme Germany" [{de}]'
        self.assertEqual(document.state, "failed")
        self.assertIn("INVALID_KEY_OR_REF", document.message)
        self.assertIn(named, document.message)
        self.assertIn(named, document.bill_ids.error)
        self.assertIn(named, document.event_ids[:1].details)
        self.assertNotIn(invoice.number, [bill["tran_id"] for bill in self.netsuite_sim.bills()])


@tagged("post_install", "-at_install")
class TestCurrencyWaits(SimulatorsCase):
    def test_documents_waiting_for_a_currency_keep_the_mapping_incomplete(self):
        self.map_everything()
        self.assertTrue(self.connection.mapping_complete, self.connection.mapping_problems)
        invoice = self.remote_sim.add_document(
            START_PERIOD,
            "prefunding_invoice",
            "CHF",
            lines=[{"type": "Management Fee", "amount": 12000}],
        )
        self.connection._sync("manual", periods=[START_PERIOD], selection="prefunding")
        document = self.connection.document_ids.filtered(lambda d: d.remote_id == invoice.id)
        self.assertEqual(document.state, "needs_mapping")
        self.assertIn('NetSuite currency "CHF"', document.message)
        self.assertFalse(self.connection.mapping_complete)
        self.assertEqual(
            self.connection.mapping_problems,
            'NetSuite currency "CHF" (1 document waits for it). Swiss Franc is inactive in '
            "NetSuite: activate it in NetSuite, then Refresh from NetSuite.",
        )
        self.assertNotEqual(self.connection.setup_next_step, "Automatic sync")
