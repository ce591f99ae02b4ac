from odoo.tests import Form, tagged

from ..services import mapping
from .common import SimulatorsCase


@tagged("post_install", "-at_install")
class TestMappings(SimulatorsCase):
    def test_refresh_fills_the_netsuite_lists(self):
        self.connection._refresh_from_netsuite()
        data = self.netsuite_sim.data
        account = self.netsuite_record("remote.netsuite.account", "6040")
        self.assertEqual(account.name, "Travel and Expenses")
        self.assertEqual(set(account.subsidiary_ids.mapped("name")), {"Acme US", "Acme Canada"})
        salaries = self.netsuite_record("remote.netsuite.account", "6000")
        self.assertIn("Acme Japan", salaries.subsidiary_ids.mapped("name"), "include children")
        self.assertEqual(salaries.account_type, "expense")
        self.assertTrue(self.netsuite_record("remote.netsuite.account", "6070").is_inactive)
        self.assertEqual(
            len(self.connection.subsidiary_ids), len(data.subsidiaries), "every subsidiary"
        )
        canada = self.netsuite_record("remote.netsuite.vendor", "Canada Remote Technology Inc.")
        self.assertNotIn("Acme Japan", canada.subsidiary_ids.mapped("name"))
        self.assertIn("Acme Germany", canada.subsidiary_ids.mapped("name"))
        euro = self.env["remote.netsuite.currency"].search(
            [("connection_id", "=", self.connection.id), ("iso_code", "=", "EUR")]
        )
        self.assertEqual(euro.internal_id, data.currency("EUR").internal_id)
        for model in (
            "remote.netsuite.ns.department",
            "remote.netsuite.class",
            "remote.netsuite.location",
        ):
            self.assertTrue(
                self.env[model].search_count([("connection_id", "=", self.connection.id)])
            )
        issuers = {issuer.name: issuer.vendor_id.name for issuer in self.connection.issuer_ids}
        self.assertEqual(issuers["Remote Europe Holding BV"], "Remote Europe Holding BV")

    def test_vendor_checks_wait_for_netsuite_to_be_read(self):
        problems = self.connection.mapping_problems
        self.assertNotIn("No vendor named", problems, "NetSuite was never read")
        self.assertIn("Refresh from NetSuite to find the vendor Remote Europe Holding BV", problems)
        self.connection._refresh_from_netsuite()
        self.assertNotIn("Refresh from NetSuite to find", self.connection.mapping_problems)

    def test_refresh_summary_counts_in_words(self):
        self.connection._refresh_from_remote()
        self.connection.item_ids.filtered(lambda item: item.name == "Base Salary").unlink()
        summary = self.connection._refresh_from_remote()
        self.assertIn("1 new invoice item", summary)
        self.assertNotIn("1 new invoice items", summary)

    def test_an_empty_synced_invoices_list_says_what_is_true_with_filters_too(self):
        help_text = self.env.ref("remote_netsuite_connector.document_action").help
        self.assertNotIn("read yet", help_text)
        self.assertIn("Remove them", help_text)

    def test_single_subsidiary_and_standard_breakdown_read_back(self):
        self.map_everything()
        values = self.connection._mappings()
        data = self.netsuite_sim.data
        self.assertEqual(values.entity_mode, mapping.SINGLE_SUBSIDIARY)
        self.assertEqual(values.single_subsidiary_id, data.subsidiary("Acme Germany").internal_id)
        self.assertEqual(values.breakdown, mapping.STANDARD_BREAKDOWN)
        self.assertEqual(values.item_account["Base Salary"], data.account("6000").internal_id)
        self.assertEqual(values.item_account["Management Fee"], data.account("6030").internal_id)
        self.assertEqual(
            values.vendor_by_issuer["Canada Remote Technology Inc."],
            data.vendor("Canada Remote Technology Inc.").internal_id,
        )
        self.assertEqual(values.currency_by_code["JPY"], data.currency("JPY").internal_id)
        self.assertTrue(self.connection.mapping_complete, self.connection.mapping_problems)

    def test_per_entity_and_department_breakdown_read_back(self):
        self.map_everything(entity_mode=mapping.PER_ENTITY, breakdown=mapping.DEPARTMENT_BREAKDOWN)
        values = self.connection._mappings()
        data = self.netsuite_sim.data
        remote = self.remote_sim.data
        by_country = {entity.country_code: entity.id for entity in remote.legal_entities}
        self.assertEqual(
            values.entity_subsidiary[by_country["JPN"]], data.subsidiary("Acme Japan").internal_id
        )
        self.assertEqual(len(values.entity_subsidiary), len(remote.legal_entities))
        default = next(entity for entity in remote.legal_entities if entity.is_default)
        self.assertEqual(values.default_legal_entity_id, default.id)
        engineering = next(d for d in remote.departments if d.name == "Engineering")
        self.assertEqual(
            values.department_item_account[(engineering.id, "Benefits")],
            data.account("6020").internal_id,
        )
        self.assertEqual(
            values.department_item_account[(mapping.NO_DEPARTMENT, "Base Salary")],
            data.account("6000").internal_id,
        )
        self.assertEqual(
            values.department_netsuite[engineering.id], data.department("Engineering").internal_id
        )
        self.assertEqual(values.department_names[engineering.id], "Engineering")

    def test_changing_the_preference_keeps_the_other_mapping(self):
        self.map_everything(entity_mode=mapping.PER_ENTITY)
        per_entity = dict(self.connection._mappings().entity_subsidiary)
        self.connection.entity_mode = mapping.SINGLE_SUBSIDIARY
        self.connection.entity_mode = mapping.PER_ENTITY
        self.assertEqual(self.connection._mappings().entity_subsidiary, per_entity)
        self.assertTrue(self.connection.single_subsidiary_id)

    def test_items_found_in_recent_billing_documents_are_added(self):
        self.connection._refresh_from_remote()
        names = set(self.connection.item_ids.mapped("name"))
        billed = {
            line.type
            for document in self.remote_sim.data.documents
            for line in self.remote_sim.data.line_factory(document)
        }
        self.assertTrue({"Base Salary", "Management Fee"} <= names)
        new = self.connection._ensure_items(["Relocation Allowance", "Base Salary"])
        self.assertEqual(new.mapped("name"), ["Relocation Allowance"])
        rows = self.connection.department_item_ids.filtered(
            lambda row: row.item_id.name == "Relocation Allowance"
        )
        self.assertEqual(len(rows), len(self.connection.remote_department_ids) + 1)
        self.assertTrue(billed)

    def test_vendor_check_names_the_unshared_subsidiary(self):
        self.map_everything(entity_mode=mapping.PER_ENTITY)
        canada = self.connection.issuer_ids.filtered(
            lambda issuer: issuer.name == "Canada Remote Technology Inc."
        )
        self.assertIn("not shared with Acme Japan", canada.problem)
        self.assertIn("Acme Japan", self.connection.vendor_problems)
        self.assertFalse(self.connection.mapping_complete)
        europe = self.connection.issuer_ids.filtered(
            lambda issuer: issuer.name == "Remote Europe Holding BV"
        )
        self.assertFalse(europe.problem)

    def test_account_dropdown_offers_accounts_of_every_mapped_subsidiary(self):
        self.map_everything(entity_mode=mapping.PER_ENTITY)
        item = self.connection.item_ids[:1]
        offered = item.allowed_account_ids.mapped("number")
        self.assertIn("6000", offered)
        self.assertNotIn("6040", offered, "only in US and Canada")
        self.assertNotIn("6070", offered, "inactive")
        self.assertNotIn("2000", offered, "not an expense account")
        self.connection.entity_mode = mapping.SINGLE_SUBSIDIARY
        self.connection.single_subsidiary_id = self.netsuite_record(
            "remote.netsuite.subsidiary", "Acme US"
        )
        self.assertIn("6040", item.allowed_account_ids.mapped("number"))

    def test_vanished_records_are_kept_and_flagged(self):
        self.map_everything()
        base_salary = self.connection.item_ids.filtered(lambda item: item.name == "Base Salary")
        account = base_salary.account_id
        data = self.netsuite_sim.data
        self.patch(data, "accounts", [a for a in data.accounts if a.number != "6000"])
        self.connection._refresh_from_netsuite()
        self.assertTrue(account.exists())
        self.assertTrue(account.vanished)
        self.assertEqual(base_salary.account_id, account)
        self.assertIn("no longer exists in NetSuite", self.connection.mapping_problems)

    def test_setup_progress_follows_the_guide(self):
        self.assertEqual(self.connection.setup_next_step, "Connect")
        self.connection.action_test_connection()
        self.assertEqual(self.connection.setup_next_step, "Entities → subsidiaries")
        self.map_everything()
        self.assertEqual(self.connection.setup_next_step, "First manual sync")
        steps = {step["key"]: step for step in self.connection.setup_steps}
        self.assertEqual(
            (steps["accounts"]["label"], steps["accounts"]["done"]),
            ("Items → accounts, vendors", True),
        )
        self.assertTrue(steps["first_sync"]["current"])
        self.assertTrue(self.connection._sync_manual("both")["ok"])
        # the sync met invoice items Remote had not billed before: they wait for an account
        self.assertEqual(self.connection.setup_next_step, "Items → accounts, vendors")
        self.map_everything(refresh=False)
        self.assertEqual(self.connection.setup_next_step, "Automatic sync")
        self.connection.auto_sync = True
        self.assertEqual(self.connection.setup_next_step, "")
        self.assertTrue(all(step["done"] for step in self.connection.setup_steps))

    def test_mapping_indicator_names_what_is_unmapped(self):
        self.map_everything(breakdown=mapping.DEPARTMENT_BREAKDOWN)
        row = self.connection.department_item_ids.filtered(
            lambda r: r.department_id.name == "Sales" and r.item_id.name == "Benefits"
        )
        row.account_id = False
        self.assertEqual(
            self.connection.mapping_problems, "Account for Benefits in Sales is not mapped."
        )
        self.connection.breakdown = mapping.STANDARD_BREAKDOWN
        self.assertTrue(self.connection.mapping_complete)


