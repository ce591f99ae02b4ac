from odoo import api, fields, models


class RemoteNetsuiteRecordMixin(models.AbstractModel):
    """A NetSuite list record cached per connection by "Refresh from NetSuite".

    A record NetSuite no longer returns is kept and flagged ``vanished`` (mappings may use it);
    ``usable`` is False for inactive or vanished records, so mappings can flag them.
    """

    _name = "remote.netsuite.record.mixin"
    _description = "Cached NetSuite record"
    _order = "name, id"

    connection_id = fields.Many2one(
        "remote.netsuite.connection", required=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(related="connection_id.company_id", store=True, index=True)
    internal_id = fields.Char("NetSuite internal id", required=True, index=True)
    name = fields.Char(required=True)
    is_inactive = fields.Boolean("Inactive in NetSuite")
    vanished = fields.Boolean(help="NetSuite did not return this record at the last refresh.")
    usable = fields.Boolean(compute="_compute_usable", search="_search_usable")

    _sql_constraints = [
        (
            "internal_id_uniq",
            "unique(connection_id, internal_id)",
            "A NetSuite record is cached once per connection.",
        )
    ]

    @api.depends("is_inactive", "vanished")
    def _compute_usable(self):
        for record in self:
            record.usable = not (record.is_inactive or record.vanished)

    def _search_usable(self, operator, value):
        usable = (operator == "=") == bool(value)
        domain = [("is_inactive", "=", False), ("vanished", "=", False)]
        return domain if usable else ["|", ("is_inactive", "=", True), ("vanished", "=", True)]

    @api.depends("name", "is_inactive", "vanished")
    def _compute_display_name(self):
        for record in self:
            flag = (
                self.env._(" (vanished from NetSuite)")
                if record.vanished
                else self.env._(" (inactive)")
                if record.is_inactive
                else ""
            )
            record.display_name = f"{record._label()}{flag}"

    def _label(self):
        return self.name

    def _problem(self):
        """Why a mapping must not use this record, or ''."""
        self.ensure_one()
        if self.vanished:
            return self.env._("%s no longer exists in NetSuite", self._label())
        if self.is_inactive:
            return self.env._("%s is inactive in NetSuite", self._label())
        return ""

    @api.model
    def _values_from(self, record):
        """Field values of the cache row from the service's plain value."""
        return {"name": record.name, "is_inactive": record.is_inactive}

    @api.model
    def _sync_cache(self, connection, records, related=None):
        """Create or update the rows of ``connection`` from ``records`` (service values); flag the
        rows NetSuite no longer returned as vanished. ``related`` resolves subsidiary ids.
        Returns ``(created, updated, vanished)`` counts."""
        existing = {
            row.internal_id: row
            for row in self.with_context(active_test=False).search(
                [("connection_id", "=", connection.id)]
            )
        }
        created = updated = 0
        to_create = []
        for record in records:
            values = {**self._values_from(record), "vanished": False}
            if related is not None and hasattr(record, "subsidiary_ids"):
                values["subsidiary_ids"] = [fields.Command.set(related(record))]
            row = existing.pop(record.internal_id, None)
            if row is None:
                to_create.append(
                    {**values, "connection_id": connection.id, "internal_id": record.internal_id}
                )
                created += 1
            elif self._changed(row, values):
                row.write(values)
                updated += 1
        self.create(to_create)
        gone = self.browse([row.id for row in existing.values() if not row.vanished])
        gone.write({"vanished": True})
        return created, updated, len(gone)

    @staticmethod
    def _changed(row, values):
        for name, value in values.items():
            current = row[name]
            if isinstance(value, list):  # Command.set on a many2many
                if set(current.ids) != set(value[0][2]):
                    return True
            elif current != value:
                return True
        return False
