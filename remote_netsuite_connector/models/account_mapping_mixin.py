from odoo import api, fields, models


class RemoteNetsuiteAccountMappingMixin(models.AbstractModel):
    """A mapping row that points to a NetSuite account: the dropdown offers only accounts usable
    in every subsidiary the connection maps to."""

    _name = "remote.netsuite.account.mapping.mixin"
    _inherit = ["remote.netsuite.mapping.mixin"]
    _description = "Remote ↔ NetSuite account mapping row"
    _audited_fields = ("account_id",)

    account_id = fields.Many2one(
        "remote.netsuite.account",
        string="NetSuite account",
        domain="[('id', 'in', allowed_account_ids)]",
        ondelete="restrict",
    )
    allowed_account_ids = fields.Many2many(
        "remote.netsuite.account", compute="_compute_allowed_account_ids"
    )

    @api.depends(
        "connection_id.entity_mode",
        "connection_id.single_subsidiary_id",
        "connection_id.legal_entity_ids.subsidiary_id",
    )
    def _compute_allowed_account_ids(self):
        self.allowed_account_ids = False
        for connection in self.connection_id:
            rows = self.filtered(lambda row, c=connection: row.connection_id == c)
            # the saved connection's, also while its form is edited: in the web client, an
            # account picked in a row whose allowed list an onchange had just rewritten was lost
            rows.allowed_account_ids = (connection._origin or connection)._usable_accounts()
