from odoo.modules.neutralize import neutralize_database
from odoo.tests import tagged

from .common import SimulatorsCase


@tagged("post_install", "-at_install")
class TestNeutralize(SimulatorsCase):
    def test_a_copy_cannot_reach_production(self):
        self.env.flush_all()
        neutralize_database(self.env.cr)
        self.env.invalidate_all()
        connection = self.connection.sudo()
        for name in (
            "remote_token",
            "netsuite_consumer_secret",
            "netsuite_token_secret",
            "netsuite_private_key",
        ):
            self.assertFalse(connection[f"{name}_cipher"])
            self.assertFalse(connection[f"{name}_set"])
        if "auto_sync" in connection._fields:
            self.assertFalse(connection.auto_sync)
        message = self.connection.action_test_connection()["params"]["message"]
        self.assertIn("Enter the Remote API token first", message)
        self.assertIn("Fill in the NetSuite settings first", message)
        crons = (
            self.env["ir.cron"]
            .with_context(active_test=False)
            .search([("ir_actions_server_id.model_id.model", "like", "remote.netsuite.%")])
        )
        self.assertFalse(crons.filtered("active"))
