"""Remote's billing_document.issued webhook over real HTTP, from the Remote simulator to Odoo."""

import time
import tracemalloc

import requests

from odoo import fields
from odoo.tests import HttpCase, tagged

from .common import SimulatorsCase

SIGNING_KEY = "whsec_simulated_signing_key"


@tagged("post_install", "-at_install")
class TestWebhook(SimulatorsCase, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.map_everything()
        cls.connection.write(
            {
                "remote_webhook_key": SIGNING_KEY,
                "first_manual_sync_date": fields.Datetime.now(),
                "auto_sync": True,
            }
        )
        documents = cls.remote_sim.data.documents
        cls.invoice = next(d for d in documents if d.type == "prefunding_invoice")
        cls.other_invoice = next(
            d for d in documents if d.type == "prefunding_invoice" and d.id != cls.invoice.id
        )

    def setUp(self):
        super().setUp()
        self.netsuite_sim.reset_bookings()

    def url(self, connection=None):
        connection = connection or self.connection
        return f"{self.base_url()}/remote_netsuite/webhook/{connection.id}"

    def send(self, document, key=SIGNING_KEY, **kwargs):
        """POST a delivery the way Remote does; the route runs in the server thread."""
        self.env.flush_all()
        status = self.remote_sim.send_webhook(self.url(), document.id, key, **kwargs)
        self.env.invalidate_all()
        return status

    def webhook_events(self):
        return self.env["remote.netsuite.event"].search(
            [("connection_id", "=", self.connection.id), ("event_type", "=", "webhook")]
        )

    def deliveries(self):
        return self.env["remote.netsuite.webhook.delivery"].search(
            [("connection_id", "=", self.connection.id)]
        )

    def process_queue(self):
        """The webhook queue's scheduled action asks for the sync; the connection's runs it."""
        self.env["remote.netsuite.webhook.delivery"]._cron_process_queue()
        self.run_background_syncs()

    def booked(self, document):
        external_id = f"remote-{document.id}"
        return [bill for bill in self.netsuite_sim.bills() if bill["external_id"] == external_id]

    def test_connection_shows_the_url_to_register(self):
        self.assertTrue(
            self.connection.webhook_url.endswith(f"/remote_netsuite/webhook/{self.connection.id}")
        )
        self.env.invalidate_all()
        self.assertTrue(self.connection.remote_webhook_key_set)
        self.assertFalse(self.connection.remote_webhook_key, "the signing key is write-only")

    def test_signed_delivery_queues_then_books_that_one_document(self):
        self.assertEqual(self.send(self.invoice), 200)
        delivery = self.deliveries()
        self.assertEqual(delivery.state, "queued")
        self.assertEqual(delivery.remote_document_id, self.invoice.id)
        self.assertEqual(delivery.document_id.state, "to_sync")
        self.assertFalse(
            self.booked(self.invoice), "the route only queues: Remote is answered fast"
        )

        self.env["remote.netsuite.webhook.delivery"]._cron_process_queue()

        job = delivery.job_id
        self.assertEqual(
            (job.state, job.trigger, job.document_ids), ("queued", "webhook", delivery.document_id)
        )
        self.assertEqual(delivery.state, "queued", "until its sync ran")
        self.assertFalse(self.booked(self.invoice), "the queue's action only asks for the sync")
        self.assertEqual(job.connection_id.sync_cron_id, self.connection.sync_cron_id)

        self.run_background_syncs()

        self.assertEqual(job.state, "done")
        self.assertEqual(delivery.state, "done")
        self.assertIn("booked", delivery.message)
        self.assertEqual(self.connection.last_webhook_date, delivery.create_date)
        document = delivery.document_id
        self.assertEqual(document.state, "synced", document.message)
        self.assertEqual(document.bill_from, self.invoice.bill_from)
        [bill] = self.booked(self.invoice)
        self.assertEqual(bill["tran_id"], self.invoice.number)
        vendor = self.connection.issuer_ids.filtered(lambda i: i.name == self.invoice.bill_from)
        self.assertEqual(bill["vendor_id"], vendor.vendor_id.internal_id)
        self.assertFalse(self.booked(self.other_invoice), "only the announced document is synced")
        run = self.env["remote.netsuite.event"].search(
            [("connection_id", "=", self.connection.id), ("event_type", "=", "sync")], limit=1
        )
        self.assertEqual(run.sync_trigger, "webhook")
        self.assertTrue(run.summary.startswith("Remote webhook:"), run.summary)

    def test_forged_delivery_is_refused_and_logged(self):
        self.assertEqual(self.send(self.invoice, tamper=True), 401)
        self.assertEqual(self.send(self.invoice, key="whsec_someone_else"), 401)
        self.assertFalse(self.deliveries())
        self.assertFalse(
            self.env["remote.netsuite.document"].search([("remote_id", "=", self.invoice.id)])
        )
        events = self.webhook_events()
        self.assertEqual(len(events), 1, "refused deliveries are counted in one entry an hour")
        self.assertEqual((events.level, events.refused_count), ("warning", 2))
        self.assertEqual(events.summary, "Webhook deliveries refused this hour: 2")
        self.assertEqual(events.details, "Webhook signature does not match: refused as forged (2)")
        self.assertNotIn(SIGNING_KEY, events.summary + events.details)

    def test_a_flood_of_forged_deliveries_writes_one_events_history_row(self):
        for _attempt in range(40):
            self.assertEqual(self.send(self.invoice, tamper=True), 401)
        self.assertEqual(self.send(self.invoice, timestamp_ms=1), 401)  # stale
        events = self.webhook_events()
        self.assertEqual(len(events), 1)
        self.assertEqual(events.refused_count, 41)
        lines = events.details.splitlines()
        self.assertEqual(lines[0], "Webhook signature does not match: refused as forged (40)")
        self.assertTrue(lines[1].startswith("Webhook delivery signed"), lines)
        self.assertTrue(lines[1].endswith("(1)"), lines)

    def test_a_chunked_body_over_the_limit_is_refused_without_reading_it_whole(self):
        sent = {"bytes": 0}
        chunk = b"x" * 65536

        def body():  # no Content-Length: Transfer-Encoding chunked, 8 MB if read to the end
            for _chunk in range(128):
                sent["bytes"] += len(chunk)
                yield chunk

        self.env.flush_all()
        tracemalloc.start()
        try:
            try:
                status = requests.post(self.url(), data=body(), timeout=30).status_code
            except requests.ConnectionError:  # Odoo answered and closed while we still sent
                status = 413
            _current, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        self.assertEqual(status, 413)
        self.assertLess(peak, 4 * 1024 * 1024, "Odoo buffered the whole body")
        self.env.invalidate_all()
        self.assertFalse(self.deliveries())

    def test_webhook_entries_are_kept_ninety_days_and_sync_runs_are_kept(self):
        self.send(self.invoice, tamper=True)
        refused = self.webhook_events()
        run = self.connection._log_event("sync", "Manual sync: 3 booked")
        self.env.flush_all()
        self.env.cr.execute(
            "UPDATE remote_netsuite_event SET create_date = now() - interval '91 days'"
            " WHERE id IN %s",
            [(refused.id, run.id)],
        )
        self.env.invalidate_all()
        self.env["remote.netsuite.event"]._gc_old_webhook_events()
        self.assertFalse(refused.exists())
        self.assertTrue(run.exists())

    def test_stale_delivery_is_refused(self):
        ten_minutes_ago = int(time.time() * 1000) - 600_000
        self.assertEqual(self.send(self.invoice, timestamp_ms=ten_minutes_ago), 401)
        self.assertFalse(self.deliveries())
        self.assertIn("outside the 300 s", self.webhook_events().details)

    def test_replayed_delivery_is_refused_and_books_once(self):
        timestamp = int(time.time() * 1000)
        self.assertEqual(self.send(self.invoice, timestamp_ms=timestamp), 200)
        self.assertEqual(self.send(self.invoice, timestamp_ms=timestamp), 401)
        self.assertEqual(len(self.deliveries()), 1)
        self.assertEqual(
            self.webhook_events().filtered("refused_count").details,
            "replay of a delivery already received (1)",
        )
        self.process_queue()
        self.assertEqual(len(self.booked(self.invoice)), 1)

    def test_redelivery_of_a_queued_document_is_accepted_once(self):
        """At-least-once: Remote may deliver the same event again, signed anew."""
        self.assertEqual(self.send(self.invoice), 200)
        self.assertEqual(self.send(self.invoice, timestamp_ms=int(time.time() * 1000) + 1), 200)
        deliveries = self.deliveries()
        self.assertEqual(sorted(deliveries.mapped("state")), ["ignored", "queued"])
        self.process_queue()
        self.assertEqual(len(self.booked(self.invoice)), 1)
        self.assertEqual(self.booked(self.invoice)[0]["updated_count"], 0)
        # delivered again after it was booked: synced again, still one NetSuite record
        self.assertEqual(self.send(self.invoice, timestamp_ms=int(time.time() * 1000) + 2), 200)
        self.process_queue()
        self.assertEqual(len(self.booked(self.invoice)), 1)

    def test_a_delivery_during_a_sync_waits_for_it_then_gets_its_own(self):
        self.connection._request_sync("cron", periods=self.remote_sim.data.periods[-1:])
        self.assertEqual(self.send(self.invoice), 200)
        self.env["remote.netsuite.webhook.delivery"]._cron_process_queue()

        delivery = self.deliveries()
        self.assertFalse(delivery.job_id, "one sync of a connection at a time")
        queue = self.env.ref("remote_netsuite_connector.cron_webhook_queue")
        later = fields.Datetime.add(fields.Datetime.now(), seconds=60)
        self.assertTrue(
            self.env["ir.cron.trigger"].search_count(
                [("cron_id", "=", queue.id), ("call_at", ">=", later)]
            ),
            "the queue tries again in a few minutes",
        )
        self.run_background_syncs()  # the automatic sync ends
        self.process_queue()  # the queue's next pass
        self.assertEqual(delivery.job_id.trigger, "webhook")
        self.assertEqual(delivery.state, "done")
        self.assertEqual(len(self.booked(self.invoice)), 1)

    def test_delivery_while_automatic_sync_is_off_is_not_synced(self):
        self.connection.auto_sync = False
        self.assertEqual(self.send(self.invoice), 200)
        self.assertEqual(self.deliveries().state, "ignored")
        self.process_queue()
        self.assertFalse(self.booked(self.invoice))

    def test_unknown_connection_and_missing_headers(self):
        url = f"{self.base_url()}/remote_netsuite/webhook/987654"
        body = self.remote_sim.webhook_body(self.invoice.id)
        self.env.flush_all()
        self.assertEqual(requests.post(url, data=body, timeout=10).status_code, 404)
        self.assertEqual(requests.post(self.url(), data=body, timeout=10).status_code, 401)
        self.env.invalidate_all()
        self.assertIn("without", self.webhook_events().details)
