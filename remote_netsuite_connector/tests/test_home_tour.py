from odoo.tests import tagged

from .common import SimulatorsHttpCase, addon_warnings
from .test_sync_common import SyncMixin


@tagged("post_install", "-at_install")
class TestHomeTour(SyncMixin, SimulatorsHttpCase):
    """After a first manual sync, as the README's setup leaves it."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        assert cls.connection._sync_manual("both")["ok"]

    def test_settings_automatic_sync_dashboard_invoices_events(self):
        with addon_warnings() as warnings:
            self.start_tour(
                "/odoo/settings", "remote_netsuite_home_tour", login="admin", timeout=180
            )
        self.assertEqual(warnings, [], "the walk logs no warning from the addon")
        self.assertTrue(self.connection.auto_sync)
        runs = self.connection.event_ids.filtered(lambda event: event.sync_trigger == "cron")
        self.assertEqual(runs.user_id, self.env.ref("base.user_admin"))
