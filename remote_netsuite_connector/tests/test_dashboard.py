"""The dashboard of sync health and Synced Invoices as an accountant reads them."""

from collections import defaultdict

from odoo.tests import tagged
from odoo.tools import formatLang

from .common import TODAY
from .test_sync_common import SyncCase


@tagged("post_install", "-at_install")
class TestDashboard(SyncCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user = cls.new_user("rn_dash_user")

    def test_a_card_before_any_run(self):
        connection = self.connection.with_user(self.user)
        self.assertFalse(connection.last_run_summary)
        self.assertFalse(connection.booked_this_month)

    def test_a_card_after_a_sync_with_failures(self):
        broken = self.remote_sim.data.documents[0]
        self.remote_sim.fail_next(f"/v1/billing-documents/{broken.id}/breakdown", 404)
        self.connection._sync_manual("both")
        connection = self.connection.with_user(self.user)
        run = self.sync_events()[:1]
        self.assertEqual(
            (connection.last_run_summary, connection.last_run_level, connection.last_run_date),
            (run.summary, run.level, run.create_date),
        )
        self.assertEqual(connection.attention_count, 1)
        to_fix = self.env["remote.netsuite.document"].search(
            connection.action_open_attention_documents()["domain"]
        )
        self.assertEqual(to_fix.mapped("remote_id"), [broken.id])

    def test_a_failed_run_with_nothing_to_fix_links_to_its_failures(self):
        self.assertTrue(self.connection._sync_manual("both")["ok"])
        self.remote_sim.fail_next("/v1/billing-documents", 503, count=20)
        self.assertFalse(self.connection._sync_manual("both")["ok"])
        connection = self.connection.with_user(self.user)
        self.assertEqual((connection.last_run_level, connection.attention_count), ("error", 0))
        action = connection.action_view_failed_events()
        failures = self.env["remote.netsuite.event"].with_user(self.user).search(action["domain"])
        self.assertEqual(failures, self.sync_events()[:1], "the failed run, not the good one")

    def test_booked_this_month_per_type_and_currency(self):
        self.assertTrue(self.connection._sync_manual("both")["ok"])
        sums = defaultdict(int)
        for document in self.documents():
            if document.state == "synced" and document.issued_date.replace(day=1) == TODAY.replace(
                day=1
            ):
                sums[(document.family, document.currency_code)] += document.amount_minor
        self.assertTrue(sums, "the simulated quarter has documents issued in the test's month")
        lines = self.connection.with_user(self.user).booked_this_month.split("\n")
        family_names = {"prefunding": "Pre-funding", "reconciliation": "Reconciliation"}
        for (family, code), minor in sums.items():
            currency = (
                self.env["res.currency"]
                .with_context(active_test=False)
                .search([("name", "=", code)])
            )
            digits = currency.decimal_places
            amount = f"{formatLang(self.env, minor / 10**digits, digits=digits)} {code}"
            line = next(line for line in lines if line.startswith(family_names[family]))
            self.assertIn(amount, line)
        self.assertEqual(len(lines), len({family for family, _code in sums}))


@tagged("post_install", "-at_install")
class TestSyncedInvoicesList(SyncCase):
    def test_amount_in_its_currency_and_summed_by_month_type_and_subsidiary(self):
        Currency = self.env["res.currency"].with_context(active_test=False)
        active_before = Currency.search([("active", "=", True)])
        self.assertTrue(self.connection._sync_manual("both")["ok"])
        documents = self.documents()
        self.assertEqual(
            Currency.search([("active", "=", True)]), active_before, "a sync activates no currency"
        )
        for document in documents:
            self.assertEqual(document.currency_id.name, document.currency_code)
            self.assertTrue(document.amount_display.endswith(f" {document.currency_code}"))
            self.assertAlmostEqual(
                document.amount,
                document.amount_minor / 10**document.currency_id.decimal_places,
                places=4,
            )
        groups = self.env["remote.netsuite.document"]._read_group(
            [("connection_id", "=", self.connection.id), ("state", "=", "synced")],
            ["issued_date:month", "document_type", "subsidiary_names", "currency_id"],
            ["amount:sum"],
        )
        self.assertAlmostEqual(
            sum(amount for *_groups, amount in groups),
            sum(documents.filtered(lambda d: d.state == "synced").mapped("amount")),
            places=2,
        )
        self.assertEqual({subsidiary for _m, _t, subsidiary, _c, _a in groups}, {"Acme Germany"})

    def test_no_technical_group_by(self):
        described = self.env["remote.netsuite.document"].fields_get(attributes=["groupable"])
        self.assertFalse(described["content_hash"]["groupable"])
        self.assertFalse(described["remote_id"]["groupable"])
        self.assertTrue(described["issued_date"]["groupable"])
        self.assertTrue(described["currency_id"]["groupable"])

    def test_pdf_column_only_when_pdfs_are_attached(self):
        Document = self.env["remote.netsuite.document"]
        self.assertFalse(Document._list_action()["context"]["remote_netsuite_pdf"])
        self.assertFalse(self.connection.action_open_documents()["context"]["remote_netsuite_pdf"])
        self.connection.write({"attach_pdf": True, "netsuite_pdf_folder_id": "42"})
        self.assertTrue(Document._list_action()["context"]["remote_netsuite_pdf"])
        self.assertTrue(self.connection.action_open_documents()["context"]["remote_netsuite_pdf"])

    def test_netsuite_account_types_in_words(self):
        accounts = self.env["remote.netsuite.account"].search(
            [("connection_id", "=", self.connection.id)]
        )
        names = {account.account_type: account.account_type_name for account in accounts}
        self.assertEqual(names["expense"], "Expense")
        self.assertEqual(names["accountsPayable"], "Accounts payable")
        self.assertEqual(names["otherExpense"], "Other expense")

    def test_events_history_says_what_an_empty_list_means(self):
        action = self.connection.action_view_events()
        self.assertIn("clear the filters", action["help"])
        self.assertEqual(action["domain"], [("connection_id", "=", self.connection.id)])

    def test_no_sum_adds_different_currencies(self):
        self.assertTrue(self.connection._sync_manual("both")["ok"])
        Document = self.env["remote.netsuite.document"]
        domain = [("connection_id", "=", self.connection.id), ("state", "=", "synced")]
        self.assertGreater(len(Document.search(domain).currency_id), 1, "two currencies booked")
        [grand_total] = Document.read_group(domain, ["amount:sum"], [])
        self.assertIs(grand_total["amount"], False, "the pivot's total adds no EUR to USD")
        for groupby in (["currency_id"], ["document_type"], ["issued_date:month", "currency_id"]):
            for group in Document.read_group(domain, ["amount:sum"], groupby, lazy=False):
                documents = Document.search(group["__domain"])
                with self.subTest(groupby=groupby, group=group["__domain"]):
                    self.assertNotIn("remote_netsuite_currency_count", group)
                    if len(documents.currency_id) > 1:
                        self.assertIs(group["amount"], False)
                    else:
                        self.assertAlmostEqual(
                            group["amount"], sum(documents.mapped("amount")), places=2
                        )
