"""Company isolation: a user of one company reads nothing of another's, whatever the model.

Two companies, each with its connection, a document (lines, NetSuite transactions), an event and a
bill preview; each has an app User and a Manager. A model of the addon added later without a
company field and a record rule fails ``test_every_model_is_kept_to_its_companies``.
"""

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import SimulatorsCase

# Models of the addon that hold no company data, and why.
NO_COMPANY_DATA = {
    "remote.netsuite.secret.mixin": "abstract mixin: no table; its models carry company_id",
    "remote.netsuite.record.mixin": "abstract mixin: no table; its models carry company_id",
    "remote.netsuite.mapping.mixin": "abstract mixin: no table; its models carry company_id",
    "remote.netsuite.account.mapping.mixin": "abstract mixin: no table; its models carry it",
    "remote.netsuite.segment.mixin": "abstract mixin: no table; its models carry company_id",
}
COMPANY_DOMAIN = "[('company_id', 'in', company_ids)]"
# What each kind of user reads; sync wizards are Manager-only.
READ_BY_USERS = (
    "remote.netsuite.document",
    "remote.netsuite.document.line",
    "remote.netsuite.document.bill",
    "remote.netsuite.event",
    "remote.netsuite.bill.preview",
    "remote.netsuite.bill.preview.bill",
    "remote.netsuite.bill.preview.line",
)
READ_BY_MANAGERS = (
    *READ_BY_USERS,
    "remote.netsuite.sync.wizard",
    "remote.netsuite.sync.wizard.line",
)


