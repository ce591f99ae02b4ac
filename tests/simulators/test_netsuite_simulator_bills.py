"""NetSuite simulator: vendor bill and credit writes, NetSuite's per-record rules, reads."""

import base64

from test_netsuite_simulator_support import (
    NS,
    bill_xml,
    criterion,
    el,
    search,
    search_inner,
    search_preferences,
    write_statuses,
)

RECORD_REF = "platformCore:RecordRef"


def base_ref(**attrs):
    return el("platformMsgs:baseRef", xsi__type=RECORD_REF, **attrs)


def _records(data, count, prefix="INV"):
    return "".join(bill_xml(data, f"{prefix}-{i}") for i in range(count))


def test_upsert_list_books_100_bills_and_refuses_101(ns, ns_sim):
    hundred = ns.call("upsertList", _records(ns_sim.data, 100))
    too_many = ns.call("upsertList", _records(ns_sim.data, 101, prefix="MORE"))

    assert hundred.status == 200
    assert all(ok for ok, _ in write_statuses(hundred)) and len(write_statuses(hundred)) == 100
    assert len(ns_sim.bills()) == 100
    assert too_many.status == 500
    assert too_many.fault_code == ("exceededRecordCountFault", "MAX_RCRDS_EXCEEDED")
    assert len(ns_sim.bills()) == 100


def test_add_list_limit_is_200(ns, ns_sim):
    reply = ns.call("addList", _records(ns_sim.data, 201))

    assert reply.fault_code == ("exceededRecordCountFault", "MAX_RCRDS_EXCEEDED")


def test_per_record_errors_come_back_in_input_order_while_others_book(ns, ns_sim):
    d = ns_sim.data
    department = d.department("Legacy Operations").internal_id
    records = [
        bill_xml(d, "OK-1"),
        bill_xml(d, "BAD-VENDOR", vendor="Former Payroll Provider Ltd", subsidiary="Acme UK",
                 currency="GBP"),
        bill_xml(d, "NOT-SHARED", vendor="Canada Remote Technology Inc.", subsidiary="Acme Japan",
                 currency="JPY"),
        bill_xml(d, "CLOSED", tran_date="2024-12-15"),
        bill_xml(d, None),
        bill_xml(d, "RESTRICTED-ACCOUNT", lines=(("6040", "10.00"),)),
        bill_xml(d, "INACTIVE-DEPT", lines=(
            ("6000", "10.00", f'<tranPurch:department internalId="{department}"/>'),)),
        bill_xml(d, "NO-LINES-ACCOUNT", lines=((None, "10.00"),)),
        bill_xml(d, "OK-2", kind="VendorCredit"),
    ]  # fmt: skip
    reply = ns.call("upsertList", "".join(records))
    statuses = write_statuses(reply)
    messages = [n.text for n in reply.findall(".//platformCore:message")]

    assert [code for ok, code in statuses if not ok] == [
        "INVALID_KEY_OR_REF",
        "INVALID_KEY_OR_REF",
        "VALID_PRD_REQD",
        "USER_ERROR",
        "INVALID_KEY_OR_REF",
        "INVALID_KEY_OR_REF",
        "USER_ERROR",
    ]
    assert [ok for ok, _ in statuses] == [True] + [False] * 7 + [True]
    assert {b["external_id"] for b in ns_sim.bills()} == {"OK-1", "OK-2"}
    vendor = d.vendor("Canada Remote Technology Inc.").internal_id
    japan = d.subsidiary("Acme Japan").internal_id
    assert f"Invalid entity reference key {vendor} for subsidiary {japan}." in messages
    assert "This operation requies a value for externalId." in messages
    assert "Please enter value(s) for: Account" in messages
    assert any("Dec 2024" in m for m in messages)


def test_upsert_twice_updates_the_one_bill(ns, ns_sim):
    first = ns.call("upsert", bill_xml(ns_sim.data, "INV-7", lines=(("6000", "10.00"),)))
    second = ns.call("upsert", bill_xml(ns_sim.data, "inv-7", lines=(("6010", "12.50"),)))
    bills = ns_sim.bills()

    assert write_statuses(first)[0][1] == write_statuses(second)[0][1]
    assert len(bills) == 1
    assert bills[0]["updated_count"] == 1 and bills[0]["created_count"] == 1
    assert bills[0]["total"] == "12.50"
    assert [line["account_id"] for line in bills[0]["lines"]] == [
        ns_sim.data.account("6010").internal_id
    ]


