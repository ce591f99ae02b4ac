"""A booked document that would now be split differently across subsidiaries is refused, and the
refusal names what changed: Remote's document or the subsidiary mapping."""

from odoo.tests import tagged

from ..services import mapping
from .test_sync_common import SyncCase
from .test_sync_per_entity import employment_of


@tagged("post_install", "-at_install")
class TestSplitChanges(SyncCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.map_all_items(cls.connection, entity_mode=mapping.PER_ENTITY)
        cls.connection._ensure_items(["Adjustments"])  # the line of the simulator's re-issues
        adjustments = cls.connection.item_ids.filtered(lambda item: item.name == "Adjustments")
        adjustments.account_id = cls.netsuite_record("remote.netsuite.account", "6000")
        remote = cls.remote_sim.data
        cls.germany = employment_of(remote, "DEU")
        cls.netherlands = employment_of(remote, "NLD")

    def add_eur_document(self, *people):
        """A reconciliation invoice with one 1,000.00 Base Salary line per employment, booked."""
        added = self.remote_sim.add_document(
            self.remote_sim.data.periods[-1],
            "reconciliation_invoice",
            "EUR",
            lines=[
                {"type": "Base Salary", "amount": 100000, "employment_id": person.id}
                for person in people
            ],
        )
        self.assertTrue(self.connection._sync_manual("both")["ok"])
        document = self.documents().filtered(lambda d: d.remote_id == added.id)
        self.assertEqual(document.state, "synced", document.message)
        return added, document

    def records_of(self, remote_document):
        """NetSuite's records of a Remote document: {externalId: (subsidiary, total, updates)}."""
        names = {sub.internal_id: sub.name for sub in self.netsuite_sim.data.subsidiaries}
        return {
            r["external_id"]: (names[r["subsidiary_id"]], r["total"], r["updated_count"])
            for r in self.netsuite_sim.bills()
            if r["external_id"].startswith(f"remote-{remote_document.id}")
        }

    def subsidiary_id(self, name):
        return self.netsuite_sim.data.subsidiary(name).internal_id

    def assert_refused_naming_the_reissue(self, document, added):
        """Failed, blaming Remote's re-issue of the DE document with an NL employee, not a
        mapping change."""
        self.assertEqual(document.state, "failed")
        self.assertIn(
            f"Remote re-issued {added.number} with legal entities Acme GmbH → Acme B.V. + "
            "Acme GmbH",
            document.message,
        )
        self.assertNotIn("mapping", document.message)

    def test_remote_reissue_with_another_entity_is_refused_naming_the_reissue(self):
        added, document = self.add_eur_document(self.germany)
        single = f"remote-{added.id}"
        self.assertEqual(self.records_of(added), {single: ("Acme Germany", "1000.00", 0)})

        self.remote_sim.reissue(added.id, 50000, employment_id=self.netherlands.id)
        self.connection._sync_manual("both")

        self.assert_refused_naming_the_reissue(document, added)
        self.assertIn(f"NetSuite has {added.number} as {single} in Acme Germany", document.message)
        self.assertIn("in Acme Germany + Acme Netherlands", document.message)
        self.assertIn(f"Delete {single} in NetSuite", document.message)
        self.assertEqual(
            self.records_of(added), {single: ("Acme Germany", "1000.00", 0)}, "left as it was"
        )

        # the step the message names: delete the old record in NetSuite, then retry
        self.netsuite_sim.delete_record(single)
        document.action_retry()
        self.run_background_syncs()

        self.assertEqual(document.state, "synced", document.message)
        germany = f"{single}-s{self.subsidiary_id('Acme Germany')}"
        netherlands = f"{single}-s{self.subsidiary_id('Acme Netherlands')}"
        self.assertEqual(
            self.records_of(added),
            {
                germany: ("Acme Germany", "1000.00", 0),
                netherlands: ("Acme Netherlands", "500.00", 0),
            },
        )
        self.assertEqual(sorted(document.bill_ids.mapped("external_id")), [germany, netherlands])
        self.assertTrue(all(document.bill_ids.mapped("internal_id")))

    def test_mapping_change_of_a_split_document_is_refused_naming_the_entity_and_subsidiaries(
        self,
    ):
        added, document = self.add_eur_document(self.germany, self.netherlands)
        before = self.records_of(added)
        self.assertEqual(
            sorted(subsidiary for subsidiary, _total, _updates in before.values()),
            ["Acme Germany", "Acme Netherlands"],
        )
        entity = self.connection.legal_entity_ids.filtered(lambda e: e.country_code == "NLD")
        entity.subsidiary_id = self.netsuite_record("remote.netsuite.subsidiary", "Acme Germany")

        document.action_retry()  # "Send again" on the synced document
        self.run_background_syncs()
        notification = self.last_notification()  # the outcome, once the sync ran

        # refused, but NetSuite's records are still Remote's document: nothing to fix
        self.assertEqual(document.state, "synced", document.message)
        self.assertIn("Still booked as before", document.message)
        self.assertNotIn(document, self.connection.attention_document_ids)
        self.assertFalse(self.connection.activity_ids, "no activity for a document still right")
        self.assertEqual(notification["type"], "warning")
        self.assertIn("1 not booked again", notification["message"])
        self.assertEqual(document.event_ids[:1].level, "warning")
        self.assertIn(
            "the subsidiary mapping of legal entity Acme B.V. changed from Acme Netherlands to "
            "Acme Germany",
            document.message,
        )
        self.assertNotIn("re-issued", document.message)
        self.assertIn("Map Acme B.V. to Acme Netherlands again", document.message)
        self.assertEqual(self.records_of(added), before, "NetSuite left as it was")

    def test_a_booking_that_kept_no_entities_is_compared_by_its_lines(self):
        added, document = self.add_eur_document(self.germany)
        document.bill_ids.remote_legal_entities = False  # booked by an earlier version

        self.remote_sim.reissue(added.id, 50000, employment_id=self.netherlands.id)
        self.connection._sync_manual("both")

        self.assert_refused_naming_the_reissue(document, added)
        self.assertEqual(len(self.records_of(added)), 1)
