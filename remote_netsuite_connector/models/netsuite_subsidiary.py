from odoo import api, fields, models


class RemoteNetsuiteSubsidiary(models.Model):
    _name = "remote.netsuite.subsidiary"
    _inherit = ["remote.netsuite.record.mixin"]
    _description = "NetSuite Subsidiary"

    parent_internal_id = fields.Char("Parent subsidiary internal id")
    currency_internal_id = fields.Char()
    country = fields.Char()

    @api.model
    def _values_from(self, record):
        extra = record.extra or {}
        return {
            **super()._values_from(record),
            "parent_internal_id": extra.get("parent_id") or False,
            "currency_internal_id": extra.get("currency_id") or False,
            "country": (extra.get("country") or "").lstrip("_") or False,
        }

    def _descendant_internal_ids(self, internal_ids):
        """``internal_ids`` and every subsidiary below them in this connection's hierarchy."""
        children = {}
        for row in self:
            children.setdefault(row.parent_internal_id, []).append(row.internal_id)
        found, todo = set(), list(internal_ids)
        while todo:
            current = todo.pop()
            if current not in found:
                found.add(current)
                todo.extend(children.get(current, ()))
        return found
