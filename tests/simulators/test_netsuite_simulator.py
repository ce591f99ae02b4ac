"""NetSuite simulator: WSDL/XSD, TBA passport checks, schema validation, getAll, search paging."""

import re
import time

import pytest
import requests
import zeep
from test_netsuite_simulator_support import (
    CREDENTIALS,
    NS,
    VERSION,
    SoapCaller,
    bill_xml,
    criterion,
    el,
    envelope,
    nonce,
    passport_xml,
    record_ids,
    search,
    search_inner,
    search_more,
    search_preferences,
)

from simulators.netsuite import NetSuiteSimulator
from simulators.netsuite.auth import sign

INVALID_LOGIN = ("invalidCredentialsFault", "INVALID_LOGIN_ATTEMPT")


def test_wsdl_and_xsds_are_served_and_zeep_calls_through_them(ns, ns_sim, ns_server):
    client = zeep.Client(ns_server.wsdl_url)
    binding = f"{{urn:platform_{VERSION}.webservices.netsuite.com}}NetSuiteBinding"
    service = client.create_service(binding, ns_server.endpoint_url)
    core = f"urn:core_{VERSION}.platform.webservices.netsuite.com"
    timestamp, nonce_value = int(time.time()), nonce()
    signature = sign(*[CREDENTIALS[k] for k in CREDENTIALS], nonce_value, timestamp)
    passport = client.get_type(f"{{{core}}}TokenPassport")(
        account=CREDENTIALS["account"],
        consumerKey=CREDENTIALS["consumer_key"],
        token=CREDENTIALS["token_id"],
        nonce=nonce_value,
        timestamp=timestamp,
        signature=client.get_type(f"{{{core}}}TokenPassportSignature")(
            signature, algorithm="HMAC-SHA256"
        ),
    )
    result = service.getServerTime(_soapheaders={"tokenPassport": passport})

    assert result.body.getServerTimeResult.status.isSuccess is True
    assert result.header.documentInfo.nsId.startswith("WEBSERVICES_1234567_SB1_")
    wsdl = requests.get(ns_server.wsdl_url, timeout=5).text
    assert f'location="{ns_server.endpoint_url}"' in wsdl
    assert 'schemaLocation="xsd/platform.core.xsd"' in wsdl


def test_wsdl_and_xsd_downloads_are_counted_apart_from_soap_calls():
    sim = NetSuiteSimulator(**CREDENTIALS)
    with sim.serve(port=0) as server:
        zeep.Client(server.wsdl_url)
        after_one_load = dict(sim.downloads)
        zeep.Client(server.wsdl_url)
        missing = requests.get(f"{server.url}/wsdl/v{VERSION}_0/xsd/nope.xsd", timeout=5)
        served = requests.get(f"{server.url}/_sim/downloads", timeout=5).json()

    assert after_one_load == {"GET wsdl": 1, "GET xsd": len(sim.schemas.xsd_texts)}
    assert missing.status_code == 404
    assert served == {"GET wsdl": 2, "GET xsd": 2 * len(sim.schemas.xsd_texts)}
    assert sim.calls == {}


def test_version_2025_2_is_derived_from_2023_2():
    sim = NetSuiteSimulator(version="2025_2", **CREDENTIALS)
    with sim.serve(port=0) as server:
        wsdl = requests.get(server.wsdl_url, timeout=5).text
        xsd = requests.get(f"{server.url}/wsdl/v2025_2_0/xsd/platform.messages.xsd", timeout=5).text
        response = requests.post(
            server.endpoint_url,
            data=_envelope_2025_2(passport_xml()),
            headers={"Content-Type": "text/xml", "SOAPAction": "getServerTime"},
            timeout=10,
        )
    assert "urn:messages_2025_2.platform.webservices.netsuite.com" in xsd
    assert "_2023_2" not in wsdl and "_2023_2" not in xsd
    assert server.endpoint_url.endswith("/services/NetSuitePort_2025_2")
    assert response.status_code == 200
    assert "getServerTimeResponse" in response.text


def _envelope_2025_2(passport):
    text = passport.replace("platformMsgs:", "m:").replace("platformCore:", "c:")
    return (
        '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" '
        'xmlns:m="urn:messages_2025_2.platform.webservices.netsuite.com" '
        'xmlns:c="urn:core_2025_2.platform.webservices.netsuite.com">'
        f"<soapenv:Header>{text}</soapenv:Header>"
        "<soapenv:Body><m:getServerTime/></soapenv:Body></soapenv:Envelope>"
    )