@tagged("post_install", "-at_install")
class TestCompanyIsolation(SimulatorsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.remote_document = cls.remote_sim.data.documents[0]
        beta = cls.env["res.company"].create({"name": "Beta Co"})
        beta_connection = cls.env["remote.netsuite.connection"].create(
            cls.connection_values(company_id=beta.id, name="Beta connection")
        )
        cls.sides = {
            "alpha": cls._side("alpha", cls.connection),
            "beta": cls._side("beta", beta_connection),
        }

    @classmethod
    def _side(cls, key, connection):
        company = connection.company_id
        document = cls.env["remote.netsuite.document"].create(
            {
                "connection_id": connection.id,
                "remote_id": cls.remote_document.id,
                "period": cls.remote_document.period,
                "remote_type": cls.remote_document.type,
                "state": "failed",
                "line_ids": [
                    Command.create(
                        {"item": "Base Salary", "employee": f"Employee of {key}", "amount_minor": 1}
                    )
                ],
                "bill_ids": [
                    Command.create(
                        {"external_id": f"remote-{key}", "kind": "vendor_bill", "total": "0.01"}
                    )
                ],
            }
        )
        event = connection._log_event("alert", f"Event of {key}", document_id=document.id)
        preview = cls.env["remote.netsuite.bill.preview"].create(
            {
                "document_id": document.id,
                "outcome": "ready",
                "bill_ids": [
                    Command.create(
                        {
                            "external_id": f"remote-{key}",
                            "line_ids": [Command.create({"department": f"Department of {key}"})],
                        }
                    )
                ],
            }
        )
        wizard = cls.env["remote.netsuite.sync.wizard"].create(
            {"connection_id": connection.id, "line_ids": [Command.create({"count": 1})]}
        )
        return {
            "company": company,
            "users": {
                "User": cls.new_user(f"rn_iso_user_{key}", company=company),
                "Manager": cls.new_user(f"rn_iso_manager_{key}", manager=True, company=company),
            },
            "document": document,
            "records": {
                "remote.netsuite.document": document,
                "remote.netsuite.document.line": document.line_ids,
                "remote.netsuite.document.bill": document.bill_ids,
                "remote.netsuite.event": event,
                "remote.netsuite.bill.preview": preview,
                "remote.netsuite.bill.preview.bill": preview.bill_ids,
                "remote.netsuite.bill.preview.line": preview.bill_ids.line_ids,
                "remote.netsuite.sync.wizard": wizard,
                "remote.netsuite.sync.wizard.line": wizard.line_ids,
            },
        }

    def _callers(self):
        for key, side in self.sides.items():
            other = self.sides["beta" if key == "alpha" else "alpha"]
            for kind, user in side["users"].items():
                yield f"{kind} of {side['company'].name}", user, side, other

    def test_each_company_reads_only_its_own_rows(self):
        for caller, user, own, other in self._callers():
            models = READ_BY_MANAGERS if "Manager" in caller else READ_BY_USERS
            for model in models:
                own_ids, other_ids = own["records"][model].ids, other["records"][model].ids
                with self.subTest(caller=caller, model=model):
                    found = {row["id"] for row in self.env[model].with_user(user).search_read([])}
                    self.assertTrue(set(own_ids) <= found, "its own company's rows are listed")
                    self.assertFalse(found & set(other_ids), "another company's rows are listed")
                    self.env[model].with_user(user).browse(own_ids).read(["company_id"])
                    with self.assertRaises(AccessError):
                        self.env[model].with_user(user).browse(other_ids).read(["company_id"])

    def test_lines_a_sync_writes_are_kept_to_their_company(self):
        self.map_everything()
        self.connection._sync("manual", periods=[self.remote_document.period], selection="both")
        synced = (
            self.connection.document_ids.line_ids
            - self.sides["alpha"]["records"]["remote.netsuite.document.line"]
        )
        self.assertTrue(synced, "the sync wrote lines")
        self.assertEqual(synced.company_id, self.connection.company_id)
        for caller, user, own, _other in self._callers():
            with self.subTest(caller=caller):
                found = self.env["remote.netsuite.document.line"].with_user(user).search([])
                if own["company"] == self.connection.company_id:
                    self.assertEqual(found & synced, synced)
                else:
                    self.assertFalse(found & synced)

    def test_a_bill_preview_is_made_only_on_own_company_documents(self):
        for caller, user, own, other in self._callers():
            with self.subTest(caller=caller):
                with self.assertRaises(AccessError):
                    other["document"].with_user(user).action_preview_bills()
                with self.assertRaises(AccessError):
                    self.env["remote.netsuite.bill.preview"].with_user(user).create(
                        {"document_id": other["document"].id, "outcome": "ready"}
                    )
                with self.assertRaises(AccessError):
                    self.env["remote.netsuite.bill.preview"].with_user(user)._for_document(
                        other["document"].with_user(user)
                    )
                action = own["document"].with_user(user).action_preview_bills()
                preview = self.env[action["res_model"]].with_user(user).browse(action["res_id"])
                self.assertEqual(preview.company_id, own["company"])
                self.assertEqual(preview.document_id, own["document"])

    def test_every_model_is_kept_to_its_companies(self):
        """Every remote.netsuite.* model holds company data, unless NO_COMPANY_DATA says why not:
        each needs a stored, indexed company field and a global rule to the user's companies."""
        names = [name for name in self.env.registry if name.startswith("remote.netsuite")]
        for name in NO_COMPANY_DATA:
            self.assertIn(name, names, f"{name} is allowed but no longer exists")
        for name in names:
            if name in NO_COMPANY_DATA:
                self.assertTrue(self.env[name]._abstract, f"{name} stores rows: give it a company")
                continue
            with self.subTest(model=name):
                field = self.env[name]._fields.get("company_id")
                self.assertTrue(field, f"{name} has no company_id")
                self.assertEqual(field.comodel_name, "res.company")
                self.assertTrue(field.store and field.index, f"{name}.company_id stored, indexed")
                rules = self.env["ir.rule"].search(
                    [("model_id.model", "=", name), ("global", "=", True)]
                )
                domains = [rule.domain_force.replace('"', "'") for rule in rules]
                self.assertIn(COMPANY_DOMAIN, domains, f"{name} has no company record rule")
