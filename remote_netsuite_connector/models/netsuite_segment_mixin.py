from odoo import api, fields, models


class RemoteNetsuiteSegmentMixin(models.AbstractModel):
    """A cached department, class or location: NetSuite refuses it on a line of a transaction
    whose subsidiary it is not available in."""

    _name = "remote.netsuite.segment.mixin"
    _inherit = ["remote.netsuite.record.mixin"]
    _description = "Cached NetSuite department, class or location"

    # the record type as NetSuite names it in messages ("Invalid department reference key ...")
    _segment_kind = ""

    include_children = fields.Boolean(help="Also available in the sub-subsidiaries.")
    subsidiary_ids = fields.Many2many(
        "remote.netsuite.subsidiary",
        help="Subsidiaries where it can be used, sub-subsidiaries included; empty: all.",
    )

    @api.model
    def _values_from(self, record):
        return {**super()._values_from(record), "include_children": record.include_children}

    def _unavailable_in(self, subsidiaries):
        """The ``subsidiaries`` where NetSuite refuses this record on a line."""
        self.ensure_one()
        if not self.subsidiary_ids:
            return subsidiaries.browse()
        return subsidiaries._origin - self.subsidiary_ids

    def _availability_problem(self, subsidiary, with_ids=False):
        if with_ids:
            return self.env._(
                '%(kind)s "%(name)s" [%(id)s] is not available in subsidiary "%(subsidiary)s" '
                "[%(subsidiary_id)s]",
                kind=self._segment_kind,
                name=self.name,
                id=self.internal_id,
                subsidiary=subsidiary.name,
                subsidiary_id=subsidiary.internal_id,
            )
        return self.env._(
            '%(kind)s "%(name)s" is not available in subsidiary "%(subsidiary)s"',
            kind=self._segment_kind,
            name=self.name,
            subsidiary=subsidiary.name,
        )
