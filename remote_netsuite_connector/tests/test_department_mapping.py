"""Breakdown by department in one list: copy the standard mapping, adjust, and map each Remote
department to a NetSuite department on the same rows."""

from lxml import etree

from odoo.tests import tagged

from ..services import mapping
from .common import SimulatorsCase


@tagged("post_install", "-at_install")
class TestDepartmentMapping(SimulatorsCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.map_everything(breakdown=mapping.DEPARTMENT_BREAKDOWN)
        cls.connection.department_item_ids.account_id = False

    def test_copy_the_standard_mapping_then_adjust(self):
        rows = self.connection.department_item_ids
        adjusted = rows.filtered("department_id")[:1]
        other_account = self.netsuite_record("remote.netsuite.account", "6060")
        adjusted.account_id = other_account
        self.assertIn("is not mapped", self.connection.mapping_problems)

        self.connection.action_copy_standard_mapping()

        for row in rows - adjusted:
            self.assertEqual(row.account_id, row.item_id.account_id, row.display_name)
        self.assertEqual(adjusted.account_id, other_account, "an adjusted row is kept")
        self.assertNotIn("is not mapped", self.connection.mapping_problems or "")

    def test_a_remote_department_is_mapped_on_its_first_row(self):
        department = self.connection.remote_department_ids[:1]
        rows = self.connection.department_item_ids.filtered(
            lambda row: row.department_id == department
        )
        first = rows.filtered("first_of_department")
        self.assertEqual(len(first), 1)
        self.assertEqual(first.item_id, self.connection.item_ids[:1])
        target = first.allowed_netsuite_department_ids - department.netsuite_department_id
        first.netsuite_department_id = target[:1]
        self.assertEqual(department.netsuite_department_id, target[:1])
        self.assertTrue(
            self.env["remote.netsuite.event"].search_count(
                [
                    ("connection_id", "=", self.connection.id),
                    ("summary", "like", f"NetSuite department for {department.name}: "),
                ]
            )
        )

    def test_every_row_on_one_page(self):
        arch = self.env["remote.netsuite.connection"].get_view()["arch"]
        rows = etree.fromstring(arch).xpath("//field[@name='department_item_ids']/list")[0]
        self.assertGreaterEqual(int(rows.get("limit")), len(self.connection.department_item_ids))
