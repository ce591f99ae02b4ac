"""Fixtures of the REST transport's pure tests: one simulated account per module, served on
loopback, with an M2M certificate mapped to the client id."""

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from rest_support import CLIENT_ID

from simulators.netsuite import NetSuiteSimulator


@pytest.fixture(scope="module")
def sim():
    return NetSuiteSimulator(
        version="2023_2", consumer_secret="sim-consumer-secret", token_secret="sim-token-secret"
    )


@pytest.fixture(scope="module")
def server(sim):
    with sim.serve(port=0) as server:
        yield server


@pytest.fixture(scope="module")
def rsa_key():
    return rsa.generate_private_key(65537, 3072)


@pytest.fixture(scope="module")
def kid_and_key(sim, rsa_key):
    """An RSA 3072 (PS256) certificate mapped to CLIENT_ID: (certificate id, private key)."""
    return sim.oauth.register(CLIENT_ID, rsa_key.public_key()), rsa_key
