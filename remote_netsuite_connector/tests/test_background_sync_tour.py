from odoo.tests import tagged

from .common import SimulatorsHttpCase, addon_warnings


@tagged("post_install", "-at_install")
class TestBackgroundSyncTour(SimulatorsHttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.map_everything()
        # one month keeps the walk short
        cls.connection.sync_from = cls.remote_sim.data.periods[-1] + "-01"

    def test_sync_returns_at_once_and_the_progress_reaches_done(self):
        with addon_warnings() as warnings:
            self.start_tour(
                f"/odoo/remote.netsuite.connection/{self.connection.id}",
                "remote_netsuite_background_sync_tour",
                login="admin",
                timeout=180,
            )
        self.assertEqual(warnings, [], "the walk logs no warning from the addon")
        job = self.connection.sync_job_ids[:1]
        self.assertEqual(job.state, "done", job.message)
        self.assertTrue(job.booked_count)
        self.assertEqual(len(self.netsuite_sim.bills()), job.booked_count)
