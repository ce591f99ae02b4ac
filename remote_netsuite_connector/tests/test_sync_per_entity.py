"""Per-entity mapping: a document split over subsidiaries books one record per subsidiary."""

from decimal import Decimal

from odoo.tests import tagged

from ..services import mapping
from .common import ENTITY_SUBSIDIARY
from .test_sync_common import SyncCase


def billed_entity(remote, remote_document):
    """The README's rule, from the Remote simulator's data: the legal entity the document is
    billed to, which gets its company-level lines."""
    shares = {}
    for line in remote_document.breakdown:
        if line.employment_id:
            entity = remote.employments_by_id[line.employment_id].bill_to_legal_entity_id
            shares[entity] = shares.get(entity, 0) + line.invoice_amount
    default = next(entity.id for entity in remote.legal_entities if entity.is_default)
    if not shares or (len(shares) > 1 and default in shares):
        return default
    names = {entity.id: entity.name for entity in remote.legal_entities}
    return min(shares, key=lambda entity: (-abs(shares[entity]), names[entity].casefold()))


def employment_of(remote, country_code):
    """An employment billed to the Remote legal entity of that country (alpha-3)."""
    entity = next(e for e in remote.legal_entities if e.country_code == country_code)
    return next(e for e in remote.employments if e.bill_to_legal_entity_id == entity.id)


@tagged("post_install", "-at_install")
class TestPerEntitySync(SyncCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.map_all_items(cls.connection, entity_mode=mapping.PER_ENTITY)

    def test_each_subsidiary_gets_its_share_and_a_second_sync_sends_nothing(self):
        employment_calls = self.remote_sim.calls["GET /v1/employments/{id}"]
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
            if any(not line.employment_id for line in remote_document.breakdown):
                entities.add(billed_entity(remote, remote_document))
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
        employment_calls = self.remote_sim.calls["GET /v1/employments/{id}"] - employment_calls
        self.assertLessEqual(employment_calls, len(remote.employments), "once per run at most")
        self.assertTrue(self.connection._sync_manual("both")["ok"])
        self.assertEqual(self.upsert_calls(), calls)

    def records_of(self, remote_document):
        """NetSuite's records of a Remote document, by subsidiary name."""
        names = {sub.internal_id: sub.name for sub in self.netsuite_sim.data.subsidiaries}
        return {
            names[record["subsidiary_id"]]: record
            for record in self.netsuite_sim.bills()
            if record["external_id"].startswith(f"remote-{remote_document.id}")
        }

    def document_of(self, remote_document):
        return self.documents().filtered(lambda d: d.remote_id == remote_document.id)

    def add_de_nl_document(self, *lines):
        """A EUR reconciliation invoice in Remote; a line's ``employment_id`` names its
        employee's country ("DEU", "NLD"); a company-level line has none."""
        remote = self.remote_sim.data
        lines = [
            {**line, "employment_id": employment_of(remote, line["employment_id"]).id}
            if line.get("employment_id")
            else line
            for line in lines
        ]
        return self.remote_sim.add_document(
            remote.periods[-1], "reconciliation_invoice", "EUR", lines=lines
        )

    def test_zero_total_document_books_a_bill_in_one_subsidiary_and_a_credit_in_the_other(self):
        added = self.add_de_nl_document(
            {"type": "Base Salary", "amount": 10000, "employment_id": "DEU"},
            {"type": "Base Salary", "amount": -10000, "employment_id": "NLD"},
        )
        self.assertEqual(added.total, 0)

        result = self.connection._sync_manual("both")

        self.assertTrue(result["ok"], result["message"])
        document = self.document_of(added)
        self.assertEqual(document.state, "synced", document.message)
        self.assertIn(
            "1 vendor bill of 100.00 EUR and 1 vendor credit of 100.00 EUR", document.message
        )
        records = self.records_of(added)
        self.assertEqual(
            {name: (r["kind"], Decimal(r["total"])) for name, r in records.items()},
            {
                "Acme Germany": ("vendorBill", Decimal("100.00")),
                "Acme Netherlands": ("vendorCredit", Decimal("100.00")),
            },
        )
        self.assertEqual(len({r["external_id"] for r in records.values()}), 2)
        self.assertEqual(
            sorted((b.kind, b.subsidiary_name, b.internal_id) for b in document.bill_ids),
            sorted(
                (
                    {"vendorBill": "vendor_bill", "vendorCredit": "vendor_credit"}[r["kind"]],
                    name,
                    r["internal_id"],
                )
                for name, r in records.items()
            ),
        )
        self.assertEqual(document.subsidiary_names, "Acme Germany, Acme Netherlands")
        self.assertEqual(
            {b.netsuite_url.split(".nl?")[0].rsplit("/", 1)[1] for b in document.bill_ids},
            {"vendbill", "vendcred"},
        )
        calls = self.upsert_calls()
        self.assertTrue(self.connection._sync_manual("both")["ok"])
        self.assertEqual(self.upsert_calls(), calls, "booked once")
        self.assertEqual(document.state, "synced")

    def test_company_level_fee_of_a_de_nl_document_goes_with_its_largest_entity(self):
        added = self.add_de_nl_document(
            {"type": "Base Salary", "amount": 400000, "employment_id": "DEU"},
            {"type": "Base Salary", "amount": 500000, "employment_id": "NLD"},
            {"type": "Management Fee", "amount": 9384, "description": "Platform fee"},
        )

        result = self.connection._sync_manual("both")

        self.assertTrue(result["ok"], result["message"])
        self.assertEqual(self.document_of(added).state, "synced")
        records = self.records_of(added)
        self.assertEqual(set(records), {"Acme Germany", "Acme Netherlands"}, "none in Acme US")
        lines = {
            name: {line["memo"]: Decimal(line["amount"]) for line in record["lines"]}
            for name, record in records.items()
        }
        self.assertEqual(
            lines,
            {
                "Acme Germany": {"Base Salary": Decimal("4000.00")},
                "Acme Netherlands": {
                    "Base Salary": Decimal("5000.00"),
                    "Management Fee": Decimal("93.84"),
                },
            },
        )


@tagged("post_install", "-at_install")
class TestPerEntitySyncRest(TestPerEntitySync):
    TRANSPORT = "rest"
