"""Remote's ``billing_document.issued`` webhook: verify, deduplicate, queue one document's sync.

The HTTP route (controllers/webhook.py) only hands the raw delivery to
:meth:`RemoteNetsuiteConnection._receive_webhook` and answers with its status, so Remote gets its
answer at once. The webhook queue's scheduled action, which the delivery wakes, turns the queued
deliveries of a connection into one sync job; the connection's own scheduled action runs it.
"""

import logging
from datetime import UTC, datetime

from psycopg2 import errors as pg_errors

from odoo import fields, models
from odoo.exceptions import UserError

from ..const import MANAGER_GROUP, TO_SYNC
from ..services.remote import (
    BILLING_DOCUMENT_ISSUED,
    RemoteDataError,
    RemoteError,
    WebhookSignatureError,
    parse_event,
    verify_signature,
)
from ..sync.remote_documents import family_of
from .connection import RemoteNetsuiteConnection as BaseConnection
from .webhook_delivery import DONE, IGNORED, QUEUED

_logger = logging.getLogger(__name__)

WEBHOOK_ROUTE = "/remote_netsuite/webhook/%s"
WEBHOOK_KEY = "remote_webhook_key"
SIGNATURE_TOLERANCE_S = 300
# Distinct refusal reasons listed in one hour's entry; later ones are counted together.
MAX_REFUSAL_REASONS = 10
OTHER_REASONS = "other reasons"
QUEUE_RETRY_MINUTES = 2  # when a sync of the connection is already running
# The sync run names its trigger in the Events History.
SYNC_TRIGGER = "webhook"
DOCUMENT_TYPES = {
    "prefunding_invoice",
    "prefunding_credit_note",
    "reconciliation_invoice",
    "reconciliation_credit_note",
    "supplemental_service_invoice",
    "supplemental_service_credit_note",
}


