from odoo import api, fields, models

from ..const import (
    DEFAULT_ITEMS,
    EXPENSE_ACCOUNT_TYPES,
    MANAGER_GROUP,
    REMOTE_VENDORS,
    SETTLED_STATES,
)
from ..services import mapping
from ..services.currency import is_known, normalize_code

# What the mapping completeness (and the setup progress) is computed from.
MAPPING_DEPENDS = (
    "entity_mode",
    "single_subsidiary_id",
    "breakdown",
    "legal_entity_ids.subsidiary_id",
    "item_ids.account_id",
    "department_item_ids.account_id",
    "issuer_ids.vendor_id",
    "remote_department_ids.netsuite_department_id",
    "document_ids.state",
    "document_ids.currency_code",
    "currency_ids.is_inactive",
    "currency_ids.vanished",
    "netsuite_refresh_date",
)
# bill line field -> the connection's cache of those NetSuite records
SEGMENT_CACHES = {
    "department_id": "netsuite_department_ids",
    "class_id": "class_ids",
    "location_id": "location_ids",
}

# record type as NetSuite names it in messages -> the connection's cache of those records
NAMED_IN_MESSAGES = {
    "entity": "vendor_ids",
    "subsidiary": "subsidiary_ids",
    "currency": "currency_ids",
    "account": "account_ids",
    "department": "netsuite_department_ids",
    "class": "class_ids",
    "location": "location_ids",
}


