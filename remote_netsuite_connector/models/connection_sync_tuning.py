from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..services.netsuite import MAX_RECORDS_PER_REQUEST


class RemoteNetsuiteConnection(models.Model):
    """How many requests a sync run sends at once, within what the two services allow."""

    _inherit = "remote.netsuite.connection"

    netsuite_concurrency = fields.Integer(
        "NetSuite concurrent requests",
        default=4,
        help="Batches of bills a sync sends to NetSuite at the same time. Every NetSuite account "
        "allows at least 5 concurrent requests, shared with its other integrations: leave room "
        "for them.",
        tracking=True,
    )
    remote_concurrency = fields.Integer(
        "Remote concurrent requests",
        default=4,
        help="Requests a sync sends to Remote at the same time.",
        tracking=True,
    )
    netsuite_batch_size = fields.Integer(
        "NetSuite records per request",
        default=MAX_RECORDS_PER_REQUEST,
        groups="base.group_no_one",
        help="Technical: 1 sends one bill per request, one request at a time (for comparisons).",
        tracking=True,
    )

    @api.constrains("netsuite_concurrency", "remote_concurrency", "netsuite_batch_size")
    def _check_sync_tuning(self):
        for connection in self:
            if connection.netsuite_concurrency < 1 or connection.remote_concurrency < 1:
                raise ValidationError(self.env._("Concurrent requests must be at least 1."))
            if not 1 <= connection.netsuite_batch_size <= MAX_RECORDS_PER_REQUEST:
                raise ValidationError(
                    self.env._(
                        "NetSuite records per request must be between 1 and %s.",
                        MAX_RECORDS_PER_REQUEST,
                    )
                )
