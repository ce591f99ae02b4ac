from odoo import api, fields, models


class RemoteNetsuiteCurrency(models.Model):
    _name = "remote.netsuite.currency"
    _inherit = ["remote.netsuite.record.mixin"]
    _description = "NetSuite Currency"

    iso_code = fields.Char("ISO code")

    @api.model
    def _values_from(self, record):
        return {**super()._values_from(record), "iso_code": record.iso_code}
