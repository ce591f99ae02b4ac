"""Late, re-issued and unmappable documents at Remote."""

from decimal import Decimal

from odoo.tests import tagged

from .test_sync_common import SyncCase

NEW_ITEM = "Relocation Allowance"


@tagged("post_install", "-at_install")
class TestRemoteChanges(SyncCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the simulator's re-issues add an "Adjustments" line: mapped like any other item
        cls.connection._ensure_items(["Adjustments"])
        adjustments = cls.connection.item_ids.filtered(lambda item: item.name == "Adjustments")
        adjustments.account_id = cls.netsuite_record("remote.netsuite.account", "6000")

    def document_of(self, remote_document):
        return self.documents().filtered(lambda d: d.remote_id == remote_document.id)

    def test_unmapped_item_waits_for_its_mapping_then_retry_books_it(self):
        period = self.remote_sim.data.periods[-1]
        late = self.remote_sim.add_document(
            period,
            "reconciliation_invoice",
            lines=[
                {"type": NEW_ITEM, "amount": 250000, "description": "Move to Lisbon"},
                {"type": "Base Salary", "amount": 100000},
            ],
        )
        result = self.connection._sync_manual("both")
        self.assertTrue(result["ok"], result["message"])
        document = self.document_of(late)
        self.assertEqual(document.state, "needs_mapping")
        self.assertIn(f'Account for item "{NEW_ITEM}"', document.message)
        self.assertNotIn(f"remote-{late.id}", self.booked())
        others = self.documents() - document
        self.assertEqual(set(others.mapped("state")) - {"skipped"}, {"synced"})
        event = document.event_ids[:1]
        self.assertEqual((event.event_type, event.level), ("document", "warning"))
        self.assertEqual(result["counts"]["needs_mapping"], 1)

        item = self.connection.item_ids.filtered(lambda i: i.name == NEW_ITEM)
        self.assertTrue(item, "the sync offers the new item for mapping")
        item.account_id = self.netsuite_record("remote.netsuite.account", "6060")
        calls = self.upsert_calls()
        self.env["remote.netsuite.document"].action_retry_failed()  # "Retry all failed"
        self.run_background_syncs()
        self.assertEqual(document.state, "synced", document.message)
        self.assertEqual(self.upsert_calls(), calls + 1, "only the retried document is sent")
        bill = self.booked()[f"remote-{late.id}"]
        lines = {
            line["memo"]: (line["account_id"], Decimal(line["amount"])) for line in bill["lines"]
        }
        account_6060 = self.netsuite_sim.data.account("6060").internal_id
        self.assertEqual(lines[NEW_ITEM], (account_6060, Decimal("2500.00")))
        self.assertEqual(Decimal(bill["total"]), Decimal("3500.00"))
        self.assertEqual(document.netsuite_internal_id, bill["internal_id"])
        self.assertIn(f"vendbill.nl?id={bill['internal_id']}", document.netsuite_url)
        self.assertTrue(document.netsuite_url.startswith("https://1234567-sb1.app.netsuite.com/"))

    def test_reissued_document_is_sent_again_as_an_update_of_the_same_record(self):
        self.assertTrue(self.connection._sync_manual("both")["ok"])
        target = next(d for d in self.remote_sim.data.documents if d.type == "prefunding_invoice")
        before = self.booked()[f"remote-{target.id}"]
        calls = self.upsert_calls()

        self.remote_sim.reissue(target.id, 12345)
        result = self.connection._sync_manual("both")
        self.assertTrue(result["ok"], result["message"])
        self.assertEqual(result["counts"]["booked"], 1)
        self.assertEqual(self.upsert_calls(), calls + 1)
        after = self.booked()[f"remote-{target.id}"]
        self.assertEqual(after["internal_id"], before["internal_id"])
        self.assertEqual(after["updated_count"], before["updated_count"] + 1)
        self.assertEqual(Decimal(after["total"]), Decimal(before["total"]) + Decimal("123.45"))
        self.assert_booked_like_remote(target)
        document = self.document_of(target)
        self.assertEqual((document.state, document.amount_minor), ("synced", target.total))
        self.assertIn("Adjustments", document.line_ids.mapped("item"))

    def test_synced_invoice_lines_show_remote_text_exactly(self):
        data = self.remote_sim.data
        people = data.group_for_currency(data.legal_entities[0].currency).employments
        texts = [
            'Bonus, "Q3" split; 50% paid',
            "Two lines\nof text\twith a tab",
            "Back\\slash, emoji 🎉 and Ünïcödé",
            "",  # no description from Remote: the simulator writes the item and the period
        ]
        added = self.remote_sim.add_document(
            data.periods[-1],
            "reconciliation_invoice",
            lines=[
                {
                    "type": "Base Salary",
                    "amount": 1000 + n,
                    "description": text,
                    "employment_id": people[n].id if n < 2 else None,
                }
                for n, text in enumerate(texts)
            ],
        )
        self.assertTrue(self.connection._sync_manual("both")["ok"])
        document = self.document_of(added)
        self.assertEqual(document.state, "synced", document.message)
        shown = [
            (line.item, line.description, line.employment_id or None, line.employee or None,
             line.department or None, line.amount_minor)
            for line in document.line_ids
        ]  # fmt: skip
        names = {person.id: (person.full_name, person.department) for person in people}
        remote = [
            (line.type, line.description, line.employment_id,
             *names.get(line.employment_id, (None, None)), line.invoice_amount)
            for line in added.breakdown
        ]  # fmt: skip
        self.assertEqual(shown, remote)
        self.assertIn("Two lines\nof text\twith a tab", document.line_ids[1].description)

    def credit_to_flip(self):
        """A negative invoice (Remote's convention before credit notes) booked as a credit of
        1,109.92, then re-issued as +890.08."""
        target = self.remote_sim.add_document(
            self.remote_sim.data.periods[-1],
            "reconciliation_invoice",
            lines=[{"type": "Base Salary", "amount": -110992}],
        )
        self.assertTrue(self.connection._sync_manual("both")["ok"])
        before = self.booked()[f"remote-{target.id}"]
        self.assertEqual((before["kind"], before["total"]), ("vendorCredit", "1109.92"))
        self.remote_sim.reissue(target.id, 200000)
        self.assertEqual(target.total, 89008)
        return target, before

    def test_reissue_with_the_other_sign_fails_when_the_credit_is_applied(self):
        target, before = self.credit_to_flip()
        self.netsuite_sim.mark_applied(before["external_id"])
        self.connection._sync_manual("both")
        document = self.document_of(target)
        self.assertEqual(document.state, "failed")
        self.assertIn("CANT_DELETE_TRANS", document.message)
        self.assertIn(f"vendor credit {document.name}", document.message)
        self.assertIn("then retry this document", document.message)
        booked = [b for b in self.netsuite_sim.bills() if b["external_id"] == before["external_id"]]
        self.assertEqual(
            [(b["kind"], b["total"]) for b in booked], [("vendorCredit", before["total"])]
        )

    def records_under(self, external_id):
        return [b for b in self.netsuite_sim.bills() if b["external_id"] == external_id]

    def test_reissue_with_the_other_sign_replaces_the_credit_by_the_bill(self):
        target, before = self.credit_to_flip()

        result = self.connection._sync_manual("both")

        self.assertTrue(result["ok"], result["message"])
        document = self.document_of(target)
        self.assertEqual(document.state, "synced", document.message)
        [bill] = self.records_under(before["external_id"])
        self.assertEqual(bill["kind"], "vendorBill")
        self.assertNotEqual(bill["internal_id"], before["internal_id"])
        self.assertNotIn(
            before["internal_id"], [b["internal_id"] for b in self.netsuite_sim.bills()]
        )
        self.assert_booked_like_remote(target)
        self.assertEqual(document.netsuite_internal_id, bill["internal_id"])
        self.assertEqual(
            [(b.kind, b.internal_id) for b in document.bill_ids],
            [("vendor_bill", bill["internal_id"])],
        )
        self.assertIn(f"vendbill.nl?id={bill['internal_id']}", document.netsuite_url)

    def test_reissue_with_the_other_sign_whose_bill_is_refused_keeps_no_deleted_record(self):
        target, before = self.credit_to_flip()
        # a user event script refuses the new bill once the credit is deleted
        self.netsuite_sim.fail_next(self.sim_name("single_upsert_fault"), "before_submit_failed")

        self.connection._sync_manual("both")

        document = self.document_of(target)
        self.assertEqual(document.state, "failed")
        self.assertEqual(self.records_under(before["external_id"]), [], "neither record")
        self.assertIn(
            f"the vendor credit {document.name} (internal id {before['internal_id']}) was "
            "deleted from NetSuite",
            document.message,
        )
        self.assertIn("beforeSubmit", document.message)
        self.assertIn("then retry this document to book the vendor bill", document.message)
        self.assertFalse(document.netsuite_internal_id)
        self.assertFalse(document.netsuite_url)
        self.assertEqual(
            [(b.kind, b.internal_id) for b in document.bill_ids], [("vendor_bill", False)]
        )

        document.action_retry()  # the step the message names
        self.run_background_syncs()

        self.assertEqual(document.state, "synced", document.message)
        [bill] = self.records_under(before["external_id"])
        self.assertEqual(bill["kind"], "vendorBill")
        self.assertEqual(document.netsuite_internal_id, bill["internal_id"])

    def test_reissue_with_the_other_sign_stopped_after_the_delete_keeps_no_deleted_record(self):
        target, before = self.credit_to_flip()
        self.netsuite_sim.deny_permission("vendorBill")  # the whole upsert request is refused
        self.addCleanup(self.netsuite_sim.allow_permission, "vendorBill")

        result = self.connection._sync_manual("both")

        self.assertFalse(result["ok"])
        document = self.document_of(target)
        self.assertEqual(document.state, "to_sync")
        self.assertEqual(self.records_under(before["external_id"]), [])
        self.assertFalse(document.netsuite_internal_id)
        self.assertFalse(any(document.bill_ids.mapped("internal_id")))

        self.netsuite_sim.allow_permission("vendorBill")
        self.assertTrue(self.connection._sync_manual("both")["ok"])

        self.assertEqual(document.state, "synced", document.message)
        [bill] = self.records_under(before["external_id"])
        self.assertEqual(bill["kind"], "vendorBill")
        self.assertEqual(document.netsuite_internal_id, bill["internal_id"])


@tagged("post_install", "-at_install")
class TestRemoteChangesRest(TestRemoteChanges):
    TRANSPORT = "rest"
