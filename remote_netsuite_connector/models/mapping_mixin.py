from odoo import fields, models


class RemoteNetsuiteMappingMixin(models.AbstractModel):
    """A mapping row of a connection; changes of ``_audited_fields`` go to the Events History."""

    _name = "remote.netsuite.mapping.mixin"
    _description = "Remote ↔ NetSuite mapping row"

    _audited_fields: tuple[str, ...] = ()

    connection_id = fields.Many2one(
        "remote.netsuite.connection", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="connection_id.company_id", store=True, index=True)

    def write(self, vals):
        audited = [name for name in self._audited_fields if name in vals]
        before = {row.id: {name: row[name] for name in audited} for row in self}
        result = super().write(vals)
        for row in self:
            for name in audited:
                old, new = before[row.id][name], row[name]
                if old != new:
                    row.connection_id._log_event(
                        "setting",
                        self.env._(
                            "%(mapping)s: %(old)s → %(new)s",
                            mapping=row._mapping_label(name),
                            old=old.display_name if old else self.env._("(none)"),
                            new=new.display_name if new else self.env._("(none)"),
                        ),
                    )
        return result

    def _mapping_label(self, field_name):
        """What the row maps, for messages: e.g. "Account for Base Salary"."""
        return f"{self._fields[field_name]._description_string(self.env)} ({self.display_name})"
