from odoo.tests import tagged

from .common import SimulatorsHttpCase, addon_warnings
from .test_sync_common import SyncMixin


@tagged("post_install", "-at_install")
class TestFailingSyncTour(SyncMixin, SimulatorsHttpCase):
    """Automatic sync on, then Remote revokes the API token."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.connection.sync_from = cls.remote_sim.data.periods[-1] + "-01"
        assert cls.connection._sync_manual("both")["ok"]
        cls.connection.write({"auto_sync": True, "remote_token": "ra_test_revoked-token"})

    def test_a_failing_automatic_sync_shows_in_red_with_a_banner_and_a_way_to_its_failure(self):
        with addon_warnings() as warnings:
            self.start_tour(
                f"/odoo/remote.netsuite.connection/{self.connection.id}",
                "remote_netsuite_failing_sync_tour",
                login="admin",
                timeout=180,
            )
        self.assertEqual(warnings, [], "the walk logs no warning from the addon")
        self.assertIn("Remote rejected the API token", self.connection.remote_login_error)
        self.assertEqual(self.connection.attention_count, 0)
