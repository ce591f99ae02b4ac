from odoo import api, fields, models

from ..const import MANAGER_GROUP
from .connection_mapping import MAPPING_DEPENDS

# What a step's card lists of what is left before it says "and N more".
STEP_LINES = 4


class RemoteNetsuiteConnection(models.Model):
    _inherit = "remote.netsuite.connection"

    setup_steps = fields.Json(compute="_compute_setup_steps", groups=MANAGER_GROUP)
    setup_next_step = fields.Char(compute="_compute_setup_steps", groups=MANAGER_GROUP)

    def _setup_steps(self):
        """The setup guide, in order: ``[(key, label, left, target)]``; ``left`` lists what the
        step still needs (empty: done), ``target`` is the form page or button that does it."""
        self.ensure_one()
        _ = self.env._
        if self.last_test_state == "ok":
            connect = []
        elif self.last_test_state == "failed":
            connect = [_("Fix what the test says below, then Test connection again.")]
        else:
            connect = [
                _("Enter the Remote token and the NetSuite credentials, then Test connection.")
            ]
        if not self.netsuite_refresh_date:
            read_netsuite = [
                _("Refresh from NetSuite to list its subsidiaries, accounts and vendors.")
            ]
            entities = accounts = read_netsuite
        else:
            entities = self._subsidiary_problems()
            # vendor checks mean something only once NetSuite's vendors were read
            accounts = self._account_problems() + self._department_problems()
            accounts += self._vendor_problems() + self._currency_problems()
            if not self.item_ids:
                accounts.insert(0, _("Refresh from Remote to list the invoice items."))
        return [
            ("connect", _("Connect"), connect, "page:connection"),
            ("entities", _("Entities → subsidiaries"), entities, "page:entities"),
            ("accounts", _("Items → accounts, vendors"), accounts, "page:items"),
            (
                "first_sync",
                _("First manual sync"),
                [] if self.first_manual_sync_date else [_("Sync now, then Confirm and Sync.")],
                "button:action_open_sync_wizard",
            ),
            (
                "auto_sync",
                _("Automatic sync"),
                [] if self.auto_sync else [_("Switch automatic sync on, on the Sync page.")],
                "page:sync",
            ),
        ]

    @api.depends(
        "last_test_state",
        "last_test_message",
        "netsuite_refresh_date",
        "first_manual_sync_date",
        "auto_sync",
        *MAPPING_DEPENDS,
    )
    def _compute_setup_steps(self):
        _ = self.env._
        for connection in self:
            steps = connection._setup_steps()
            current = next((key for key, _label, left, _target in steps if left), "")
            connection.setup_steps = [
                {
                    "key": key,
                    "label": label,
                    "done": not left,
                    "current": key == current,
                    "left": left[:STEP_LINES]
                    + (
                        [_("and %s more", len(left) - STEP_LINES)] if len(left) > STEP_LINES else []
                    ),
                    "target": target,
                }
                for key, label, left, target in steps
            ]
            connection.setup_next_step = next(
                (label for key, label, _left, _target in steps if key == current), ""
            )
