"""Remote webhook deliveries a connection accepted: the replay guard and the sync queue."""

import logging

from odoo import api, fields, models

from .sync_job import PENDING_STATES

_logger = logging.getLogger(__name__)

QUEUED = "queued"
DONE = "done"
IGNORED = "ignored"
STATES = [(QUEUED, "Queued"), (DONE, "Synced"), (IGNORED, "Ignored")]
# Deliveries are kept this long: far beyond the signature tolerance, so a replay is always caught.
RETENTION_DAYS = 30


class RemoteNetsuiteWebhookDelivery(models.Model):
    _name = "remote.netsuite.webhook.delivery"
    _description = "Remote webhook delivery"
    _order = "id desc"
    _rec_name = "remote_document_id"

    connection_id = fields.Many2one(
        "remote.netsuite.connection", required=True, index=True, ondelete="cascade", readonly=True
    )
    company_id = fields.Many2one(related="connection_id.company_id", store=True, index=True)
    # Remote's HMAC of the delivery (not a secret): the same delivery sent twice is a replay.
    signature = fields.Char(required=True, readonly=True)
    signed_at = fields.Datetime("Signed at", readonly=True)
    event_type = fields.Char(readonly=True)
    remote_document_id = fields.Char("Remote document id", readonly=True, index=True)
    document_type = fields.Char(readonly=True)
    document_id = fields.Many2one(
        "remote.netsuite.document", string="Synced Invoice", readonly=True, ondelete="set null"
    )
    state = fields.Selection(STATES, default=QUEUED, required=True, readonly=True, index=True)
    # the sync asked for this delivery's document; the delivery is done when it ends
    job_id = fields.Many2one("remote.netsuite.sync.job", "Sync", readonly=True, ondelete="set null")
    message = fields.Char(readonly=True)

    _sql_constraints = [
        (
            "signature_uniq",
            "unique(connection_id, signature)",
            "A Remote webhook delivery is accepted once.",
        )
    ]

    @api.autovacuum
    def _gc_old_deliveries(self):
        limit = fields.Datetime.subtract(fields.Datetime.now(), days=RETENTION_DAYS)
        self.sudo().search([("create_date", "<", limit), ("state", "!=", QUEUED)]).unlink()

    @api.model
    def _waiting_domain(self):
        """Queued deliveries no sync is asked for yet (or whose sync was cancelled unstarted)."""
        return [
            ("state", "=", QUEUED),
            "|",
            ("job_id", "=", False),
            ("job_id.state", "not in", PENDING_STATES),
        ]

    @api.model
    def _cron_process_queue(self):
        """Scheduled action (also triggered by each accepted delivery): ask each connection with
        queued documents to sync them, in its own company and its own scheduled action."""
        queued = self.sudo().search(self._waiting_domain())
        for connection in queued.connection_id:
            company = connection.company_id
            connection.with_company(company).with_context(
                allowed_company_ids=company.ids
            )._process_webhook_queue()
