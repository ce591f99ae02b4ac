from odoo import fields, models


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
        "remote.netsuite.department",
        string="NetSuite department",
        domain="[('connection_id', '=', connection_id), ('usable', '=', True)]",
        ondelete="restrict",
    )

    _sql_constraints = [
        ("remote_uniq", "unique(connection_id, remote_id)", "A Remote department is mapped once.")
    ]

    def _mapping_label(self, field_name):
        return self.env._("NetSuite department for %s", self.name)
