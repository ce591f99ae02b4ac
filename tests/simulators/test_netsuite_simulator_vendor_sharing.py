"""NetSuite simulator: VendorSubsidiaryRelationship records (multi-subsidiary vendor sharing).

The last tests run the addon's NetSuiteClient against the simulator: the two independent
implementations must agree on which subsidiaries each vendor is shared with, and the simulator
must see the client's once-per-process WSDL download.
"""

import logging

from test_netsuite_simulator_support import (
    CREDENTIALS,
    NS,
    criterion,
    record_ids,
    search,
    search_more,
)

from remote_netsuite_connector.services.netsuite import NetSuiteClient, NetSuiteSettings
from simulators.netsuite import NetSuiteSimulator

SEARCH = "VendorSubsidiaryRelationshipSearchBasic"
REMOTE_VENDORS = (
    "Remote Technology Services, Inc.",
    "Canada Remote Technology Inc.",
    "Remote Europe Holding BV",
)


def _relationships(reply):
    """``(vendor name, subsidiary name, isPrimarySub)`` of every record in a search page."""
    return [
        (
            record.findtext("listRel:entity/platformCore:name", namespaces=NS),
            record.findtext("listRel:subsidiary/platformCore:name", namespaces=NS),
            record.findtext("listRel:isPrimarySub", namespaces=NS) == "true",
        )
        for record in reply.findall(".//platformCore:recordList/platformCore:record")
    ]


def _expected(data):
    return {
        (vendor.name, subsidiary.name, subsidiary.internal_id == vendor.subsidiary_id)
        for vendor in data.vendors
        for subsidiary in data.subsidiaries
        if subsidiary.internal_id in vendor.shared_subsidiary_ids
    }


def test_one_relationship_per_vendor_and_subsidiary_paged(ns, ns_sim):
    first = search(ns, SEARCH, page_size=5)
    search_id = first.findtext(".//platformCore:searchId")
    total_pages = int(first.findtext(".//platformCore:totalPages"))
    pages = [first] + [search_more(ns, search_id, i) for i in range(2, total_pages + 1)]
    found = [row for page in pages for row in _relationships(page)]
    ids = [i for page in pages for i in record_ids(page)]

    assert len(found) == int(first.findtext(".//platformCore:totalRecords"))
    assert total_pages == -(-len(found) // 5) > 1
    assert set(found) == _expected(ns_sim.data) and len(set(found)) == len(found)
    assert len(set(ids)) == len(ids) and all(i.isdigit() for i in ids)
    primaries = [(vendor, sub) for vendor, sub, primary in found if primary]
    assert sorted(primaries) == sorted(
        (v.name, next(s.name for s in ns_sim.data.subsidiaries if s.internal_id == v.subsidiary_id))
        for v in ns_sim.data.vendors
    )
    assert ("Canada Remote Technology Inc.", "Acme Japan", False) not in found
    assert ("Remote Technology Services, Inc.", "Acme Japan", False) in found


def test_relationship_search_filters_by_vendor_subsidiary_and_primary(ns, ns_sim):
    data = ns_sim.data
    canada_vendor = data.vendor("Canada Remote Technology Inc.").internal_id
    by_vendor = search(ns, SEARCH, criterion("entity", canada_vendor, operator="anyOf",
                                             attribute="internalId"))  # fmt: skip
    japan = data.subsidiary("Acme Japan").internal_id
    in_japan = search(ns, SEARCH, criterion("subsidiary", japan, operator="anyOf",
                                            attribute="internalId"))  # fmt: skip
    primary_only = search(ns, SEARCH, criterion("isPrimarySub", "true"))

    vendor_rows = _relationships(by_vendor)
    assert {vendor for vendor, _, _ in vendor_rows} == {"Canada Remote Technology Inc."}
    assert len(vendor_rows) == len(
        data.vendor("Canada Remote Technology Inc.").shared_subsidiary_ids
    )
    assert {vendor for vendor, _, _ in _relationships(in_japan)} == {
        "Remote Technology Services, Inc.",
        "Remote Europe Holding BV",
    }
    assert len(_relationships(primary_only)) == len(data.vendors)


def test_relationship_is_readable_with_get(ns, ns_sim):
    relationship = ns_sim.data.vendor_subsidiaries[0]
    reply = ns.call(
        "get",
        f'<platformMsgs:baseRef xsi:type="platformCore:RecordRef" '
        f'internalId="{relationship.internal_id}" type="vendorSubsidiaryRelationship"/>',
    )

    record = reply.find(".//platformMsgs:readResponse/platformMsgs:record")
    assert record.find("listRel:entity", NS).get("internalId") == relationship.vendor_id
    assert record.find("listRel:subsidiary", NS).get("internalId") == relationship.subsidiary_id


def _settings(server):
    return NetSuiteSettings(
        account_id=CREDENTIALS["account"],
        consumer_key=CREDENTIALS["consumer_key"],
        consumer_secret=CREDENTIALS["consumer_secret"],
        token_id=CREDENTIALS["token_id"],
        token_secret=CREDENTIALS["token_secret"],
        wsdl_version="2023_2",
        wsdl_url=server.wsdl_url,
        endpoint_url=server.endpoint_url,
        timeout=10.0,
        page_size=5,
    )


def test_addon_client_reads_the_same_vendor_sharing(ns_sim, ns_server, caplog):
    with caplog.at_level(logging.WARNING), NetSuiteClient(_settings(ns_server)) as client:
        vendors = {vendor.name: vendor for vendor in client.list_vendors()}

    data = ns_sim.data
    for name in REMOTE_VENDORS:
        seeded = data.vendor(name)
        assert vendors[name].subsidiary_ids[0] == seeded.subsidiary_id
        assert sorted(vendors[name].subsidiary_ids) == sorted(seeded.shared_subsidiary_ids)
    japan = data.subsidiary("Acme Japan").internal_id
    assert japan not in vendors["Canada Remote Technology Inc."].subsidiary_ids
    assert japan in vendors["Remote Europe Holding BV"].subsidiary_ids
    assert len(vendors["Remote Technology Services, Inc."].subsidiary_ids) == 7
    assert not [r for r in caplog.records if "relationships not readable" in r.getMessage()]
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING]


def test_addon_client_downloads_the_wsdl_once_per_process():
    sim = NetSuiteSimulator(**CREDENTIALS)
    with sim.serve(port=0) as server:
        for _ in range(3):
            with NetSuiteClient(_settings(server)) as client:
                client.server_time()

    assert sim.downloads == {"GET wsdl": 1, "GET xsd": len(sim.schemas.xsd_texts)}
    assert sim.calls == {"getServerTime": 3}
