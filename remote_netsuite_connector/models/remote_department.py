from odoo import api, fields, models


class RemoteNetsuiteRemoteDepartment(models.Model):
    """A Remote department, optionally mapped to a NetSuite department put on bill lines."""

    _name = "remote.netsuite.remote.department"
    _inherit = ["remote.netsuite.mapping.mixin"]
    _description = "Remote Department Mapping"
    _order = "name, id"
    _audited_fields = ("netsuite_department_id",)

    remote_id = fields.Char("Remote id", required=True, readonly=True)
    name = fields.Char(required=True, readonly=True)
    vanished = fields.Boolean(readonly=True, help="Remote no longer returns this department.")
    netsuite_department_id = fields.Many2one(
        "remote.netsuite.ns.department",
        string="NetSuite department",
        domain="[('id', 'in', allowed_netsuite_department_ids)]",
        ondelete="restrict",
    )
    allowed_netsuite_department_ids = fields.Many2many(
        "remote.netsuite.ns.department", compute="_compute_allowed_netsuite_department_ids"
    )

    _sql_constraints = [
        ("remote_uniq", "unique(connection_id, remote_id)", "A Remote department is mapped once.")
    ]

    @api.depends(
        "connection_id.entity_mode",
        "connection_id.single_subsidiary_id",
        "connection_id.legal_entity_ids.subsidiary_id",
    )
    def _compute_allowed_netsuite_department_ids(self):
        """Only departments NetSuite accepts in every subsidiary the bills are booked in."""
        self.allowed_netsuite_department_ids = False
        for connection in self.connection_id:
            rows = self.filtered(lambda row, c=connection: row.connection_id == c)
            rows.allowed_netsuite_department_ids = connection._usable_departments()

    def _mapping_label(self, field_name):
        return self.env._("NetSuite department for %s", self.name)
