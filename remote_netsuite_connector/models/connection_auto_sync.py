"""Automatic sync on the connection form: when it runs next, *Run now*, and why it is off."""

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_datetime

SYNC_CRON = "remote_netsuite_connector.ir_cron_remote_netsuite_sync"


class RemoteNetsuiteConnection(models.Model):
    _inherit = "remote.netsuite.connection"

    auto_sync_next_date = fields.Datetime("Next run", compute="_compute_auto_sync_status")
    auto_sync_off_reason = fields.Char("Why off", compute="_compute_auto_sync_status")

    @api.depends("auto_sync", "first_manual_sync_date")
    def _compute_auto_sync_status(self):
        cron = self.env.ref(SYNC_CRON, raise_if_not_found=False)
        cron = cron.sudo() if cron else cron
        for connection in self:
            on = connection.auto_sync and cron and cron.active
            connection.auto_sync_next_date = cron.nextcall if on else False
            connection.auto_sync_off_reason = connection._auto_sync_off_reason(cron)

    def _auto_sync_off_reason(self, cron):
        _ = self.env._
        if self.auto_sync:
            if cron and cron.active:
                return False
            return _("The scheduled action “%s” is archived: no automatic sync runs.", cron.name)
        if not self.first_manual_sync_date:
            return _(
                "Run one manual sync first: automatic sync can be switched on once it succeeded."
            )
        switched_off = self._auto_sync_switched_off_event()
        if not switched_off:
            return _("Automatic sync has never been switched on.")
        return _(
            "Switched off by %(user)s on %(date)s.",
            user=switched_off.user_id.name or _("the system"),
            date=format_datetime(self.env, switched_off.create_date, dt_format="short"),
        )

    def _auto_sync_switched_off_event(self):
        """The Events History entry of the last time automatic sync was switched off."""
        if not self._origin:
            return self.env["remote.netsuite.event"]
        change = self._setting_change_text("auto_sync", self.env._("yes"), self.env._("no"))
        return (
            self.env["remote.netsuite.event"]
            .sudo()
            .search(
                [
                    ("connection_id", "=", self._origin.id),
                    ("event_type", "=", "setting"),
                    "|",
                    ("summary", "=", change),
                    ("details", "like", change),
                ],
                limit=1,
            )
        )

    def action_run_auto_sync_now(self):
        """Ask for the automatic sync of this connection now, as the scheduled action would, and
        return at once: it runs in the background, and the outcome comes to whoever asked."""
        self.ensure_one()
        self._check_manager()
        if not self.auto_sync:
            raise UserError(self.env._("Switch automatic sync on first."))
        job = self._request_sync("cron", periods=self._catch_up_periods(), user=self.env.user)
        if isinstance(job, dict):  # a sync of this connection is asked for or running
            return self._sync_notification([job])
        return self._notification(
            self.env._("Sync"),
            self.env._(
                "The automatic sync of %s runs in the background: the outcome arrives as a "
                "notification and in Events History.",
                self.name,
            ),
            "info",
        )