@tagged("post_install", "-at_install")
class TestMappingsRest(TestMappings):
    """The same lists read over SuiteQL."""

    TRANSPORT = "rest"


@tagged("post_install", "-at_install")
class TestMappingForm(SimulatorsCase):
    """Editing the mappings on the form (onchange of the unsaved record), as the browser does."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.map_everything()
        cls.base_salary = cls.connection.item_ids.filtered(lambda i: i.name == "Base Salary")
        # 6050 is available in Acme Germany, Netherlands and UK only
        cls.base_salary.account_id = cls.netsuite_record("remote.netsuite.account", "6050")

    def accounts_step(self, form):
        return next(step for step in form.setup_steps if step["key"] == "accounts")

    def base_salary_row(self, form):
        return next(
            index
            for index, row in enumerate(form.item_ids._records)
            if row["id"] == self.base_salary.id
        )

    def test_editing_dropdowns_logs_nothing_and_the_accounts_step_names_the_conflict(self):
        self.assertTrue(self.connection.mapping_complete, self.connection.mapping_problems)
        with self.assertNoLogs("odoo.models", "WARNING"):
            form = Form(self.connection)
            self.assertTrue(self.accounts_step(form)["done"])
            form.single_subsidiary_id = self.netsuite_record(
                "remote.netsuite.subsidiary", "Acme US"
            )
        step = self.accounts_step(form)
        self.assertFalse(step["done"], "no ✓ while a mapping conflicts")
        self.assertIn("6050 Other Payroll Costs is not available", "\n".join(step["left"]))

        with (
            self.assertNoLogs("odoo.models", "WARNING"),
            form.item_ids.edit(self.base_salary_row(form)) as row,
        ):
            row.account_id = self.netsuite_record("remote.netsuite.account", "6040")
        step = self.accounts_step(form)
        self.assertTrue(step["done"], step["left"])
        form.save()
        self.assertEqual(self.base_salary.account_id.number, "6040", "the choice is saved")