def test_add_with_an_existing_external_id_of_another_case_is_a_duplicate(ns, ns_sim):
    ns.call("add", bill_xml(ns_sim.data, "Remote-ABC"))
    again = ns.call("add", bill_xml(ns_sim.data, "REMOTE-abc"))

    assert write_statuses(again) == [(False, "DUP_RCRD")]
    assert again.findtext(".//platformCore:message") == "This record already exists"
    assert len(ns_sim.bills()) == 1


def test_bills_and_credits_share_one_external_id_group(ns, ns_sim):
    ns.call("upsert", bill_xml(ns_sim.data, "SHARED-1"))
    credit = ns.call("upsert", bill_xml(ns_sim.data, "shared-1", kind="VendorCredit"))

    assert write_statuses(credit) == [(False, "DUP_RCRD")]
    assert [b["kind"] for b in ns_sim.bills()] == ["vendorBill"]


def test_upsert_with_internal_id_and_missing_vendor_are_user_errors(ns, ns_sim):
    with_id = ns.call("upsert", bill_xml(ns_sim.data, "X-1", internal_id="5"))
    no_vendor = ns.call("upsert", bill_xml(ns_sim.data, "X-2", vendor=None, subsidiary="Acme US"))

    assert with_id.findtext(".//platformCore:message") == "You cannot set internalId with upsert."
    assert no_vendor.findtext(".//platformCore:message") == "Please enter value(s) for: Vendor"
    assert ns_sim.bills() == []


def test_closed_period_needs_an_open_posting_period(ns, ns_sim):
    d = ns_sim.data
    closed = ns.call("upsert", bill_xml(d, "DEC-1", tran_date="2024-12-20"))
    reopened = ns.call(
        "upsert",
        bill_xml(
            d, "DEC-2", tran_date="2024-12-20", posting_period=d.period("2025-01").internal_id
        ),
    )
    closed_period = ns.call(
        "upsert",
        bill_xml(
            d, "DEC-3", tran_date="2025-01-20", posting_period=d.period("2024-12").internal_id
        ),
    )

    assert write_statuses(closed) == [(False, "VALID_PRD_REQD")]
    assert "Dec 2024" in closed.findtext(".//platformCore:message")
    assert write_statuses(reopened)[0][0] is True
    assert ns_sim.bills()[0]["posting_period_id"] == d.period("2025-01").internal_id
    assert write_statuses(closed_period) == [(False, "VALID_PRD_REQD")]


def test_amounts_are_stored_exactly_and_total_is_the_sum_of_lines(ns, ns_sim):
    lines = (("6000", "0.1"), ("6010", "0.2"), ("6020", "1.234"))
    kuwait = {"subsidiary": "Acme Kuwait", "currency": "KWD"}
    record = bill_xml(
        ns_sim.data, "KWD-1", vendor="Remote Technology Services, Inc.", lines=lines, **kuwait
    )
    reply = ns.call("upsert", record)

    assert write_statuses(reply)[0][0] is True
    bill = ns_sim.bills()[0]
    assert bill["total"] == "1.534"
    assert [line["amount"] for line in bill["lines"]] == ["0.1", "0.2", "1.234"]


def test_inactive_currency_and_account_outside_subsidiary_are_refused(ns, ns_sim):
    chf = ns.call("upsert", bill_xml(ns_sim.data, "CHF-1", currency="CHF"))
    jp_account = ns.call("upsert", bill_xml(ns_sim.data, "JP-1", subsidiary="Acme Japan",
                                            currency="JPY", lines=(("6050", "100"),)))  # fmt: skip
    chf_id = ns_sim.data.currency("CHF").internal_id

    assert chf.findtext(".//platformCore:message") == f"Invalid currency reference key {chf_id}."
    assert write_statuses(jp_account) == [(False, "INVALID_KEY_OR_REF")]
    assert "for subsidiary" in jp_account.findtext(".//platformCore:message")


def test_get_and_get_list_read_booked_records_back(ns, ns_sim):
    ns.call(
        "upsertList",
        bill_xml(ns_sim.data, "R-1") + bill_xml(ns_sim.data, "R-2", kind="VendorCredit"),
    )
    bill_id, credit_id = (b["internal_id"] for b in ns_sim.bills())
    single = ns.call(
        "get",
        base_ref(internalId=bill_id, type="vendorBill"),
    )
    many = ns.call(
        "getList",
        base_ref(externalId="r-2", type="vendorCredit")
        + base_ref(internalId=credit_id, type="vendorBill"),
    )
    record = single.find(".//platformMsgs:record")

    assert record.findtext("tranPurch:tranId", namespaces=NS) == "R-1"
    assert record.findtext(".//tranPurch:expense/tranPurch:amount", namespaces=NS) == "100.00"
    assert record.findtext("tranPurch:userTotal", namespaces=NS) == "100.00"
    statuses = [
        s.get("isSuccess") for s in many.findall(".//platformMsgs:readResponse/platformCore:status")
    ]
    assert statuses == ["true", "false"]
    assert many.findtext(".//platformCore:code") == "RCRD_DSNT_EXIST"


