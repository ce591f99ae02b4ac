"""The setup guide names what each step still needs, and warns only about what is true."""

from odoo.tests import tagged

from ..services import mapping
from .common import SimulatorsCase


@tagged("post_install", "-at_install")
class TestSetupSteps(SimulatorsCase):
    def steps(self):
        return {step["key"]: step for step in self.connection.setup_steps}

    def test_before_netsuite_is_read_no_vendor_warning(self):
        steps = self.steps()
        self.assertTrue(steps["connect"]["current"])
        self.assertEqual(
            steps["accounts"]["left"],
            ["Refresh from NetSuite to list its subsidiaries, accounts and vendors."],
        )
        self.assertNotIn("No vendor named", str(self.connection.setup_steps))

    def test_entity_warnings_follow_the_chosen_mode(self):
        self.connection.action_test_connection()
        self.refresh_all()
        left = self.steps()["entities"]["left"]
        self.assertEqual(left, ["Choose the subsidiary for all Remote entities."])
        self.connection.entity_mode = mapping.PER_ENTITY
        left = self.steps()["entities"]["left"]
        self.assertTrue(left)
        self.assertTrue(all("has no subsidiary" in line or "more" in line for line in left), left)

    def test_a_long_list_is_cut_with_how_many_more(self):
        self.connection.action_test_connection()
        self.refresh_all()
        self.map_everything(refresh=False)
        self.connection.item_ids.account_id = False
        step = self.steps()["accounts"]
        self.assertTrue(step["current"])
        self.assertEqual(len(step["left"]), 5)
        self.assertEqual(step["left"][-1], f"and {len(self.connection.item_ids) - 4} more")
        self.assertEqual(self.connection.setup_next_step, "Items → accounts, vendors")
