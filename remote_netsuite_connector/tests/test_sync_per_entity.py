"""Per-entity mapping: a document split over subsidiaries books one record per subsidiary."""

from decimal import Decimal

from odoo.tests import tagged

from ..services import mapping
from .common import ENTITY_SUBSIDIARY
from .test_sync_common import SyncCase


@tagged("post_install", "-at_install")
class TestPerEntitySync(SyncCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.map_all_items(cls.connection, entity_mode=mapping.PER_ENTITY)

    def test_each_subsidiary_gets_its_share_and_a_second_sync_sends_nothing(self):
        result = self.connection._sync_manual("both")
        self.assertTrue(result["ok"], result["message"])
        remote = self.remote_sim.data
        netsuite = self.netsuite_sim.data
        booked = list(self.booked().values())
        for remote_document in remote.documents:
            if not remote_document.total:
                continue
            records = [
                b for b in booked if b["external_id"].startswith(f"remote-{remote_document.id}")
            ]
            entities = {
                remote.employments_by_id[line.employment_id].bill_to_legal_entity_id
                for line in remote_document.breakdown
                if line.employment_id
            }
            if len(entities) != 1 and any(
                not line.employment_id for line in remote_document.breakdown
            ):
                # company-level lines of a multi-entity document go to the default entity
                entities.add(next(e.id for e in remote.legal_entities if e.is_default))
            countries = {e.id: e.country_code for e in remote.legal_entities}
            expected = {
                netsuite.subsidiary(ENTITY_SUBSIDIARY[countries[entity]]).internal_id
                for entity in entities
            }
            self.assertEqual(
                {r["subsidiary_id"] for r in records}, expected, remote_document.number
            )
            decimals = netsuite.currency(remote_document.currency).decimals
            signed = sum(
                Decimal(r["total"]) * (1 if r["kind"] == "vendorBill" else -1) for r in records
            )
            total = Decimal(remote_document.total).scaleb(-decimals)
            self.assertEqual(abs(signed), abs(total), remote_document.number)
            document = self.documents().filtered(lambda d, r=remote_document: d.remote_id == r.id)
            self.assertEqual(len(document.bill_ids), len(records))
            self.assertTrue(document.subsidiary_names)
        calls = self.upsert_calls()
        employment_calls = self.remote_sim.calls["GET /v1/employments/{id}"]
        self.assertLessEqual(employment_calls, len(remote.employments), "once per run at most")
        self.assertTrue(self.connection._sync_manual("both")["ok"])
        self.assertEqual(self.upsert_calls(), calls)


@tagged("post_install", "-at_install")
class TestPerEntitySyncRest(TestPerEntitySync):
    TRANSPORT = "rest"
