"""REST transport: invoice PDFs through the addon's RESTlet (REST Web Services cannot create
File Cabinet files), with the connection's OAuth 2.0 token; never a silent fallback to SOAP."""

import pytest
import requests
from rest_support import Clock, client_for
from test_netsuite_client_sim import bill

from remote_netsuite_connector.services.netsuite import (
    NetSuiteAuthError,
    NetSuiteFault,
    NetSuiteRestletMissing,
    NetSuiteTransportError,
)
from remote_netsuite_connector.services.netsuite.rest_restlet import (
    RESTLET_DEPLOY_ID,
    RESTLET_SCRIPT_ID,
)

PDF = b"%PDF-1.4 invoice"


def restlet_url(server, script=RESTLET_SCRIPT_ID):
    return f"{server.url}/app/site/hosting/restlet.nl?script={script}&deploy={RESTLET_DEPLOY_ID}"


@pytest.fixture
def make(server, sim, kid_and_key):
    sim.reset_bookings()
    sim.calls.clear()
    made = []

    def make_client(**overrides):
        kid, key = kid_and_key
        values = {"restlet_url": restlet_url(server), **overrides}
        client = client_for(server, key, kid, Clock(), **values)
        sim.oauth.clock = client._gateway.tokens._clock
        made.append(client)
        return client

    yield make_client
    for client in made:
        client.close()
    sim.restlet_deployed = True
    sim.allow_permission("file")


@pytest.fixture
def booked(sim, make):
    client = make()
    [result] = client.upsert_bills([bill(sim, 1)])
    return client, result.internal_id


def test_pdf_is_stored_and_attached_through_the_restlet(sim, booked):
    client, bill_id = booked
    file_id = client.upload_file("Remote INV-1.pdf", PDF, "42", external_id="remote-inv-1-pdf")
    client.attach_file(file_id, "vendorBill", bill_id)
    [stored] = sim.files()
    assert stored["internal_id"] == file_id and stored["folder_id"] == "42"
    assert stored["size"] == len(PDF) and stored["external_id"] == "remote-inv-1-pdf"
    assert sim.bills()[0]["attached_file_ids"] == [file_id]
    assert client.calls["restlet upload"] == 1 and client.calls["restlet attach"] == 1
    assert client.restlet_status() == {"ok": True, "version": "1"}


def test_replacing_the_content_keeps_the_file_and_its_attachments(sim, booked):
    client, bill_id = booked
    file_id = client.upload_file("Remote INV-1.pdf", PDF, "42")
    client.attach_file(file_id, "vendorBill", bill_id)
    client.replace_file_content(file_id, PDF + b" re-issued")
    [stored] = sim.files()
    assert stored["size"] == len(PDF) + 10
    assert sim.bills()[0]["attached_file_ids"] == [file_id]


def test_a_used_file_external_id_is_refused_as_a_duplicate(sim, booked):
    client, _bill_id = booked
    client.upload_file("a.pdf", PDF, "42", external_id="remote-x-pdf")
    with pytest.raises(NetSuiteFault) as refused:
        client.upload_file("a.pdf", PDF, "42", external_id="remote-x-pdf")
    assert refused.value.code == "DUP_RCRD"  # the addon then stores a copy without externalId
    assert len(sim.files()) == 1


def test_attaching_to_a_missing_record_names_it(sim, booked):
    client, _bill_id = booked
    file_id = client.upload_file("a.pdf", PDF, "42")
    with pytest.raises(NetSuiteFault) as refused:
        client.attach_file(file_id, "vendorCredit", "999999")
    assert refused.value.code == "INVALID_KEY_OR_REF"


def test_without_a_restlet_files_are_refused_and_nothing_goes_over_soap(sim, make):
    client = make(restlet_url=None)
    [result] = client.upsert_bills([bill(sim, 1)])
    for call in (
        lambda: client.upload_file("a.pdf", PDF, "42"),
        lambda: client.replace_file_content("1", PDF),
        lambda: client.attach_file("1", "vendorBill", result.internal_id),
        client.restlet_status,
    ):
        with pytest.raises(NetSuiteRestletMissing) as refused:
            call()
        assert refused.value.code == "RESTLET_NOT_CONFIGURED"
        assert "RESTlet" in str(refused.value)
    assert sim.files() == []
    assert not any(key in sim.calls for key in ("add", "attach", "update", "RESTLET POST"))


def test_a_restlet_not_deployed_says_so(sim, make, server):
    sim.restlet_deployed = False
    client = make()
    with pytest.raises(NetSuiteRestletMissing) as refused:
        client.restlet_status()
    assert refused.value.code == "SSS_INVALID_SCRIPTLET_ID"
    assert "not deployed" in str(refused.value)
    sim.restlet_deployed = True
    with pytest.raises(NetSuiteRestletMissing):
        make(restlet_url=restlet_url(server, "customscript_other")).restlet_status()


def test_restlet_concurrency_refusal_is_retried_even_for_an_upload(sim, make):
    client = make()
    retries = []
    client._on_retry = retries.append
    sim.fail_next("restlet", "concurrency")
    client.upload_file("a.pdf", PDF, "42")
    assert len(retries) == 1 and "SSS_REQUEST_LIMIT_EXCEEDED" in retries[0]
    assert len(sim.files()) == 1


def test_an_upload_is_not_resent_after_a_broken_connection(sim, make):
    client = make()
    sim.fail_next("restlet", "commit_then_drop")
    with pytest.raises(NetSuiteTransportError):
        client.upload_file("a.pdf", PDF, "42")
    assert client.calls["restlet upload"] == 1
    assert len(sim.files()) == 1  # stored: the addon's externalId catches the next attempt


def test_file_permission_denied_is_an_auth_error(sim, make):
    client = make()
    sim.deny_permission("file")
    with pytest.raises(NetSuiteAuthError) as refused:
        client.upload_file("a.pdf", PDF, "42")
    assert "Documents and Files" in str(refused.value)


def test_the_restlet_wants_a_token_with_the_restlets_scope(sim, make, server):
    rest_only = make(restlet_url=None)
    rest_only.server_time()
    token = rest_only._gateway.tokens.get()
    answer = requests.post(
        restlet_url(server),
        json={"action": "ping"},
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert answer.status_code == 401
    assert answer.json() == {
        "error": {"code": "INVALID_LOGIN_ATTEMPT", "message": "Invalid login attempt."}
    }
    with_restlet = make()
    with_restlet.restlet_status()
    assert with_restlet.calls["token"] == 1
