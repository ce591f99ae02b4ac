"""Remote webhook deliveries a connection accepted: the replay guard and the sync queue."""

import logging

from odoo import api, fields, models

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
    def _cron_process_queue(self):
        """Scheduled action (also triggered by each accepted delivery): sync queued documents,
        one connection at a time, each in its own company."""
        queued = self.sudo().search([("state", "=", QUEUED)])
        for connection in queued.connection_id:
            company = connection.company_id
            connection.with_company(company).with_context(
                allowed_company_ids=company.ids
            )._process_webhook_queue()
