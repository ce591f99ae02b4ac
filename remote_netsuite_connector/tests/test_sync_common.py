"""Shared helpers of the sync tests (no test here)."""

from decimal import Decimal

from .common import ITEM_ACCOUNT, SINGLE_SUBSIDIARY, SimulatorsCase


class SyncMixin:
    """A fully mapped connection that syncs the simulated quarter."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.map_all_items(cls.connection)
        cls.connection.sync_from = cls.first_period_date()

    @classmethod
    def map_all_items(cls, connection, remote_sim=None, **mapping_options):
        """Map everything, including every item the Remote simulator bills (a refresh only
        discovers the items of a few recent documents)."""
        cls.refresh_all(connection)
        items = {
            line.type for d in (remote_sim or cls.remote_sim).data.documents for line in d.breakdown
        }
        connection._ensure_items(items)
        cls.map_everything(connection, refresh=False, **mapping_options)

    def setUp(self):
        super().setUp()
        # Odoo rolls each test back; NetSuite must forget that test's bookings too, and Remote
        # the failures a test planned but its sync did not use up
        self.netsuite_sim.reset_bookings()
        self.remote_sim.faults.clear()

    @classmethod
    def first_period_date(cls):
        year, month = map(int, cls.remote_sim.data.periods[0].split("-"))
        return f"{year:04d}-{month:02d}-01"

    def documents(self, connection=None):
        return self.env["remote.netsuite.document"].search(
            [("connection_id", "=", (connection or self.connection).id)]
        )

    def sync_events(self, connection=None):
        return self.env["remote.netsuite.event"].search(
            [
                ("connection_id", "=", (connection or self.connection).id),
                ("event_type", "=", "sync"),
            ]
        )

    def upsert_calls(self):
        return sum(self.netsuite_sim.calls[call] for call in self.sim_name("upsert_calls"))

    def booked(self):
        """NetSuite's transactions by externalId."""
        return {bill["external_id"]: bill for bill in self.netsuite_sim.bills()}

    def assert_one_record_per_document(self):
        external_ids = [bill["external_id"] for bill in self.netsuite_sim.bills()]
        self.assertEqual(len(external_ids), len(set(external_ids)), "a document booked twice")
        expected = {f"remote-{d.id}" for d in self.remote_sim.data.documents if d.total}
        self.assertEqual(set(external_ids), expected, "a document lost")

    def expected_lines(self, remote_document):
        """What the bill of a Remote document must hold, computed from the simulator's data:
        {item: (account internal id, amount)}, amounts in the booking direction."""
        data = self.netsuite_sim.data
        lines = remote_document.breakdown
        direction = 1 if sum(line.invoice_amount for line in lines) > 0 else -1
        sums = {}
        for line in lines:
            sums[line.type] = sums.get(line.type, 0) + line.invoice_amount * direction
        decimals = data.currency(remote_document.currency).decimals
        return {
            item: (
                data.account(ITEM_ACCOUNT.get(item, "6000")).internal_id,
                Decimal(amount).scaleb(-decimals),
            )
            for item, amount in sums.items()
            if amount
        }

    def assert_booked_like_remote(self, remote_document):
        """The NetSuite record of a Remote document: vendor, subsidiary, currency, kind and every
        line's account and amount as the Remote breakdown says (single subsidiary mapping)."""
        data = self.netsuite_sim.data
        bill = self.booked()[f"remote-{remote_document.id}"]
        credit = remote_document.is_credit_note or remote_document.total < 0
        self.assertEqual(bill["kind"], "vendorCredit" if credit else "vendorBill")
        self.assertEqual(bill["tran_id"], remote_document.number)
        self.assertEqual(bill["tran_date"], remote_document.issued_date.isoformat(), "same day")
        self.assertEqual(bill["vendor_id"], data.vendor(remote_document.bill_from).internal_id)
        self.assertEqual(bill["subsidiary_id"], data.subsidiary(SINGLE_SUBSIDIARY).internal_id)
        self.assertEqual(bill["currency_id"], data.currency(remote_document.currency).internal_id)
        lines = {
            line["memo"]: (line["account_id"], Decimal(line["amount"])) for line in bill["lines"]
        }
        self.assertEqual(lines, self.expected_lines(remote_document))
        self.assertEqual(len(bill["lines"]), len(lines), "one line per item")
        return bill


class SyncCase(SyncMixin, SimulatorsCase):
    pass
