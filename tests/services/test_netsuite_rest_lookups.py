"""REST transport: the lookups over SuiteQL, paged, against the same seeded account as SOAP, so
a connection switched from SOAP to REST sees the very same subsidiaries, accounts, segments,
vendors, currencies and accounting periods."""

import pytest
import requests
from rest_support import Clock, client_for
from test_netsuite_client_sim import settings_for

from remote_netsuite_connector.services.netsuite import NetSuiteAuthError, NetSuiteClient
from remote_netsuite_connector.services.netsuite.periods import PeriodAwareClient

LOOKUPS = (
    "list_subsidiaries",
    "list_accounts",
    "list_departments",
    "list_classes",
    "list_locations",
    "list_vendors",
    "list_currencies",
)


@pytest.fixture
def rest_client(server, sim, kid_and_key):
    sim.calls.clear()
    clock = Clock()
    sim.oauth.clock = clock

    def make(**overrides):
        kid, key = kid_and_key
        return client_for(server, key, kid, clock, **overrides)

    yield make
    for denied in ("subsidiary", "vendorSubsidiaryRelationship"):
        sim.allow_permission(denied)


def test_lookups_over_rest_equal_those_over_soap(server, sim, rest_client):
    with NetSuiteClient(settings_for(server), sleep=lambda s: None) as soap_client:
        over_soap = {name: getattr(soap_client, name)() for name in LOOKUPS}
        soap_periods = PeriodAwareClient(soap_client).list_accounting_periods()
    with rest_client() as client:
        over_rest = {name: getattr(client, name)() for name in LOOKUPS}
        rest_periods = PeriodAwareClient(client).list_accounting_periods()
    for name in LOOKUPS:
        assert over_rest[name] == over_soap[name], name
        assert over_rest[name], name
    assert rest_periods == soap_periods
    closed = [p.name for p in rest_periods if p.closed]
    assert closed == ["Dec 2024"]
    germany = next(s for s in over_rest["list_subsidiaries"] if s.name == "Acme Germany")
    assert germany.extra["currency_id"] == sim.data.currency("EUR").internal_id
    assert germany.extra["country"] == "DE"
    canada_vendor = next(v for v in over_rest["list_vendors"] if v.name.startswith("Canada"))
    assert sim.data.subsidiary("Acme Japan").internal_id not in canada_vendor.subsidiary_ids
    assert sim.data.subsidiary("Acme UK").internal_id in canada_vendor.subsidiary_ids
    accounts = {a.number: a for a in over_rest["list_accounts"]}
    assert accounts["6080"].account_type == "otherExpense"
    assert accounts["6000"].name == "Salaries and Wages" and accounts["6000"].include_children


