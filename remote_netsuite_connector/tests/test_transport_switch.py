"""A connection booked over SOAP + TBA, then switched to REST + OAuth 2.0: every document keeps its
state and NetSuite record, the mappings survive a refresh over SuiteQL, and nothing is booked
twice (both transports key bills on the same externalIds)."""

from decimal import Decimal

from odoo.tests import tagged

from .test_sync_common import SyncCase


@tagged("post_install", "-at_install")
class TestSwitchSoapToRest(SyncCase):
    TRANSPORT = "soap"

    def snapshot(self):
        return {
            document.remote_id: (document.state, document.netsuite_internal_id)
            for document in self.documents()
        }

    def soap_calls(self):
        return sum(n for call, n in self.netsuite_sim.calls.items() if not call.startswith("REST"))

    def assert_each_bill_once(self):
        external_ids = [bill["external_id"] for bill in self.netsuite_sim.bills()]
        self.assertEqual(len(external_ids), len(set(external_ids)), "a document booked twice")

    def test_switch_keeps_every_document_and_books_nothing_twice(self):
        result = self.connection._sync_manual("both")
        self.assertTrue(result["ok"], result["message"])
        before = self.snapshot()
        booked = self.booked()
        self.assertTrue(booked)
        mapped_accounts = self.connection.item_ids.mapped("account_id.internal_id")

        soap_calls = self.soap_calls()
        self.connection.netsuite_transport = "rest"
        self.assertEqual(self.snapshot(), before, "the switch changes no document")
        self.assertEqual(
            self.connection.event_ids[:1].summary,
            "NetSuite connection: SOAP + TBA → REST + OAuth 2.0",
            "the switch is in Events History",
        )
        self.connection._refresh_from_netsuite()
        self.assertTrue(self.connection.mapping_complete, self.connection.mapping_problems)
        self.assertEqual(self.connection.item_ids.mapped("account_id.internal_id"), mapped_accounts)

        rest_calls = self.netsuite_sim.calls["REST PUT record"]
        again = self.connection._sync_manual("both")
        self.assertTrue(again["ok"], again["message"])
        self.assertEqual(self.netsuite_sim.calls["REST PUT record"], rest_calls, "nothing resent")
        self.assertEqual(self.snapshot(), before)

        target = next(d for d in self.remote_sim.data.documents if d.type == "prefunding_invoice")
        self.connection._ensure_items(["Adjustments"])
        adjustments = self.connection.item_ids.filtered(lambda item: item.name == "Adjustments")
        adjustments.account_id = self.netsuite_record("remote.netsuite.account", "6000")
        self.remote_sim.reissue(target.id, 12345)
        reissued = self.connection._sync_manual("both")
        self.assertTrue(reissued["ok"], reissued["message"])
        self.assertEqual(reissued["counts"]["booked"], 1)
        self.assertEqual(self.netsuite_sim.calls["REST PUT record"], rest_calls + 1)
        self.assertEqual(self.soap_calls(), soap_calls, "no SOAP request after the switch")

        self.assert_each_bill_once()
        after = self.booked()
        self.assertEqual(set(after), set(booked), "no new record")
        updated = after[f"remote-{target.id}"]
        self.assertEqual(updated["internal_id"], booked[f"remote-{target.id}"]["internal_id"])
        self.assertEqual(
            Decimal(updated["total"]),
            Decimal(booked[f"remote-{target.id}"]["total"]) + Decimal("123.45"),
        )
        self.assert_booked_like_remote(target)
        self.assertEqual(self.snapshot(), before, "same states and NetSuite ids")