def test_correct_passport_is_accepted_and_response_carries_ns_id(ns):
    reply = ns.call("getServerTime", "")

    assert reply.status == 200
    assert (
        reply.find(".//platformCore:getServerTimeResult/platformCore:status").get("isSuccess")
        == "true"
    )
    assert reply.findtext(".//platformMsgs:documentInfo/platformMsgs:nsId")


@pytest.mark.parametrize(
    "spoil",
    [
        {"signature": "AAAAbadsignatureAAAAAAAAAAAAAAAAAAAAAAAAAAA="},
        {"timestamp": -6 * 60},  # seconds from now, taken when the test runs
        {"timestamp": 6 * 60},
        {"account": "1234567_sb1"},
        {"nonce_value": "abc12"},
        {"nonce_value": "abc-def-ghi"},
        {"algorithm": "HMAC-SHA1"},
    ],
    ids=["signature", "stale", "future", "lowercase-sandbox", "short-nonce", "nonce-chars", "sha1"],
)
def test_spoiled_passport_is_refused_as_invalid_login(ns, spoil):
    if "timestamp" in spoil:  # not at collection: a long run would bring "future" into the window
        spoil = {"timestamp": int(time.time()) + spoil["timestamp"]}
    reply = ns.call("getServerTime", "", headers=passport_xml(**spoil))

    assert reply.status == 500
    assert reply.findtext(".//faultcode") == "soapenv:Server.userException"
    assert reply.faultstring == "Invalid login attempt."
    assert reply.fault_code == INVALID_LOGIN
    assert reply.findtext(".//detail/{http://xml.apache.org/axis/}hostname")


def test_signature_for_the_lowercase_sandbox_id_is_still_refused(ns):
    credentials = {**CREDENTIALS, "account": "1234567_sb1"}
    reply = ns.call("getServerTime", "", headers=passport_xml(credentials))

    assert reply.fault_code == INVALID_LOGIN


def test_replayed_nonce_is_refused(ns):
    passport = passport_xml()
    first = ns.call("getServerTime", "", headers=passport)
    replay = ns.call("getServerTime", "", headers=passport)

    assert first.status == 200
    assert replay.faultstring == "Invalid login attempt."


def test_missing_passport_is_refused(ns):
    reply = ns.call("getServerTime", "", headers="")

    assert reply.fault_code == INVALID_LOGIN


def test_passport_variants_real_clients_send_are_accepted(ns):
    underscore = passport_xml(algorithm="HMAC_SHA256")
    messages_children = passport_xml(child_prefix="platformMsgs")
    value = nonce()
    stamp = int(time.time())
    signature = sign(*CREDENTIALS.values(), value, stamp) + "\n"  # Ruby's Base64.encode64
    trailing_newline = passport_xml(nonce_value=value, timestamp=stamp, signature=signature)

    for headers in (underscore, messages_children, trailing_newline):
        assert ns.call("getServerTime", "", headers=headers).status == 200


def test_passport_with_application_info_is_ambiguous(ns):
    extra = el("platformMsgs:applicationInfo", el("platformMsgs:applicationId", "X"))
    reply = ns.call("getServerTime", "", extra_headers=extra)

    assert reply.faultstring == "Ambiguous authentication"
    assert reply.fault_code == ("invalidCredentialsFault", "USER_ERROR")


def test_schema_invalid_request_gets_a_fault_naming_the_problem(ns, ns_sim):
    body = (
        "<platformMsgs:getAll><platformMsgs:record recordType='vendorBill'/></platformMsgs:getAll>"
    )
    enum_reply = ns.post("getAll", body)
    bogus = ns.call(
        "upsert",
        el(
            "platformMsgs:record",
            "<tranPurch:bogus/>",
            xsi__type="tranPurch:VendorBill",
            externalId="X",
        ),
    )

    assert enum_reply.status == 500
    assert enum_reply.findtext(".//faultcode") == "soapenv:Server.userException"
    assert "recordType" in enum_reply.faultstring and "vendorBill" in enum_reply.faultstring
    assert "bogus" in bogus.faultstring
    assert ns_sim.bills() == []


