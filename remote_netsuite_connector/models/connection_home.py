"""Where the app and Settings open: the company's own connection, once it has one."""

from odoo import api, models


class RemoteNetsuiteConnection(models.Model):
    _inherit = "remote.netsuite.connection"

    @api.model
    def _company_connection(self):
        """The current company's connection, archived included (the company has at most one)."""
        return self.with_context(active_test=False).search(
            [("company_id", "=", self.env.company.id)], limit=1
        )

    @api.model
    def _action_open_company_connection(self):
        """The current company's connection in its form, or a new one when it has none yet: the
        list's *New* could only fail once the company has its connection."""
        self._check_manager()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "remote_netsuite_connector.connection_action"
        )
        form = self.env.ref("remote_netsuite_connector.connection_view_form")
        connection = self._company_connection()
        action.update(
            {
                "view_mode": "form",
                "views": [(form.id, "form")],
                "res_id": connection.id or False,
                "context": {"default_company_id": self.env.company.id},
            }
        )
        if not connection:
            action["name"] = self.env._("New connection")
        return action
