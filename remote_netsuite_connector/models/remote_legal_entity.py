from odoo import fields, models


class RemoteNetsuiteLegalEntity(models.Model):
    """A Remote legal entity and the NetSuite subsidiary its bills go to (per-entity mapping)."""

    _name = "remote.netsuite.legal.entity"
    _inherit = ["remote.netsuite.mapping.mixin"]
    _description = "Remote Legal Entity Mapping"
    _order = "is_default desc, name, id"
    _audited_fields = ("subsidiary_id",)

    remote_id = fields.Char("Remote id", required=True, readonly=True)
    name = fields.Char(required=True, readonly=True)
    country_code = fields.Char(readonly=True)
    is_default = fields.Boolean("Default entity", readonly=True)
    vanished = fields.Boolean(readonly=True, help="Remote no longer returns this entity.")
    subsidiary_id = fields.Many2one(
        "remote.netsuite.subsidiary",
        string="NetSuite subsidiary",
        domain="[('connection_id', '=', connection_id), ('usable', '=', True)]",
        ondelete="restrict",
    )

    _sql_constraints = [
        ("remote_uniq", "unique(connection_id, remote_id)", "A Remote entity is mapped once.")
    ]

    def _mapping_label(self, field_name):
        return self.env._("Subsidiary for entity %s", self.name)
