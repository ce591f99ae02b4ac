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
    # The department's own mapping, edited on its first row: one list maps both.
    netsuite_department_id = fields.Many2one(
        related="department_id.netsuite_department_id",
        readonly=False,
        domain="[('id', 'in', allowed_netsuite_department_ids)]",
    )
    allowed_netsuite_department_ids = fields.Many2many(
        related="department_id.allowed_netsuite_department_ids"
    )
    department_vanished = fields.Boolean(related="department_id.vanished")
    first_of_department = fields.Boolean(compute="_compute_first_of_department")

    @api.depends("department_id.name")
    def _compute_department_name(self):
        for row in self:
            row.department_name = row.department_id.name or self.env._("No department")

    @api.depends("item_id", "connection_id.item_ids")
    def _compute_first_of_department(self):
        for row in self:
            row.first_of_department = row.item_id == row.connection_id.item_ids[:1]

    def _mapping_label(self, field_name):
        return self.env._(
            "Account for %(item)s in %(department)s",
            item=self.item_id.name,
            department=self.department_name,
        )
