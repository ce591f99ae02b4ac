"""Documents dated in a closed NetSuite posting period (VALID_PRD_REQD), option off and on."""

from odoo.tests import tagged

from .common import SimulatorsCase

CLOSED_PERIOD = "2024-12"  # closed in the simulator's seeded account


@tagged("post_install", "-at_install")
class TestClosedPeriod(SimulatorsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.map_everything()
        cls.invoice = cls.remote_sim.add_document(CLOSED_PERIOD, "prefunding_invoice")
        cls.january = next(p for p in cls.netsuite_sim.data.periods if p.key == "2025-01")

    def setUp(self):
        super().setUp()
        self.netsuite_sim.reset_bookings()

    def sync(self):
        self.connection._sync("manual", periods=[CLOSED_PERIOD], selection="prefunding")
        return self.connection.document_ids.filtered(lambda d: d.remote_id == self.invoice.id)

    def test_option_off_fails_naming_the_closed_period(self):
        document = self.sync()
        self.assertEqual(document.state, "failed")
        self.assertIn("accounting period Dec 2024, which is closed", document.message)
        self.assertIn(self.invoice.issued_date.isoformat(), document.message)
        self.assertFalse(self.netsuite_sim.bills())

    def test_option_on_books_in_the_first_open_period_with_the_original_date(self):
        self.assertEqual(self.sync().state, "failed")
        self.connection.book_in_open_period = True
        document = self.sync()
        self.assertEqual(document.state, "synced", document.message)
        [bill] = self.netsuite_sim.bills()
        self.assertEqual(bill["external_id"], f"remote-{self.invoice.id}")
        self.assertEqual(bill["posting_period_id"], self.january.internal_id)
        self.assertEqual(bill["tran_date"], "2025-01-01")
        self.assertIn(f"dated {self.invoice.issued_date.isoformat()} in Dec 2024", bill["memo"])
        event = document.event_ids.filtered(lambda e: "booked in Jan 2025" in e.summary)
        self.assertEqual(event.level, "warning")


@tagged("post_install", "-at_install")
class TestClosedPeriodRest(TestClosedPeriod):
    TRANSPORT = "rest"
