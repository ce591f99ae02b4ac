"""Token/host agreement and token hygiene: checked before any request leaves the machine."""

import logging

import pytest

from remote_netsuite_connector.services.remote import (
    PRODUCTION_URL,
    SANDBOX_URL,
    RemoteAuthError,
    RemoteClient,
    RemoteConfigError,
    host_mismatch,
)

LIVE = "ra_live_0123456789abcdef_secret"
TEST = "ra_test_0123456789abcdef_secret"


class NoNetwork:
    """A session that must never be used: the host check fails before any request."""

    def get(self, *args, **kwargs):
        raise AssertionError("a request was sent although the token cannot work on this host")

    def close(self):
        pass


@pytest.mark.parametrize(
    ("url", "token", "fix_url", "token_kind"),
    [
        (SANDBOX_URL, LIVE, PRODUCTION_URL, "production token"),
        (PRODUCTION_URL, TEST, SANDBOX_URL, "sandbox token"),
        (SANDBOX_URL + "/v1/", LIVE, PRODUCTION_URL, "production token"),
    ],
)
def test_token_of_the_other_environment_is_refused_with_the_fix(url, token, fix_url, token_kind):
    client = RemoteClient(url, token, session=NoNetwork())
    message = client.host_mismatch()
    assert token_kind in message and f"set the Remote API URL to {fix_url}" in message
    with pytest.raises(RemoteAuthError) as caught:
        client.identity()
    assert str(caught.value) == message
    assert token not in str(caught.value) and token not in repr(caught.value)
    assert "0123456789abcdef" not in message


@pytest.mark.parametrize(
    ("url", "token"),
    [
        (PRODUCTION_URL, LIVE),
        (SANDBOX_URL, TEST),
        ("http://127.0.0.1:8069", LIVE),  # other hosts (simulators) are not judged
        ("https://gateway.partners.remote-sandbox.com", LIVE),
        (PRODUCTION_URL, "eyJhbGciOiJIUzI1NiJ9.partner.oauth"),  # OAuth access tokens
    ],
)
def test_agreeing_or_unjudged_pairs_have_no_mismatch(url, token):
    assert host_mismatch(url, token) is None
    assert RemoteClient(url, token).host_mismatch() is None


def test_missing_token_is_explained_without_a_request():
    with pytest.raises(RemoteAuthError, match="No Remote API token is configured"):
        RemoteClient(SANDBOX_URL, "  ", session=NoNetwork()).billing_documents("2026-01")


@pytest.mark.parametrize("url", ["gateway.remote.com", "", "ftp://gateway.remote.com"])
def test_a_base_url_that_is_no_web_address_is_refused(url):
    with pytest.raises(RemoteConfigError, match="not a web address"):
        RemoteClient(url, TEST)


def test_token_is_not_in_repr_attributes_or_logs(caplog):
    client = RemoteClient(PRODUCTION_URL, TEST, session=NoNetwork())
    caplog.set_level(logging.DEBUG)
    with pytest.raises(RemoteAuthError):
        client.legal_entities("c1")
    for text in (repr(client), str(client), repr(vars(client)), repr(vars(client._transport))):
        assert TEST not in text
    assert TEST not in caplog.text
    assert client.calls == {}