def test_malformed_xml_and_mismatched_soap_action_are_client_faults(ns):
    broken = ns.post("getServerTime", "<platformMsgs:getServerTime>")
    mismatched = ns.post("getServerTime", "<platformMsgs:getServerTime/>", soap_action="getAll")

    assert broken.status == 500 and broken.findtext(".//faultcode") == "soapenv:Client"
    assert mismatched.findtext(".//faultcode") == "soapenv:Client"
    assert "getAll" in mismatched.faultstring


def test_unquoted_soap_action_is_accepted(ns):
    response = requests.post(
        ns.url,
        data=ns_envelope_get_server_time(),
        headers={"Content-Type": "text/xml", "SOAPAction": "getServerTime"},
        timeout=5,
    )
    assert response.status_code == 200


def ns_envelope_get_server_time():
    return envelope("<platformMsgs:getServerTime/>", passport_xml())


def test_get_all_currency_lists_iso_symbols_and_precision(ns, ns_sim):
    reply = ns.call("getAll", '<platformMsgs:record recordType="currency"/>')
    records = reply.findall(".//platformCore:recordList/platformCore:record")
    by_symbol = {r.findtext("listAcct:symbol", namespaces=NS): r for r in records}

    assert reply.findtext(".//platformCore:totalRecords") == "7"
    assert set(by_symbol) == {"USD", "EUR", "GBP", "JPY", "CAD", "KWD", "CHF"}
    assert by_symbol["JPY"].findtext("listAcct:currencyPrecision", namespaces=NS) == "_zero"
    assert by_symbol["EUR"].findtext("listAcct:currencyPrecision", namespaces=NS) == "_two"
    assert by_symbol["KWD"].find("listAcct:currencyPrecision", NS) is None
    assert by_symbol["CHF"].findtext("listAcct:isInactive", namespaces=NS) == "true"
    assert by_symbol["EUR"].get("internalId") == ns_sim.data.currency("EUR").internal_id


def test_get_all_of_another_get_all_type_is_an_empty_success(ns):
    reply = ns.call("getAll", '<platformMsgs:record recordType="state"/>')

    assert reply.find(".//platformCore:getAllResult/platformCore:status").get("isSuccess") == "true"
    assert reply.findtext(".//platformCore:totalRecords") == "0"


def test_search_pages_through_search_more_with_id(ns, ns_sim):
    first = search(ns, "AccountSearchBasic", page_size=5)
    search_id = first.findtext(".//platformCore:searchId")
    total_pages = int(first.findtext(".//platformCore:totalPages"))
    pages = [record_ids(first)] + [
        record_ids(search_more(ns, search_id, i)) for i in range(2, total_pages + 1)
    ]
    seen = [i for page in pages for i in page]

    assert first.findtext(".//platformCore:pageIndex") == "1"
    assert first.findtext(".//platformCore:pageSize") == "5"
    assert int(first.findtext(".//platformCore:totalRecords")) == len(ns_sim.data.accounts)
    assert total_pages == 3 and [len(p) for p in pages] == [5, 5, 1]
    assert sorted(seen) == sorted(a.internal_id for a in ns_sim.data.accounts)
    assert len(set(seen)) == len(seen)


def test_search_page_size_defaults_to_1000_and_must_be_5_to_1000(ns):
    default = search(ns, "DepartmentSearchBasic")
    too_small = search(ns, "DepartmentSearchBasic", page_size=4)
    too_big = search(ns, "DepartmentSearchBasic", page_size=1001)

    assert default.findtext(".//platformCore:pageSize") == "1000"
    for reply in (too_small, too_big):
        assert (
            reply.find(".//platformCore:searchResult/platformCore:status").get("isSuccess")
            == "false"
        )
        assert reply.findtext(".//platformCore:code") == "WS_INVALID_SEARCH_PAGE_SIZE"


def test_expired_search_id_fails_with_invalid_job_id():
    sim = NetSuiteSimulator(**CREDENTIALS, search_ttl=60)
    now = [1000.0]
    sim.searches.clock = lambda: now[0]  # no sleeping: immune to a slow, loaded machine
    with sim.serve(port=0) as server:
        caller = SoapCaller(server)
        first = search(caller, "AccountSearchBasic", page_size=5)
        search_id = first.findtext(".//platformCore:searchId")
        now[0] += 59
        fresh = search_more(caller, search_id, 2)
        now[0] += 2
        expired = search_more(caller, search_id, 2)

    assert fresh.find(".//platformCore:searchResult/platformCore:status").get("isSuccess") == "true"
    assert (
        expired.find(".//platformCore:searchResult/platformCore:status").get("isSuccess") == "false"
    )
    assert expired.findtext(".//platformCore:code") == "INVALID_JOB_ID"


