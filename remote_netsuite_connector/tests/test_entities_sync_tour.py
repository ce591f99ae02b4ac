from odoo.tests import tagged

from .common import SimulatorsHttpCase, addon_warnings


@tagged("post_install", "-at_install")
class TestEntitiesSyncTour(SimulatorsHttpCase):
    """The article's per-entity mapping, then a manual sync of each kind of document."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.map_everything()
        cls.connection.last_test_state = "ok"  # connected: the entities step comes next
        cls.dutch = cls.connection.legal_entity_ids.filtered(lambda e: e.country_code == "NLD")
        cls.dutch.subsidiary_id = False
        # one month keeps the walk short; automatic sync syncs both kinds
        cls.sync_from = cls.remote_sim.data.periods[-1] + "-01"
        cls.connection.write({"sync_from": cls.sync_from, "sync_selection": "both"})

    def test_each_entity_its_subsidiary_then_pre_funding_then_reconciliation(self):
        with addon_warnings() as warnings:
            self.start_tour(
                f"/odoo/remote.netsuite.connection/{self.connection.id}",
                "remote_netsuite_entities_sync_tour",
                login="admin",
                timeout=240,
            )
        self.assertEqual(warnings, [], "the walk logs no warning from the addon")
        connection = self.connection
        self.assertEqual(connection.entity_mode, "per_entity")
        self.assertEqual(self.dutch.subsidiary_id.name, "Acme Netherlands")
        self.assertEqual(
            (connection.sync_selection, str(connection.sync_from)),
            ("both", self.sync_from),
            "a manual sync's choices are its own, not the automatic sync's",
        )
        runs = connection.event_ids.filtered(
            lambda event: event.sync_trigger == "manual" and event.sync_selection
        )
        self.assertEqual(sorted(runs.mapped("sync_selection")), ["prefunding", "reconciliation"])
        for run in runs:
            self.assertTrue(run.sync_booked, run.summary)
        dutch = self.netsuite_sim.data.subsidiary("Acme Netherlands").internal_id
        self.assertIn(dutch, {bill["subsidiary_id"] for bill in self.netsuite_sim.bills()})
