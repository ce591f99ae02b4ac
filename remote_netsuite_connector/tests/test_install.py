from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestInstall(TransactionCase):
    def test_app_menu_and_groups_exist(self):
        menu = self.env.ref("remote_netsuite_connector.menu_root")
        self.assertEqual(menu.name, "Remote ↔ NetSuite")
        manager = self.env.ref("remote_netsuite_connector.group_manager")
        self.assertIn(manager, self.env.ref("base.group_system").implied_ids)