class RemoteNetsuiteConnection(models.Model):
    _inherit = "remote.netsuite.connection"

    entity_mode = fields.Selection(
        [
            (mapping.SINGLE_SUBSIDIARY, "Map all Remote entities to the same subsidiary"),
            (mapping.PER_ENTITY, "Map each Remote entity to its own subsidiary"),
        ],
        string="Mapping preference",
        required=True,
        default=mapping.SINGLE_SUBSIDIARY,
        groups=MANAGER_GROUP,
        tracking=True,
    )
    single_subsidiary_id = fields.Many2one(
        "remote.netsuite.subsidiary",
        string="Subsidiary for all entities",
        domain="[('connection_id', '=', id), ('usable', '=', True)]",
        groups=MANAGER_GROUP,
        ondelete="restrict",
        tracking=True,
    )
    breakdown = fields.Selection(
        [
            (mapping.STANDARD_BREAKDOWN, "Standard breakdown"),
            (mapping.DEPARTMENT_BREAKDOWN, "Breakdown by department"),
        ],
        string="Invoice breakdown preference",
        required=True,
        default=mapping.STANDARD_BREAKDOWN,
        groups=MANAGER_GROUP,
        tracking=True,
    )
    legal_entity_ids = fields.One2many(
        "remote.netsuite.legal.entity",
        "connection_id",
        string="Remote entities",
        groups=MANAGER_GROUP,
    )
    remote_department_ids = fields.One2many(
        "remote.netsuite.remote.department",
        "connection_id",
        string="Remote departments",
        groups=MANAGER_GROUP,
    )
    item_ids = fields.One2many(
        "remote.netsuite.item", "connection_id", string="Invoice items", groups=MANAGER_GROUP
    )
    department_item_ids = fields.One2many(
        "remote.netsuite.department.item",
        "connection_id",
        string="Invoice items by department",
        groups=MANAGER_GROUP,
    )
    issuer_ids = fields.One2many(
        "remote.netsuite.issuer", "connection_id", string="Remote vendors", groups=MANAGER_GROUP
    )
    mapping_problems = fields.Text(compute="_compute_mapping_problems", groups=MANAGER_GROUP)
    mapping_complete = fields.Boolean(compute="_compute_mapping_problems", groups=MANAGER_GROUP)
    vendor_problems = fields.Text(compute="_compute_mapping_problems", groups=MANAGER_GROUP)

    @api.model_create_multi
    def create(self, vals_list):
        connections = super().create(vals_list)
        for connection in connections:
            connection._ensure_items(DEFAULT_ITEMS)
            connection._ensure_issuers(REMOTE_VENDORS)
        return connections

    # --- what is mapped -----------------------------------------------------------------------

    def _active_entities(self):
        return self.legal_entity_ids.filtered(lambda entity: not entity.vanished)

    def _mapped_subsidiaries(self):
        """The NetSuite subsidiaries bills of this connection are booked in."""
        self.ensure_one()
        if self.entity_mode == mapping.SINGLE_SUBSIDIARY:
            return self.single_subsidiary_id
        return self._active_entities().subsidiary_id

    def _usable_accounts(self):
        """Active expense-type accounts available in every mapped subsidiary (on the form, of the
        connection being edited: the cache rows belong to the saved one)."""
        self.ensure_one()
        domain = [
            ("connection_id", "=", self._origin.id),
            ("usable", "=", True),
            ("account_type", "in", EXPENSE_ACCOUNT_TYPES),
        ]
        for subsidiary in self._mapped_subsidiaries():
            domain.append(("subsidiary_ids", "in", subsidiary.id))
        return self.env["remote.netsuite.account"].search(domain)

    def _usable_departments(self):
        """Active NetSuite departments available in every mapped subsidiary."""
        self.ensure_one()
        subsidiaries = self._mapped_subsidiaries()
        return self._origin.netsuite_department_ids.filtered(
            lambda department: department.usable and not department._unavailable_in(subsidiaries)
        )

    def _account_rows(self):
        """The rows that need an account under the chosen breakdown."""
        if self.breakdown == mapping.DEPARTMENT_BREAKDOWN:
            return self.department_item_ids.filtered(lambda row: not row.department_id.vanished)
        return self.item_ids

    @api.depends(*MAPPING_DEPENDS)
    def _compute_mapping_problems(self):
        for connection in self:
            vendor_problems = connection._vendor_problems()
            problems = connection._subsidiary_problems() + connection._account_problems()
            problems += connection._department_problems() + vendor_problems
            problems += connection._currency_problems()
            connection.mapping_problems = "\n".join(problems)
            connection.mapping_complete = not problems
            connection.vendor_problems = "\n".join(vendor_problems)

    def _vendor_problems(self):
        return [
            f"{issuer.name}: {issuer._vendor_problem()}"
            for issuer in self.issuer_ids
            if issuer._vendor_problem()
        ]

    def _subsidiary_problems(self):
        _ = self.env._
        if self.entity_mode == mapping.SINGLE_SUBSIDIARY:
            if not self.single_subsidiary_id:
                return [_("Choose the subsidiary for all Remote entities.")]
            problem = self.single_subsidiary_id._problem()
            return [problem] if problem else []
        entities = self._active_entities()
        if not entities:
            return [_("Refresh from Remote to list the Remote entities to map.")]
        problems = []
        for entity in entities:
            if not entity.subsidiary_id:
                problems.append(_("Entity %s has no subsidiary.", entity.name))
            elif entity.subsidiary_id._problem():
                problems.append(f"{entity.name}: {entity.subsidiary_id._problem()}")
        return problems

    def _account_problems(self):
        _ = self.env._
        problems = []
        usable = self._usable_accounts()
        for row in self._account_rows():
            label = row._mapping_label("account_id")
            if not row.account_id:
                problems.append(_("%s is not mapped.", label))
            elif row.account_id._problem():
                problems.append(f"{label}: {row.account_id._problem()}")
            elif row.account_id not in usable:
                problems.append(
                    _(
                        "%(label)s: %(account)s is not available in every mapped subsidiary.",
                        label=label,
                        account=row.account_id.display_name,
                    )
                )
        return problems

    def _department_problems(self):
        """NetSuite departments mapped but refused on the lines (department breakdown only: the
        standard breakdown puts no department on lines)."""
        if self.breakdown != mapping.DEPARTMENT_BREAKDOWN:
            return []
        problems = []
        subsidiaries = self._mapped_subsidiaries()
        for row in self.remote_department_ids:
            department = row.netsuite_department_id
            if row.vanished or not department:
                continue
            label = row._mapping_label("netsuite_department_id")
            if department._problem():
                problems.append(f"{label}: {department._problem()}")
            for subsidiary in department._unavailable_in(subsidiaries):
                problems.append(f"{label}: {department._availability_problem(subsidiary)}.")
        return problems

    def _currency_problems(self):
        """Currencies of documents still to book that NetSuite has no active currency for."""
        connection = self._origin
        if not connection:
            return []
        _ = self.env._
        usable = {
            currency.iso_code: currency for currency in connection.currency_ids if currency.usable
        }
        cached = {currency.iso_code: currency for currency in connection.currency_ids}
        waiting = {}
        for code, count in self.env["remote.netsuite.document"]._read_group(
            [
                ("connection_id", "=", connection.id),
                ("state", "not in", SETTLED_STATES),
                ("currency_code", "!=", False),
            ],
            ["currency_code"],
            ["__count"],
        ):
            iso_code = normalize_code(code)
            if is_known(iso_code) and iso_code not in usable:
                waiting[iso_code] = waiting.get(iso_code, 0) + count
        problems = []
        for iso_code, count in sorted(waiting.items()):
            currency = cached.get(iso_code)
            fix = (
                _("%s: activate it in NetSuite, then Refresh from NetSuite.", currency._problem())
                if currency
                else _("NetSuite has no such currency: add it, then Refresh from NetSuite.")
            )
            waits = (
                _("1 document waits for it") if count == 1 else _("%s documents wait for it", count)
            )
            problems.append(f'{_("NetSuite currency")} "{iso_code}" ({waits}). {fix}')
        return problems

    def _segment_refusals(self, bills):
        """Why NetSuite would refuse ``bills`` (payloads): a line's department, class or location
        not available in the bill's subsidiary."""
        self.ensure_one()
        connection = self.sudo()
        subsidiaries = {row.internal_id: row for row in connection.subsidiary_ids}
        segments = {
            name: {row.internal_id: row for row in connection[field]}
            for name, field in SEGMENT_CACHES.items()
        }
        refusals = []
        for bill in bills:
            subsidiary = subsidiaries.get(bill.subsidiary_id)
            for line in bill.lines:
                for name, rows in segments.items():
                    segment = rows.get(getattr(line, name))
                    if subsidiary and segment and segment._unavailable_in(subsidiary):
                        refusals.append(segment._availability_problem(subsidiary, with_ids=True))
        return list(dict.fromkeys(refusals))

    def _netsuite_names(self):
        """Record type (as in NetSuite's messages) -> internal id -> name, from the cache."""
        self.ensure_one()
        connection = self.sudo()
        return {
            kind: {row.internal_id: row._label() for row in connection[field]}
            for kind, field in NAMED_IN_MESSAGES.items()
        }

    def action_copy_standard_mapping(self):
        """Breakdown by department: give every row still without an account the account its
        invoice item has in the standard breakdown, to be adjusted where a department differs."""
        self.ensure_one()
        self._check_manager()
        for row in self.department_item_ids:
            if not row.account_id and row.item_id.account_id:
                row.account_id = row.item_id.account_id
        return True

    # --- rows the sync and the refreshes add --------------------------------------------------

    def _ensure_items(self, item_names):
        """Add mapping rows for invoice items not listed yet (both breakdowns). Returns the new
        ``remote.netsuite.item`` records."""
        self.ensure_one()
        Item = self.env["remote.netsuite.item"].sudo()
        known = set(Item.search([("connection_id", "=", self.id)]).mapped("name"))
        names = [name for name in dict.fromkeys(n.strip() for n in item_names if n) if name]
        next_sequence = 10 * (len(known) + 1)
        new_items = Item.create(
            [
                {"connection_id": self.id, "name": name, "sequence": next_sequence + 10 * index}
                for index, name in enumerate(n for n in names if n not in known)
            ]
        )
        if new_items:
            self._ensure_department_items()
        return new_items

    def _ensure_department_items(self):
        """One department-and-item row for every Remote department (and "no department")."""
        self.ensure_one()
        Row = self.env["remote.netsuite.department.item"].sudo()
        existing = {
            (row.department_id.id, row.item_id.id)
            for row in Row.search([("connection_id", "=", self.id)])
        }
        departments = [False, *self.sudo().remote_department_ids.ids]
        Row.create(
            [
                {"connection_id": self.id, "department_id": department, "item_id": item.id}
                for department in departments
                for item in self.sudo().item_ids
                if (department, item.id) not in existing
            ]
        )

    def _ensure_issuers(self, names):
        self.ensure_one()
        Issuer = self.env["remote.netsuite.issuer"].sudo()
        known = set(Issuer.search([("connection_id", "=", self.id)]).mapped("name"))
        Issuer.create(
            [
                {"connection_id": self.id, "name": name}
                for name in dict.fromkeys(names)
                if name and name not in known
            ]
        )

    # --- the sync's view of it ----------------------------------------------------------------

    def _mappings(self):
        """The mappings as plain values for the bill builder (internal ids as strings)."""
        self.ensure_one()
        connection = self.sudo()
        entities = connection._active_entities()
        default_entity = entities.filtered("is_default")[:1]
        return mapping.Mappings(
            entity_mode=connection.entity_mode,
            single_subsidiary_id=connection.single_subsidiary_id.internal_id or None,
            entity_subsidiary={
                entity.remote_id: entity.subsidiary_id.internal_id
                for entity in entities
                if entity.subsidiary_id
            },
            default_legal_entity_id=default_entity.remote_id or None,
            vendor_by_issuer={
                issuer.name: issuer.vendor_id.internal_id
                for issuer in connection.issuer_ids
                if issuer.vendor_id
            },
            breakdown=connection.breakdown,
            item_account={
                item.name: item.account_id.internal_id
                for item in connection.item_ids
                if item.account_id
            },
            department_item_account={
                (
                    row.department_id.remote_id or mapping.NO_DEPARTMENT,
                    row.item_id.name,
                ): row.account_id.internal_id
                for row in connection.department_item_ids
                if row.account_id
            },
            department_netsuite={
                department.remote_id: department.netsuite_department_id.internal_id
                for department in connection.remote_department_ids
                if department.netsuite_department_id
            },
            currency_by_code={
                currency.iso_code: currency.internal_id
                for currency in self.env["remote.netsuite.currency"].search(
                    [("connection_id", "=", self.id), ("usable", "=", True)]
                )
                if currency.iso_code
            },
            department_names={
                department.remote_id: department.name
                for department in connection.remote_department_ids
            },
        )
