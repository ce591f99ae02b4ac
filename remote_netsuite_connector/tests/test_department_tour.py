from odoo.tests import tagged

from .common import SimulatorsHttpCase, addon_warnings


@tagged("post_install", "-at_install")
class TestDepartmentTour(SimulatorsHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.map_everything()
        cls.connection.department_item_ids.account_id = False

    def test_copy_the_standard_mapping_and_map_a_department_in_one_list(self):
        with addon_warnings() as warnings:
            self.start_tour("/odoo", "remote_netsuite_department_tour", login="admin", timeout=180)
        self.assertEqual(warnings, [], "the walk logs no warning from the addon")
        connection = self.connection
        self.assertEqual(connection.breakdown, "department")
        for row in connection.department_item_ids:
            self.assertEqual(row.account_id, row.item_id.account_id, row.display_name)
        sales = connection.remote_department_ids.filtered(lambda row: row.name == "Sales")
        self.assertEqual(sales.netsuite_department_id.name, "Marketing")
        self.assertIn(
            "NetSuite department for Sales: Sales → Marketing",
            connection.event_ids.mapped("summary"),
        )
