import logging

from odoo import fields, models
from odoo.exceptions import UserError

from ..const import ITEM_DISCOVERY_DOCUMENTS, ITEM_DISCOVERY_MONTHS, REMOTE_VENDORS
from ..services.netsuite import NetSuiteError
from ..services.remote import RemoteAuthError, RemoteError

_logger = logging.getLogger(__name__)

NETSUITE_LISTS = (
    # (cache model, client method, label)
    ("remote.netsuite.subsidiary", "list_subsidiaries", "subsidiaries"),
    ("remote.netsuite.account", "list_accounts", "accounts"),
    ("remote.netsuite.ns.department", "list_departments", "departments"),
    ("remote.netsuite.class", "list_classes", "classes"),
    ("remote.netsuite.location", "list_locations", "locations"),
    ("remote.netsuite.vendor", "list_vendors", "vendors"),
    ("remote.netsuite.currency", "list_currencies", "currencies"),
)


def recent_periods(today, months):
    """``months`` periods (YYYY-MM) ending with today's month, newest first."""
    index = today.year * 12 + today.month - 1
    return [f"{(index - n) // 12:04d}-{(index - n) % 12 + 1:02d}" for n in range(months)]


class RemoteNetsuiteConnection(models.Model):
    _inherit = "remote.netsuite.connection"

    netsuite_refresh_date = fields.Datetime("NetSuite lists refreshed on", readonly=True)
    remote_refresh_date = fields.Datetime("Remote lists refreshed on", readonly=True)
    subsidiary_ids = fields.One2many("remote.netsuite.subsidiary", "connection_id")
    account_ids = fields.One2many("remote.netsuite.account", "connection_id")
    netsuite_department_ids = fields.One2many("remote.netsuite.ns.department", "connection_id")
    class_ids = fields.One2many("remote.netsuite.class", "connection_id")
    location_ids = fields.One2many("remote.netsuite.location", "connection_id")
    vendor_ids = fields.One2many("remote.netsuite.vendor", "connection_id")
    currency_ids = fields.One2many("remote.netsuite.currency", "connection_id")

    # --- NetSuite -----------------------------------------------------------------------------

    def _refresh_from_netsuite(self):
        """Cache NetSuite's lists, match the Remote vendors by name. Returns a summary line.
        Service errors (NetSuiteError) propagate to the caller."""
        self.ensure_one()
        with self._netsuite_client() as client:
            fetched = {model: getattr(client, method)() for model, method, _label in NETSUITE_LISTS}
        counts = []
        for model, _method, label in NETSUITE_LISTS:
            resolve = None
            if model == "remote.netsuite.vendor":
                resolve = self._subsidiary_resolver()
            elif model not in ("remote.netsuite.subsidiary", "remote.netsuite.currency"):
                resolve = self._availability_resolver()
            created, updated, vanished = (
                self.env[model].sudo()._sync_cache(self, fetched[model], resolve)
            )
            counts.append(
                self.env._(
                    "%(count)s %(label)s (%(new)s new, %(changed)s changed, %(gone)s vanished)",
                    count=len(fetched[model]),
                    label=label,
                    new=created,
                    changed=updated,
                    gone=vanished,
                )
            )
        self._match_vendors()
        self.sudo().netsuite_refresh_date = fields.Datetime.now()
        return "; ".join(counts)

    def _subsidiary_resolver(self):
        by_internal_id = {
            row.internal_id: row.id
            for row in self.env["remote.netsuite.subsidiary"]
            .sudo()
            .with_context(active_test=False)
            .search([("connection_id", "=", self.id)])
        }

        def resolve(record):
            return [by_internal_id[i] for i in record.subsidiary_ids if i in by_internal_id]

        return resolve

    def _availability_resolver(self):
        """Accounts, departments, classes and locations with "include children" are available in
        every sub-subsidiary too."""
        subsidiaries = (
            self.env["remote.netsuite.subsidiary"].sudo().search([("connection_id", "=", self.id)])
        )
        by_internal_id = {row.internal_id: row.id for row in subsidiaries}

        def resolve(record):
            ids = set(record.subsidiary_ids)
            if record.include_children:
                ids = subsidiaries._descendant_internal_ids(ids)
            return [by_internal_id[i] for i in sorted(ids) if i in by_internal_id]

        return resolve

    def _match_vendors(self):
        """Give each Remote issuing entity without a vendor the NetSuite vendor of that name."""
        vendors = (
            self.env["remote.netsuite.vendor"]
            .sudo()
            .search([("connection_id", "=", self.id), ("vanished", "=", False)])
        )
        by_name = {}
        for vendor in vendors.sorted(lambda v: v.is_inactive, reverse=True):
            by_name[vendor.name.casefold().strip()] = vendor  # active ones win
        for issuer in self.sudo().issuer_ids.filtered(lambda i: not i.vendor_id):
            vendor = by_name.get(issuer.name.casefold().strip())
            if vendor:
                issuer.vendor_id = vendor

    # --- Remote -------------------------------------------------------------------------------

    def _refresh_from_remote(self):
        """Fetch the Remote legal entities, departments and the invoice items of recent billing
        documents. Returns a summary line. Service errors (RemoteError) propagate."""
        self.ensure_one()
        connection = self.sudo()
        with self._remote_client() as client:
            identity = client.identity()
            entities = client.legal_entities(identity.company_id)
            departments = client.departments(identity.company_id)
            items, issuers = self._discover_items(client)
        connection.write(
            {
                "remote_company_id": identity.company_id,
                "remote_company_name": identity.company_name,
                "remote_refresh_date": fields.Datetime.now(),
            }
        )
        entity_counts = self._sync_remote_rows(
            "remote.netsuite.legal.entity",
            {
                entity.id: {
                    "name": entity.name,
                    "country_code": entity.country_code or False,
                    "is_default": entity.is_default,
                }
                for entity in entities
            },
        )
        department_counts = self._sync_remote_rows(
            "remote.netsuite.remote.department",
            {department.id: {"name": department.name} for department in departments},
        )
        new_items = self._ensure_items(items)
        self._ensure_department_items()
        self._ensure_issuers([*REMOTE_VENDORS, *issuers])
        self._match_vendors()
        _ = self.env._
        return ", ".join(
            (
                _("1 legal entity (%s new)", entity_counts)
                if len(entities) == 1
                else _(
                    "%(count)s legal entities (%(new)s new)", count=len(entities), new=entity_counts
                ),
                _("1 department (%s new)", department_counts)
                if len(departments) == 1
                else _(
                    "%(count)s departments (%(new)s new)",
                    count=len(departments),
                    new=department_counts,
                ),
                _("1 new invoice item")
                if len(new_items) == 1
                else _("%s new invoice items", len(new_items)),
            )
        )

    def _sync_remote_rows(self, model, values_by_remote_id):
        """Create/update rows by Remote id; rows Remote no longer returns are flagged vanished.
        Returns the number of new rows."""
        Model = self.env[model].sudo()
        existing = {row.remote_id: row for row in Model.search([("connection_id", "=", self.id)])}
        new = [
            {**values, "connection_id": self.id, "remote_id": remote_id}
            for remote_id, values in values_by_remote_id.items()
            if remote_id not in existing
        ]
        for remote_id, row in existing.items():
            values = values_by_remote_id.get(remote_id)
            if values is None:
                if not row.vanished:
                    row.vanished = True
            elif any(row[key] != value for key, value in values.items()) or row.vanished:
                row.write({**values, "vanished": False})
        Model.create(new)
        return len(new)

    def _discover_items(self, client):
        """Invoice item types and issuing entities of the latest billing documents."""
        items, issuers, documents = [], [], []
        for period in recent_periods(self._today(), ITEM_DISCOVERY_MONTHS):
            documents.extend(client.billing_documents(period))
        for summary in documents:
            if summary.bill_from:
                issuers.append(summary.bill_from)
        for summary in documents[:ITEM_DISCOVERY_DOCUMENTS]:
            items.extend(line.type for line in client.breakdown(summary.id) if line.type)
        return items, issuers

    # --- buttons ------------------------------------------------------------------------------

    def action_refresh_netsuite(self):
        return self._run_refresh(self._refresh_from_netsuite, self.env._("NetSuite"))

    def action_refresh_remote(self):
        return self._run_refresh(self._refresh_from_remote, self.env._("Remote"))

    def _run_refresh(self, refresh, side):
        self.ensure_one()
        self._check_manager()
        _ = self.env._
        try:
            summary = refresh()
        except UserError as error:
            failure = error.args[0]
        except RemoteAuthError as error:  # its message names Remote, and says what to fix
            failure = error.message
        except (NetSuiteError, RemoteError) as error:
            failure = str(error)
        else:
            self._log_event("refresh", _("Refreshed from %s", side), details=summary)
            return self._notification(_("Refreshed from %s", side), summary, "success")
        self._log_event(
            "refresh", _("Refresh from %s failed", side), level="error", details=failure
        )
        return self._notification(_("Refresh from %s failed", side), failure, "danger", sticky=True)