class RemoteNetsuiteConnection(models.Model):
    _inherit = "remote.netsuite.connection"

    # The secret mixin reads this dict: the signing key is a write-only secret like the others.
    _secret_fields = {
        **BaseConnection._secret_fields,
        WEBHOOK_KEY: "Webhook signing key",
    }

    webhook_url = fields.Char(
        "Webhook URL",
        compute="_compute_webhook_url",
        groups=MANAGER_GROUP,
        help="Register this URL in Remote (POST /v1/webhook-callbacks) for the event "
        "billing_document.issued, then store the signing key Remote shows once.",
    )
    remote_webhook_key = fields.Char(
        "Webhook signing key",
        compute="_compute_secret_placeholder",
        inverse="_inverse_remote_webhook_key",
        groups=MANAGER_GROUP,
        help="The signing_key Remote returns when the webhook callback is registered.",
    )
    remote_webhook_key_set = fields.Boolean(compute="_compute_secret_set", groups=MANAGER_GROUP)
    remote_webhook_key_cipher = fields.Char(
        groups="remote_netsuite_connector.group_secret_storage", copy=False, prefetch=False
    )
    webhook_delivery_ids = fields.One2many(
        "remote.netsuite.webhook.delivery", "connection_id", string="Webhook deliveries"
    )
    # computed, not written on each delivery: a delivery never waits on a sync holding the row
    last_webhook_date = fields.Datetime("Last webhook", compute="_compute_last_webhook_date")

    def _compute_last_webhook_date(self):
        last = dict(
            self.env["remote.netsuite.webhook.delivery"]
            .sudo()
            ._read_group(
                [("connection_id", "in", self.ids)], ["connection_id"], ["create_date:max"]
            )
        )
        for connection in self:
            connection.last_webhook_date = last.get(connection, False)

    def _compute_webhook_url(self):
        for connection in self:
            connection.webhook_url = (
                connection.get_base_url() + WEBHOOK_ROUTE % connection.id if connection.id else ""
            )

    def _inverse_remote_webhook_key(self):
        self._store_secret(WEBHOOK_KEY)

    # --- receiving ----------------------------------------------------------------------------

    def _receive_webhook(self, raw_body, signature, timestamp):
        """Handle one delivery; returns ``(http status, short text for Remote)``.

        Forged, stale and replayed deliveries are refused with 401 and written to the Events
        History. An accepted delivery queues its document unless one is already queued.
        """
        self.ensure_one()
        _ = self.env._
        try:
            key = self._get_secret(WEBHOOK_KEY)
            verify_signature(raw_body, signature, timestamp, key, tolerance_s=SIGNATURE_TOLERANCE_S)
        except (WebhookSignatureError, UserError) as error:
            self._count_refused_delivery(_error_text(error))
            return 401, "refused"
        delivery = self._record_delivery(signature.strip().lower(), timestamp)
        if not delivery:
            self._count_refused_delivery(_("replay of a delivery already received"))
            return 401, "refused"
        try:
            event = parse_event(raw_body)
        except RemoteDataError as error:
            delivery.write({"state": IGNORED, "message": str(error)})
            self._log_webhook(_("Webhook delivery unreadable: %s", error), "error")
            return 400, "unreadable"
        delivery.write(
            {
                "event_type": event.event_type,
                "remote_document_id": event.billing_document_id,
                "document_type": event.document_type,
            }
        )
        reason = self._webhook_ignore_reason(event)
        if reason:
            delivery.write({"state": IGNORED, "message": reason})
            self._log_webhook(reason, "info")
            return 200, "ignored"
        return self._queue_delivery(delivery)

    def _record_delivery(self, signature, timestamp):
        """The new delivery record, or None when this exact delivery was received before."""
        Delivery = self.env["remote.netsuite.webhook.delivery"].sudo()
        if Delivery.search_count([("connection_id", "=", self.id), ("signature", "=", signature)]):
            return None
        signed_at = datetime.fromtimestamp(int(timestamp) / 1000, UTC).replace(tzinfo=None)
        try:
            with self.env.cr.savepoint():
                return Delivery.create(
                    {"connection_id": self.id, "signature": signature, "signed_at": signed_at}
                )
        except pg_errors.UniqueViolation:  # the same delivery arrived twice at the same time
            return None

    def _webhook_ignore_reason(self, event):
        _ = self.env._
        if event.event_type != BILLING_DOCUMENT_ISSUED:
            return _("Webhook %s ignored: only billing_document.issued is synced", event.event_type)
        company_id = self.sudo().remote_company_id
        if company_id and event.company_id and event.company_id != company_id:
            return _(
                "Webhook for Remote company %(other)s ignored: this connection syncs company "
                "%(own)s",
                other=event.company_id,
                own=company_id,
            )
        if not self.auto_sync:
            return _(
                "Webhook for document %s received while automatic sync is off: the next sync "
                "will read it",
                event.billing_document_id,
            )
        if (
            event.document_type
            and self.sync_selection != "both"
            and family_of(event.document_type) != self.sync_selection
        ):
            return _(
                "Webhook for %(type)s %(id)s ignored: this connection syncs %(selection)s "
                "documents only",
                type=event.document_type,
                id=event.billing_document_id,
                selection=self.sync_selection,
            )
        return ""

    def _queue_delivery(self, delivery):
        """Queue the delivery's document once: Remote delivers at least once."""
        _ = self.env._
        already = delivery.search_count(
            [
                ("connection_id", "=", self.id),
                ("remote_document_id", "=", delivery.remote_document_id),
                ("id", "!=", delivery.id),
                *delivery._waiting_domain(),
            ]
        )
        if already:
            delivery.write({"state": IGNORED, "message": _("Already queued")})
            return 200, "already queued"
        delivery.document_id = self._webhook_document(
            delivery.remote_document_id, delivery.document_type
        )
        self._log_webhook(
            _("Webhook: Remote document %s queued for sync", delivery.remote_document_id),
            "info",
            document_id=delivery.document_id.id,
        )
        self.env.ref("remote_netsuite_connector.cron_webhook_queue").sudo()._trigger()
        return 200, "queued"

    def _webhook_document(self, remote_id, document_type):
        """The Synced Invoice row of ``remote_id``, created (to sync) if this is its first news."""
        Document = self.env["remote.netsuite.document"].sudo()
        document = Document.search(
            [("connection_id", "=", self.id), ("remote_id", "=", remote_id)], limit=1
        )
        if not document:
            document = Document.create(
                {
                    "connection_id": self.id,
                    "remote_id": remote_id,
                    "state": TO_SYNC,
                    "remote_type": document_type or False,
                    "document_type": document_type if document_type in DOCUMENT_TYPES else "other",
                }
            )
        return document

    def _count_refused_delivery(self, reason):
        """Anyone on the internet can post a refused delivery: they are counted in one Events
        History entry per connection and hour, so a flood of forgeries writes one row."""
        Event = self.env["remote.netsuite.event"].sudo()
        hour = fields.Datetime.now().replace(minute=0, second=0, microsecond=0)
        event = Event.search(
            [
                ("connection_id", "=", self.id),
                ("event_type", "=", "webhook"),
                ("refused_count", ">", 0),
                ("create_date", ">=", hour),
            ],
            limit=1,
        )
        counts = _reason_counts(event.details) if event else {}
        if reason not in counts and len(counts) >= MAX_REFUSAL_REASONS:
            reason = OTHER_REASONS
        counts[reason] = counts.get(reason, 0) + 1
        total = sum(counts.values())
        values = {
            "summary": self.env._("Webhook deliveries refused this hour: %s", total),
            "details": "\n".join(f"{text} ({count})" for text, count in counts.items()),
            "refused_count": total,
        }
        if event:
            event.write(values)
        else:
            self._log_webhook(values.pop("summary"), "warning", **values)

    def _log_webhook(self, summary, level, **values):
        # Deliveries come from Remote, not from a user of this database.
        return self.sudo()._log_event("webhook", summary, level=level, user_id=False, **values)

    # --- processing -----------------------------------------------------------------------------

    def _process_webhook_queue(self):
        """Ask this connection's scheduled action to sync the documents queued by webhooks (one
        run for all of them); when a sync of the connection is asked for or running, try again
        a little later."""
        self.ensure_one()
        Delivery = self.env["remote.netsuite.webhook.delivery"].sudo()
        deliveries = Delivery.search([("connection_id", "=", self.id), *Delivery._waiting_domain()])
        documents = deliveries.document_id
        if not documents:
            deliveries.write({"state": IGNORED, "message": self.env._("No document to sync")})
            return None
        job = self._request_sync(SYNC_TRIGGER, documents=documents)
        if isinstance(job, dict):  # already running
            cron = self.env.ref("remote_netsuite_connector.cron_webhook_queue").sudo()
            cron._trigger(fields.Datetime.add(fields.Datetime.now(), minutes=QUEUE_RETRY_MINUTES))
            return job
        deliveries.job_id = job
        return job

    def _end_webhook_deliveries(self, job, result):
        """The deliveries a sync job ran for are done, with its outcome."""
        self.env["remote.netsuite.webhook.delivery"].sudo().search(
            [("job_id", "=", job.id), ("state", "=", QUEUED)]
        ).write({"state": DONE, "message": (result.get("message") or "")[:250]})

    def _complete_from_listing(self, documents):
        """Learn the month and issuing entity of documents known only from a webhook.

        Remote names a document's issuing entity (the vendor to book it on) only in the period
        listing, so the show call gives the month and that month's listing the rest.
        """
        if not documents:
            return
        try:
            with self._remote_client() as client:
                listings = {}
                for document in documents:
                    period = client.billing_document(document.remote_id).period
                    if period not in listings:
                        listings[period] = {
                            summary.id: summary for summary in client.billing_documents(period)
                        }
                    summary = listings[period].get(document.remote_id)
                    document.write(
                        {
                            "period": period,
                            "bill_from": summary.bill_from if summary else False,
                            "remote_type": summary.document_type if summary else False,
                        }
                    )
        except (RemoteError, UserError) as error:
            # The sync reads the documents again and records on each what Remote answered.
            _logger.info("Webhook documents of connection %s not completed: %s", self.id, error)


def _reason_counts(details):
    counts = {}
    for line in (details or "").splitlines():
        text, _sep, count = line.rpartition(" (")
        counts[text] = int(count.rstrip(")"))
    return counts


def _error_text(error):
    return error.args[0] if isinstance(error, UserError) else str(error)