def test_transaction_search_finds_bills_by_type_and_external_id(ns, ns_sim):
    ns.call(
        "upsertList",
        bill_xml(ns_sim.data, "S-1") + bill_xml(ns_sim.data, "S-2", kind="VendorCredit"),
    )
    criteria = criterion(
        "externalId", "s-1", "S-2", operator="anyOf", attribute="externalId"
    ) + criterion("type", "_vendorBill", operator="anyOf")
    preferences = search_preferences(body_fields_only=False)
    reply = ns.call(
        "search",
        search_inner("TransactionSearchBasic", criteria),
        extra_headers=preferences,
    )
    records = reply.findall(".//platformCore:record")

    assert [r.get("externalId") for r in records] == ["S-1"]
    assert records[0].find("tranPurch:expenseList", NS) is not None


def test_file_is_added_and_attached_to_a_bill(ns, ns_sim):
    ns.call("upsert", bill_xml(ns_sim.data, "F-1"))
    bill_id = ns_sim.bills()[0]["internal_id"]
    content = base64.b64encode(b"%PDF-1.4 invoice").decode()
    added = ns.call(
        "add",
        el(
            "platformMsgs:record",
            el("docFileCab:name", "inv.pdf") + el("docFileCab:content", content),
            xsi__type="docFileCab:File",
            externalId="pdf-1",
        ),
    )
    file_id = write_statuses(added)[0][1]
    attached = ns.call(
        "attach",
        el(
            "platformMsgs:attachReference",
            el("platformCore:attachTo", internalId=bill_id, type="vendorBill", xsi__type=RECORD_REF)
            + el(
                "platformCore:attachedRecord", internalId=file_id, type="file", xsi__type=RECORD_REF
            ),
            xsi__type="platformCore:AttachBasicReference",
        ),
    )

    assert write_statuses(attached)[0][0] is True
    assert ns_sim.bills()[0]["attached_file_ids"] == [file_id]
    assert ns_sim.files()[0]["size"] == len(b"%PDF-1.4 invoice")


def test_denied_vendor_bill_permission_refuses_the_write(ns, ns_sim):
    ns_sim.deny_permission("vendorBill")
    try:
        reply = ns.call("upsert", bill_xml(ns_sim.data, "P-1"))
    finally:
        ns_sim.allow_permission("vendorBill")

    assert reply.fault_code == ("insufficientPermissionFault", "INSUFFICIENT_PERMISSION")
    assert ns_sim.bills() == []


def test_a_department_not_available_in_the_subsidiary_is_refused(ns, ns_sim):
    d = ns_sim.data
    customer_success = d.department("Customer Success")
    line = f'<tranPurch:department internalId="{customer_success.internal_id}"/>'
    german = ns.call("upsert", bill_xml(d, "CS-DE", lines=(("6000", "10.00", line),)))
    british = ns.call(
        "upsert",
        bill_xml(
            d, "CS-UK", subsidiary="Acme UK", currency="GBP", lines=(("6000", "10.00", line),)
        ),
    )
    header = ns.call("upsert", bill_xml(d, "CS-DE-HEAD", extra=line))
    germany = d.subsidiary("Acme Germany").internal_id
    offered = search(
        ns,
        "DepartmentSearchBasic",
        criterion("subsidiary", germany, operator="anyOf", attribute="internalId"),
    )

    assert customer_success.include_children is False
    assert d.available_in(customer_success) == {
        d.subsidiary(name).internal_id for name in ("Acme US", "Acme UK", "Acme Canada")
    }
    assert write_statuses(german) == [(False, "INVALID_KEY_OR_REF")]
    assert german.findtext(".//platformCore:message") == (
        f"Invalid department reference key {customer_success.internal_id} for subsidiary {germany}."
    )
    assert write_statuses(british)[0][0] is True
    assert write_statuses(header) == [(False, "INVALID_KEY_OR_REF")]
    assert [b["external_id"] for b in ns_sim.bills()] == ["CS-UK"]
    names = {r.findtext("listAcct:name", namespaces=NS)
             for r in offered.findall(".//platformCore:record")}  # fmt: skip
    assert "Customer Success" not in names and "Engineering" in names