def test_lookups_page_through_more_rows_than_one_page(sim, rest_client):
    with rest_client(page_size=5) as client:
        periods = PeriodAwareClient(client).list_accounting_periods()
        vendors = client.list_vendors()
    assert len(periods) == len(sim.data.periods) == 132
    assert len({p.internal_id for p in periods}) == 132
    assert len(vendors) == 6
    relationships = len(sim.data.vendor_subsidiaries)
    assert client.calls["suiteql accountingPeriod"] == 27  # 132 rows, 5 a page
    assert client.calls["suiteql vendor"] == 2
    assert client.calls["suiteql vendorSubsidiaryRelationship"] == -(-relationships // 5)


def test_check_access_over_rest(sim, rest_client):
    with rest_client() as client:
        result = client.check_access()
    assert result["ok"] and result["problems"] == {}
    assert client.calls["token"] == 1


def test_a_table_the_role_cannot_read_is_a_problem_of_check_access(sim, rest_client):
    sim.deny_permission("subsidiary")
    with rest_client() as client:
        result = client.check_access()
    assert not result["ok"]
    assert "Record 'subsidiary' was not found" in result["problems"]["subsidiary"]
    assert set(result["problems"]) == {"subsidiary"}


def test_unreadable_vendor_sharing_falls_back_to_primary_subsidiaries(sim, rest_client):
    sim.deny_permission("vendorSubsidiaryRelationship")
    with rest_client() as client:
        vendors = client.list_vendors()
    assert all(len(v.subsidiary_ids) == 1 for v in vendors)


def test_expired_token_mid_lookup_is_renewed(sim, rest_client):
    with rest_client(page_size=5) as client:
        client.list_subsidiaries()
        sim.oauth.clock.now += 3600  # NetSuite's 60 minutes are over
        assert len(PeriodAwareClient(client).list_accounting_periods()) == 132
    assert client.calls["token"] == 2


def _suiteql(server, token, query, **params):
    return requests.post(
        f"{server.url}/services/rest/query/v1/suiteql",
        params=params,
        json={"q": query},
        headers={"Authorization": f"Bearer {token}", "Prefer": "transient"},
        timeout=10,
    )


@pytest.fixture
def token(sim, server, rest_client):
    with rest_client() as client:
        client.server_time()
        return client._gateway.tokens.get()


@pytest.mark.parametrize(
    "query, detail",
    [
        ("SELECT id FROM customer", "Record 'customer' was not found"),
        ("SELECT id, nosuchfield FROM vendor", "Field 'nosuchfield' for record 'vendor'"),
        ("SELECT * FROM vendor", "Invalid search query"),
        ("SELECT v.id FROM vendor v JOIN subsidiary s ON s.id = v.subsidiary", "Invalid search"),
        ("DELETE FROM vendor", "Invalid search query"),
    ],
)
def test_simulator_refuses_queries_it_does_not_implement_as_netsuite_does(
    server, token, query, detail
):
    response = _suiteql(server, token, query)
    assert response.status_code == 400
    [error] = response.json()["o:errorDetails"]
    assert error["o:errorCode"] == "USER_ERROR" and detail in error["detail"]


def test_simulator_pages_with_netsuite_rules(server, token):
    page = _suiteql(
        server, token, "SELECT id FROM accountingperiod ORDER BY id", limit=50, offset=100
    )
    body = page.json()
    assert (body["count"], body["offset"], body["totalResults"], body["hasMore"]) == (
        32,
        100,
        132,
        False,
    )
    assert all(item["links"] == [] and set(item) == {"links", "id"} for item in body["items"])
    assert {"self", "first", "last", "previous"} == {link["rel"] for link in body["links"]}
    for params in ({"limit": 50, "offset": 10}, {"limit": 1001}, {"limit": 0}):
        refused = _suiteql(server, token, "SELECT id FROM vendor", **params)
        assert refused.status_code == 400
        assert refused.json()["o:errorDetails"][0]["o:errorCode"] == "INVALID_REQUEST"
    no_prefer = requests.post(
        f"{server.url}/services/rest/query/v1/suiteql",
        json={"q": "SELECT id FROM vendor"},
        headers={"Authorization": f"Bearer {token}"},
        timeout=10,
    )
    assert no_prefer.status_code == 400


def test_simulator_answers_values_as_suiteql_does(server, token):
    body = _suiteql(
        server,
        token,
        "SELECT id, startdate, TO_CHAR(enddate, 'YYYY-MM-DD') AS e, closed, parent "
        "FROM accountingperiod ORDER BY id",
        limit=1,
    ).json()
    [item] = body["items"]
    assert item["startdate"] == "1/1/2020" and item["e"] == "2020-01-31"
    assert item["closed"] == "F" and "parent" not in item  # null columns are left out


def test_rest_refuses_a_client_without_an_access_token(server):
    response = _suiteql(server, "not-a-token", "SELECT id FROM vendor")
    assert response.status_code == 401
    assert response.json()["o:errorDetails"][0]["o:errorCode"] == "INVALID_LOGIN"


def test_auth_error_is_not_retried(server, sim, rest_client):
    with rest_client(client_id="f" * 64) as client, pytest.raises(NetSuiteAuthError):
        client.list_subsidiaries()
    assert client.calls["token"] == 1
