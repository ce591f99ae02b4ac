from odoo import models
from odoo.exceptions import UserError

from ..const import FAILED, NEEDS_MAPPING, TO_SYNC

PREVIEWABLE_STATES = (TO_SYNC, FAILED, NEEDS_MAPPING)


class RemoteNetsuiteDocument(models.Model):
    _inherit = "remote.netsuite.document"

    def action_preview_bills(self):
        """Open what NetSuite would receive for this document; nothing is sent."""
        self.ensure_one()
        self.check_access("read")
        if self.state not in PREVIEWABLE_STATES:
            raise UserError(
                self.env._("Only documents to sync, failed or needing a mapping are previewed.")
            )
        preview = self.env["remote.netsuite.bill.preview"]._for_document(self)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Bills that would be sent: %s", self.display_name),
            "res_model": "remote.netsuite.bill.preview",
            "res_id": preview.id,
            "view_mode": "form",
            "target": "new",
        }
