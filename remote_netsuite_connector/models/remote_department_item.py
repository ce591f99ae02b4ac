from odoo import api, fields, models


class RemoteNetsuiteDepartmentItem(models.Model):
    """Breakdown by department: the account of an invoice item under one Remote department
    (``department_id`` empty: the lines of people without a department)."""

    _name = "remote.netsuite.department.item"
    _inherit = ["remote.netsuite.account.mapping.mixin"]
    _description = "Remote Department Item Mapping"
    _order = "department_id nulls first, item_sequence, id"

    department_id = fields.Many2one(
        "remote.netsuite.remote.department",
        string="Remote department",
        ondelete="cascade",
        readonly=True,
    )
    department_name = fields.Char(
        "Department", compute="_compute_department_name", store=True, readonly=True
    )
    item_id = fields.Many2one(
        "remote.netsuite.item",
        string="Invoice item",
        required=True,
        ondelete="cascade",
        readonly=True,
    )
    item_sequence = fields.Integer(related="item_id.sequence", store=True)

    @api.depends("department_id.name")
    def _compute_department_name(self):
        for row in self:
            row.department_name = row.department_id.name or self.env._("No department")

    def _mapping_label(self, field_name):
        return self.env._(
            "Account for %(item)s in %(department)s",
            item=self.item_id.name,
            department=self.department_name,
        )
