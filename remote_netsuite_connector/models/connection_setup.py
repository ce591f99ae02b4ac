from markupsafe import Markup, escape

from odoo import api, fields, models

from .connection_mapping import MAPPING_DEPENDS

MANAGER = "remote_netsuite_connector.group_manager"


class RemoteNetsuiteConnection(models.Model):
    _inherit = "remote.netsuite.connection"

    setup_progress = fields.Html(compute="_compute_setup_progress", sanitize=False, groups=MANAGER)
    setup_next_step = fields.Char(compute="_compute_setup_progress", groups=MANAGER)

    def _setup_steps(self):
        """The setup guide: ``[(key, label, done)]`` in order (sync fields: connection_sync)."""
        self.ensure_one()
        _ = self.env._
        return [
            ("connect", _("Connect"), self.last_test_state == "ok"),
            ("entities", _("Entities → subsidiaries"), not self._subsidiary_problems()),
            (
                "accounts",
                _("Items → accounts, vendors"),
                bool(self.item_ids) and self.mapping_complete,
            ),
            ("first_sync", _("First manual sync"), bool(self.first_manual_sync_date)),
            ("auto_sync", _("Automatic sync"), self.auto_sync),
        ]

    @api.depends("last_test_state", "first_manual_sync_date", "auto_sync", *MAPPING_DEPENDS)
    def _compute_setup_progress(self):
        for connection in self:
            steps = connection._setup_steps()
            current = next((label for _key, label, done in steps if not done), "")
            badges = []
            for index, (key, label, done) in enumerate(steps, start=1):
                style = (
                    "text-bg-success"
                    if done
                    else "text-bg-primary"
                    if label == current
                    else "text-bg-light border"
                )
                mark = "✓ " if done else ""
                badges.append(
                    Markup(
                        '<span class="badge rounded-pill fs-6 %s" data-step="%s">%s%d. %s</span>'
                    )
                    % (style, key, mark, index, escape(label))
                )
            connection.setup_progress = Markup(
                '<div class="o_remote_netsuite_setup d-flex flex-wrap gap-2">%s</div>'
            ) % Markup("").join(badges)
            connection.setup_next_step = current
