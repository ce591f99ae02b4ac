"""Each connection is its own unit of work: the scheduled actions of two companies' connections
run on two cron threads at the same moment, each under its own lock."""

import contextlib
import threading
import time

from odoo import SUPERUSER_ID, api
from odoo.tests import tagged

from simulators.remote import RemoteSimulator

from .common import REMOTE_TODAY, REMOTE_TOKEN, START_PERIOD
from .test_sync_common import SyncCase

# How long a simulator holds its first answer for the other connection's sync to reach its own
HOLD_SECONDS = 60


@contextlib.contextmanager
def committed_env(registry):
    """An environment on a cursor of its own, committed at the end. A lock this test's own
    transaction holds makes it fail after a while rather than wait forever."""
    with registry.cursor() as cr:
        cr.execute("SET LOCAL lock_timeout = '30s'")
        yield api.Environment(cr, SUPERUSER_ID, {})


class FirstAnswersHeld:
    """Each Remote simulator holds its first answer until every simulator got its first request:
    only syncs running at the same moment get through without the wait running out."""

    def __init__(self, simulators):
        self.barrier = threading.Barrier(len(simulators), timeout=HOLD_SECONDS)
        self.waited = {}
        for simulator in simulators:
            simulator.wsgi_app = self._held(simulator, simulator.wsgi_app)

    def _held(self, simulator, app):
        def held(environ, start_response):
            if simulator not in self.waited:
                self.waited[simulator] = None
                started = time.monotonic()
                # the other sync never came: answer anyway, the test fails on it
                with contextlib.suppress(threading.BrokenBarrierError):
                    self.barrier.wait()
                self.waited[simulator] = time.monotonic() - started
            return app(environ, start_response)

        return held


@tagged("post_install", "-at_install")
class TestConnectionsSyncInParallel(SyncCase):
    """Cron threads use cursors of their own and see only committed data: the two companies are
    built and committed in transactions of their own, and deleted at the end."""

    def setUp(self):
        super().setUp()
        self.simulators = [
            RemoteSimulator(
                token=REMOTE_TOKEN,
                seed=seed,
                scale="small",
                start_period=START_PERIOD,
                today=REMOTE_TODAY,
            )
            for seed in (3, 4)
        ]
        servers = [simulator.serve(port=0) for simulator in self.simulators]
        for server in servers:
            self.addCleanup(server.stop)
        with committed_env(self.registry) as env:
            connections = env["remote.netsuite.connection"]
            for number, (simulator, server) in enumerate(
                zip(self.simulators, servers, strict=True), 1
            ):
                company = env["res.company"].create({"name": f"Parallel Co {number}"})
                connection = connections.create(
                    self.connection_values(
                        name=f"Parallel Co {number}",
                        company_id=company.id,
                        remote_api_url=server.url,
                        sync_from=self.first_period_date(),
                    )
                )
                self.map_all_items(connection, simulator)
                connection._request_sync("manual", periods=simulator.data.periods)
                connections |= connection
            self.connection_ids = connections.ids
            self.company_ids = connections.company_id.ids
            self.cron_ids = connections.sync_cron_id.ids
        self.addCleanup(self.delete_committed)

    def delete_committed(self):
        with committed_env(self.registry) as env:
            env["remote.netsuite.connection"].browse(self.connection_ids).unlink()
            companies = env["res.company"].browse(self.company_ids)
            partners = companies.partner_id
            companies.unlink()
            partners.unlink()

    def run_cron(self, cron_id, errors):
        """One cron thread: the connection's scheduled action in a cursor of its own."""
        try:
            with committed_env(self.registry) as env:
                env["ir.cron"].browse(cron_id).method_direct_trigger()
        except Exception as error:  # the assertions below name it
            errors.append(error)

    def test_two_connections_sync_at_the_same_time_on_two_cron_threads(self):
        held = FirstAnswersHeld(self.simulators)
        errors = []
        threads = [
            threading.Thread(target=self.run_cron, args=(cron_id, errors))
            for cron_id in self.cron_ids
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(HOLD_SECONDS * 3)

        self.assertEqual(errors, [])
        self.assertFalse(held.barrier.broken, "one sync waited for the other to end")
        self.assertEqual(len(held.waited), 2, "both syncs read Remote")
        with committed_env(self.registry) as env:
            booked = {bill["external_id"] for bill in self.netsuite_sim.bills()}
            for connection, simulator in zip(
                env["remote.netsuite.connection"].browse(self.connection_ids),
                self.simulators,
                strict=True,
            ):
                job = connection.sync_job_ids[:1]
                self.assertEqual(job.state, "done", job.message)
                expected = {f"remote-{d.id}" for d in simulator.data.documents if d.total}
                self.assertLessEqual(expected, booked, connection.name)
                self.assertEqual(job.booked_count, len(expected))