def test_search_criteria_filter_inactive_type_and_subsidiary(ns, ns_sim):
    d = ns_sim.data
    active = search(
        ns,
        "DepartmentSearchBasic",
        "<platformCommon:isInactive><platformCore:searchValue>false</platformCore:searchValue></platformCommon:isInactive>",
    )
    payables = search(
        ns,
        "AccountSearchBasic",
        criterion("type", "_accountsPayable", operator="anyOf"),
    )
    japan = d.subsidiary("Acme Japan").internal_id
    japan_vendors = search(
        ns,
        "VendorSearchBasic",
        criterion("subsidiary", japan, operator="anyOf", attribute="internalId"),
    )
    by_external = search(
        ns,
        "VendorSearchBasic",
        criterion("externalId", "REMOTE-EU", operator="anyOf", attribute="externalId"),
    )

    assert d.department("Legacy Operations").internal_id not in record_ids(active)
    assert len(record_ids(active)) == len(d.departments) - 1
    assert record_ids(payables) == [d.account("2000").internal_id]
    assert d.vendor("Remote Europe Holding BV").internal_id in record_ids(japan_vendors)
    assert d.vendor("Canada Remote Technology Inc.").internal_id not in record_ids(japan_vendors)
    assert record_ids(by_external) == [d.vendor("Remote Europe Holding BV").internal_id]


def test_unsupported_search_criterion_is_a_fault_not_a_silent_result(ns):
    reply = search(
        ns,
        "VendorSearchBasic",
        criterion("email", "a@b.c", operator="is"),
    )

    assert reply.status == 500
    assert "email" in reply.faultstring


def test_denied_permission_is_an_insufficient_permission_fault(ns, ns_sim):
    ns_sim.deny_permission("subsidiary")
    try:
        denied = search(ns, "SubsidiarySearchBasic")
        allowed = search(ns, "AccountSearchBasic")
    finally:
        ns_sim.allow_permission("subsidiary")

    assert denied.status == 500
    assert denied.fault_code == ("insufficientPermissionFault", "INSUFFICIENT_PERMISSION")
    assert allowed.status == 200


def test_seed_ids_are_stable_for_a_seed_and_differ_between_seeds():
    one, again, other = (NetSuiteSimulator(seed=s).data for s in (1, 1, 2))

    assert one.to_json() == again.to_json()
    assert (
        one.vendor("Remote Europe Holding BV").internal_id
        != other.vendor("Remote Europe Holding BV").internal_id
    )
    assert all(re.fullmatch(r"\d+", a.internal_id) for a in one.accounts)


SEARCH_TYPES = [
    "SubsidiarySearchBasic", "AccountSearchBasic", "DepartmentSearchBasic",
    "ClassificationSearchBasic", "LocationSearchBasic", "VendorSearchBasic",
    "TransactionSearchBasic", "VendorSubsidiaryRelationshipSearchBasic",
    "AccountingPeriodSearchBasic",
]  # fmt: skip


def test_responses_are_valid_against_the_schema(ns, ns_sim):
    d = ns_sim.data
    sales = el("tranPurch:department", internalId=d.department("Sales").internal_id)
    credit_lines = (("6000", "5", el("tranPurch:memo", "m"), sales),)
    written = ns.call(
        "upsertList",
        bill_xml(d, "V-1") + bill_xml(d, "V-2", kind="VendorCredit", lines=credit_lines),
    )
    refs = [(b["internal_id"], b["kind"]) for b in ns_sim.bills()]
    refs += [(d.vendor("Remote Europe Holding BV").internal_id, "vendor")]
    read = ns.call(
        "getList",
        "".join(
            el("platformMsgs:baseRef", xsi__type="platformCore:RecordRef", internalId=i, type=t)
            for i, t in refs
        ),
    )
    searches = [
        ns.call("search", search_inner(t), extra_headers=search_preferences(body_fields_only=False))
        for t in SEARCH_TYPES
    ]
    currencies = ns.call("getAll", '<platformMsgs:record recordType="currency"/>')

    for reply in [written, read, currencies, *searches]:
        assert reply.status == 200
        for part in ("soapenv:Header", "soapenv:Body"):
            assert ns_sim.schemas.validation_error(reply.find(part)[0]) is None
    assert all(len(s.findall(".//platformCore:record")) > 1 for s in searches)
