"""Closed posting periods: book into the first open period, or fail naming the closed one."""

import re

from odoo import fields, models

from ..const import MANAGER_GROUP
from ..services.netsuite.periods import PeriodAwareClient

# externalId of a document's share booked per subsidiary: "remote-<document id>-s<subsidiary id>"
SPLIT_SUFFIX = re.compile(r"-s\d+$")


class RemoteNetsuiteConnection(models.Model):
    _inherit = "remote.netsuite.connection"

    book_in_open_period = fields.Boolean(
        "Book into the first open period",
        groups=MANAGER_GROUP,
        help="When NetSuite refuses a document because its date falls in a closed accounting "
        "period, book it on the first day of the first open period after it; the memo keeps "
        "the original date. Off: the document fails, naming the closed period.",
        tracking=True,
    )

    def _netsuite_client(self, on_retry=None, **overrides):
        """The NetSuite client, aware of closed accounting periods (services/netsuite/periods)."""
        return PeriodAwareClient(
            super()._netsuite_client(on_retry=on_retry, **overrides),
            book_in_open_period=self.sudo().book_in_open_period,
            on_moved=self._log_booked_in_open_period,
            utc_offset_for=self._netsuite_utc_offset,
        )

    def _log_booked_in_open_period(self, payload, closed, target):
        remote_id = SPLIT_SUFFIX.sub("", payload.external_id.removeprefix("remote-"))
        document = (
            self.env["remote.netsuite.document"]
            .sudo()
            .search([("connection_id", "=", self.id), ("remote_id", "=ilike", remote_id)], limit=1)
        )
        self._log_event(
            "document",
            self.env._(
                "%(number)s booked in %(target)s: %(closed)s is closed",
                number=payload.tran_id,
                target=target.name,
                closed=closed.name if closed else self.env._("its period"),
            ),
            level="warning",
            details=payload.memo,
            document_id=document.id,
        )
