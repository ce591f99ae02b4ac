"""REST transport, OAuth 2.0 client credentials (M2M): the client against the simulator's token
endpoint and bearer checks, over loopback HTTP."""

import pytest
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from rest_support import CLIENT_ID, START, Clock, client_for

from remote_netsuite_connector.services.netsuite import (
    NetSuiteAuthError,
    rest_token,
)


@pytest.fixture
def clock(sim):
    clock = Clock()
    sim.oauth.clock = clock
    sim.oauth.revoke_tokens()
    sim.calls.clear()
    return clock


def test_ps256_token_is_minted_once_and_reused(server, sim, rsa_key, clock):
    kid = sim.oauth.register(CLIENT_ID, rsa_key.public_key())
    with client_for(server, rsa_key, kid, clock) as client:
        assert client.server_time().timestamp() == START
        client.server_time()
    assert client.calls["token"] == 1
    assert client.calls["serverTime"] == 2


def test_es256_key_is_accepted(server, sim, clock):
    key = ec.generate_private_key(ec.SECP256R1())
    kid = sim.oauth.register(CLIENT_ID, key.public_key())
    with client_for(server, key, kid, clock) as client:
        client.server_time()
    header = rest_token.client_assertion(
        key, client_id=CLIENT_ID, certificate_id=kid, audience="x", now=1
    ).split(".")[0]
    assert "ES256" in rest_token.base64.urlsafe_b64decode(header + "==").decode()


def test_token_expiring_mid_run_is_renewed_before_netsuite_refuses_it(server, sim, rsa_key, clock):
    kid = sim.oauth.register(CLIENT_ID, rsa_key.public_key())
    with client_for(server, rsa_key, kid, clock) as client:
        client.server_time()
        clock.now += 3600 - 30  # past the renewal margin, before NetSuite's 60 minutes
        client.server_time()
        clock.now += 3600 + 1  # the second token has expired too
        client.server_time()
    assert client.calls["token"] == 3
    assert client.calls["serverTime"] == 3  # no call was refused


def test_refused_token_is_renewed_once(server, sim, rsa_key, clock):
    kid = sim.oauth.register(CLIENT_ID, rsa_key.public_key())
    with client_for(server, rsa_key, kid, clock) as client:
        client.server_time()
        sim.oauth.revoke_tokens()  # e.g. the mapping was re-created
        client.server_time()
    assert client.calls["token"] == 2
    assert client.calls["serverTime"] == 3


@pytest.mark.parametrize("describe", [False, True], ids=["bare", "described"])
@pytest.mark.parametrize(
    "case, error, detail",
    [
        ("unknown_client", "invalid_client", "InvalidIssuer"),
        ("unknown_kid", "invalid_client", "MissingKey"),
        ("wrong_key", "invalid_client", "InvalidSignature"),
        ("rs256", "invalid_request", "UnsupportedAlgo"),
        ("clock_behind", "invalid_grant", "TokenExpired"),
    ],
)
def test_each_refused_assertion_is_an_auth_error_not_retried(
    server, sim, rsa_key, clock, case, error, detail, describe, monkeypatch
):
    monkeypatch.setattr(sim.oauth, "describe_refusals", describe)
    kid = sim.oauth.register(CLIENT_ID, rsa_key.public_key())
    key, overrides = rsa_key, {}
    if case == "unknown_client":
        overrides["client_id"] = "f" * 64
    elif case == "unknown_kid":
        overrides["certificate_id"] = "I_k32OzlZNGsHtCScnCwQCVLqsQsV2BOIQzlTaSmRQI"
    elif case == "wrong_key":
        key = rsa.generate_private_key(65537, 3072)
    elif case == "rs256":
        real = rest_token.client_assertion

        def rs256_assertion(*args, **kwargs):
            return real(*args, **kwargs).replace(
                rest_token.b64url(b'{"typ":"JWT","alg":"PS256"'),
                rest_token.b64url(b'{"typ":"JWT","alg":"RS256"'),
            )

        monkeypatch.setattr(rest_token, "client_assertion", rs256_assertion)
    with client_for(server, key, kid, Clock(), **overrides) as client:
        if case == "clock_behind":
            clock.now += 7200  # this server's clock is two hours behind NetSuite's
        with pytest.raises(NetSuiteAuthError) as raised:
            client.server_time()
    assert raised.value.code == error
    assert raised.value.description == (detail if describe else "")
    assert client.calls["token"] == 1
    assert "serverTime" not in client.calls


def test_assertion_claims(rsa_key):
    assertion = rest_token.client_assertion(
        rsa_key, client_id=CLIENT_ID, certificate_id="kid1", audience="https://a/t", now=100
    )
    head, body, _signature = assertion.split(".")
    decode = lambda part: rest_token.json.loads(  # noqa: E731
        rest_token.base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))
    )
    assert decode(head) == {"typ": "JWT", "alg": "PS256", "kid": "kid1"}
    claims = decode(body)
    assert claims["iss"] == CLIENT_ID and claims["aud"] == "https://a/t"
    assert claims["scope"] == ["rest_webservices"]
    assert claims["iat"] == 100 and 100 < claims["exp"] <= 100 + 3600
