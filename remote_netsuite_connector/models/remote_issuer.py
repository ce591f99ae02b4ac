from odoo import api, fields, models


class RemoteNetsuiteIssuer(models.Model):
    """A Remote entity that issues billing documents, and the NetSuite vendor its bills use."""

    _name = "remote.netsuite.issuer"
    _inherit = ["remote.netsuite.mapping.mixin"]
    _description = "Remote Issuing Entity → Vendor"
    _order = "name, id"
    _audited_fields = ("vendor_id",)

    name = fields.Char("Remote issuing entity", required=True, readonly=True)
    vendor_id = fields.Many2one(
        "remote.netsuite.vendor",
        string="NetSuite vendor",
        domain="[('connection_id', '=', connection_id), ('usable', '=', True)]",
        ondelete="restrict",
    )
    problem = fields.Char(compute="_compute_problem")

    _sql_constraints = [
        ("name_uniq", "unique(connection_id, name)", "An issuing entity is listed once.")
    ]

    @api.depends(
        "vendor_id.subsidiary_ids",
        "vendor_id.is_inactive",
        "vendor_id.vanished",
        "connection_id.netsuite_refresh_date",
        "connection_id.entity_mode",
        "connection_id.single_subsidiary_id",
        "connection_id.legal_entity_ids.subsidiary_id",
    )
    def _compute_problem(self):
        for issuer in self:
            issuer.problem = issuer._vendor_problem()

    def _vendor_problem(self):
        """What keeps bills from this issuer from being booked, or ''."""
        self.ensure_one()
        _ = self.env._
        if not self.vendor_id and not self.connection_id.sudo().netsuite_refresh_date:
            return _("Refresh from NetSuite to find the vendor %s.", self.name)
        if not self.vendor_id:
            return _(
                "No vendor named %s in NetSuite: create it, share it with every subsidiary "
                "you map, then refresh from NetSuite (or pick the vendor by hand).",
                self.name,
            )
        if self.vendor_id._problem():
            return self.vendor_id._problem()
        unshared = self.connection_id._mapped_subsidiaries() - self.vendor_id.subsidiary_ids
        if unshared:
            return _(
                "Vendor %(vendor)s is not shared with %(subsidiaries)s: share it with these "
                "subsidiaries in NetSuite (vendor record > Subsidiaries), then refresh.",
                vendor=self.vendor_id.name,
                subsidiaries=", ".join(unshared.mapped("name")),
            )
        return ""

    def _mapping_label(self, field_name):
        return self.env._("Vendor for %s", self.name)
