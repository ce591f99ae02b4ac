"""Fixtures of the NetSuite simulator tests (helpers: test_netsuite_simulator_support.py)."""

import pytest
from test_netsuite_simulator_support import CREDENTIALS, VERSION, SoapCaller

from simulators.netsuite import NetSuiteSimulator


@pytest.fixture(scope="module")
def ns_sim():
    return NetSuiteSimulator(version=VERSION, **CREDENTIALS)


@pytest.fixture(scope="module")
def ns_server(ns_sim):
    with ns_sim.serve(port=0) as server:
        yield server


@pytest.fixture
def ns(ns_sim, ns_server):
    """A clean booking state on the module's simulator, and a caller for it."""
    ns_sim.reset_bookings()
    ns_sim.calls.clear()
    return SoapCaller(ns_server)
