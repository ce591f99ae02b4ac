from odoo import api, fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    remote_netsuite_connection_id = fields.Many2one(
        "remote.netsuite.connection", compute="_compute_remote_netsuite_connection"
    )
    remote_netsuite_next_step = fields.Char(compute="_compute_remote_netsuite_connection")

    @api.depends("company_id")
    def _compute_remote_netsuite_connection(self):
        Connection = self.env["remote.netsuite.connection"]
        for settings in self:
            connection = Connection.with_company(settings.company_id)._company_connection()
            settings.remote_netsuite_connection_id = connection
            settings.remote_netsuite_next_step = connection.setup_next_step if connection else False

    def action_open_remote_netsuite_connection(self):
        return (
            self.env["remote.netsuite.connection"]
            .with_company(self.company_id)
            ._action_open_company_connection()
        )
