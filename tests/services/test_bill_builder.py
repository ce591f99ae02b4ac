"""Bill builder: what the accountant finds in NetSuite (or is told) for one Remote document."""

import dataclasses
from datetime import date
from decimal import Decimal

import pytest

from remote_netsuite_connector.services.bill_builder import (
    FAILED,
    NEEDS_MAPPING,
    NOTHING_TO_BOOK,
    READY,
    SKIPPED,
    build_bills,
    external_id,
)
from remote_netsuite_connector.services.mapping import (
    DEPARTMENT_BREAKDOWN,
    NO_DEPARTMENT,
    PER_ENTITY,
    Mappings,
)
from remote_netsuite_connector.services.netsuite.types import VENDOR_BILL, VENDOR_CREDIT
from remote_netsuite_connector.services.remote.types import (
    PREFUNDING_INVOICE,
    RECONCILIATION_CREDIT_NOTE,
    RECONCILIATION_INVOICE,
    BillingDocument,
    BreakdownLine,
    Employment,
)

DOC_ID = "8772a9f1-3c0e-4f5e-9d7a-1b2c3d4e5f60"
REMOTE_EU = "Remote Europe Holding BV"
GMBH, LTD = "le-gmbh", "le-ltd"
LEGAL_ENTITY_NAMES = {GMBH: "Acme GmbH", LTD: "Acme Ltd"}
SALES, ENGINEERING = "dep-sales", "dep-eng"

EMPLOYMENTS = {
    "emp-jane": Employment("emp-jane", "Jane Doe", SALES, "Sales", GMBH),
    "emp-john": Employment("emp-john", "John Roe", ENGINEERING, "Engineering", LTD),
    "emp-ana": Employment("emp-ana", "Ana Lima", None, None, GMBH),
}
ITEMS = ("Base Salary", "Benefits", "Employer Contributions", "Management Fee")


def document(total, *, document_type=PREFUNDING_INVOICE, currency="EUR", **changes):
    values = {
        "id": DOC_ID,
        "number": "INV-2026-000123",
        "period": "2026-02",
        "document_type": document_type,
        "currency": currency,
        "company_id": "company-1",
        "issued_date": date(2026, 2, 2),
        "total": total,
        "bill_from": REMOTE_EU,
    }
    return BillingDocument(**(values | changes))


def line(item, amount, employment_id=None, **changes):
    return BreakdownLine(
        type=item,
        description=f"{item} for {employment_id or 'the company'}",
        employment_id=employment_id,
        invoice_amount=amount,
        **changes,
    )


def mappings(**changes):
    values = {
        "single_subsidiary_id": "sub-1",
        "entity_subsidiary": {GMBH: "sub-de", LTD: "sub-uk"},
        "default_legal_entity_id": GMBH,
        "vendor_by_issuer": {REMOTE_EU: "vendor-9"},
        "item_account": {item: f"acct-{item.split()[0].lower()}" for item in ITEMS},
        "department_item_account": {
            (department, item): f"acct-{department or 'none'}-{item.split()[0].lower()}"
            for department in (SALES, ENGINEERING, NO_DEPARTMENT)
            for item in ITEMS
        },
        "department_netsuite": {SALES: "ns-dept-sales"},
        "currency_by_code": {"EUR": "cur-eur", "JPY": "cur-jpy", "KWD": "cur-kwd"},
    }
    return Mappings(**(values | changes))


def build(doc, lines, maps=None, **kwargs):
    kwargs.setdefault("legal_entity_names", LEGAL_ENTITY_NAMES)
    return build_bills(doc, lines, EMPLOYMENTS, maps or mappings(), **kwargs)


def amounts(bill):
    return [(bill_line.memo, bill_line.account_id, bill_line.amount) for bill_line in bill.lines]


def signed_total(outcome, kind):
    """Bills minus credits (or the reverse): what the document nets to in NetSuite."""
    return sum(bill.total if bill.kind == kind else -bill.total for bill in outcome.bills)


MIXED_LINES = [
    line("Base Salary", 100_000, "emp-jane"),
    line("Base Salary", 200_000, "emp-john"),
    line("Benefits", 5_000, "emp-jane"),
    line("Management Fee", 15_050),
]


# -- standard breakdown, single subsidiary -------------------------------------------------------


def test_standard_breakdown_books_one_line_per_item_summed_over_employments():
    outcome = build(document(320_050), MIXED_LINES, utc_offset="+02:00")

    assert outcome.status == READY, outcome.message
    [bill] = outcome.bills
    assert bill.kind == VENDOR_BILL
    assert bill.external_id == f"remote-{DOC_ID}"
    assert (bill.tran_id, bill.tran_date, bill.utc_offset) == (
        "INV-2026-000123",
        date(2026, 2, 2),
        "+02:00",
    )
    assert (bill.vendor_id, bill.subsidiary_id, bill.currency_id) == (
        "vendor-9",
        "sub-1",
        "cur-eur",
    )
    assert bill.memo == "Remote prefunding invoice 2026-02 (INV-2026-000123)"
    assert amounts(bill) == [
        ("Base Salary", "acct-base", Decimal("3000.00")),
        ("Benefits", "acct-benefits", Decimal("50.00")),
        ("Management Fee", "acct-management", Decimal("150.50")),
    ]
    assert all(bill_line.department_id is None for bill_line in bill.lines)
    assert bill.total == Decimal("3200.50")
    assert "1 vendor bill of 3,200.50 EUR" in outcome.message


def test_lines_do_not_depend_on_the_order_remote_lists_them_in():
    forward = build(document(320_050), MIXED_LINES)
    backward = build(document(320_050), list(reversed(MIXED_LINES)))

    assert forward == backward


def test_items_netting_to_zero_leave_no_line_and_need_no_account():
    lines = [
        line("Base Salary", 100_000, "emp-jane"),
        line("Adjustment", 500, "emp-jane"),
        line("Adjustment", -500, "emp-john"),
    ]

    outcome = build(document(100_000), lines)

    assert outcome.status == READY, outcome.message
    assert [bill_line.memo for bill_line in outcome.bills[0].lines] == ["Base Salary"]


# -- department breakdown ---------------------------------------------------------------------


def test_department_breakdown_books_one_line_per_department_and_item():
    lines = [
        *MIXED_LINES,
        line("Base Salary", 50_000, "emp-ana"),  # employment without department
        line("Base Salary", 1_000, "emp-jane"),
    ]
    maps = mappings(breakdown=DEPARTMENT_BREAKDOWN)

    outcome = build(document(371_050), lines, maps)

    assert outcome.status == READY, outcome.message
    [bill] = outcome.bills
    assert [(bl.memo, bl.account_id, bl.amount, bl.department_id) for bl in bill.lines] == [
        ("Base Salary — Engineering", "acct-dep-eng-base", Decimal("2000.00"), None),
        ("Base Salary — Sales", "acct-dep-sales-base", Decimal("1010.00"), "ns-dept-sales"),
        ("Base Salary — no department", "acct-none-base", Decimal("500.00"), None),
        ("Benefits — Sales", "acct-dep-sales-benefits", Decimal("50.00"), "ns-dept-sales"),
        ("Management Fee — no department", "acct-none-management", Decimal("150.50"), None),
    ]
    assert bill.total == Decimal("3710.50")


def test_department_names_come_from_the_mapping_first():
    maps = mappings(breakdown=DEPARTMENT_BREAKDOWN, department_names={SALES: "Sales EMEA"})

    outcome = build(document(100_000), [line("Base Salary", 100_000, "emp-jane")], maps)

    assert outcome.bills[0].lines[0].memo == "Base Salary — Sales EMEA"


# -- per-entity subsidiaries -------------------------------------------------------------------


def test_per_entity_document_spanning_two_entities_splits_into_two_bills():
    outcome = build(document(320_050), MIXED_LINES, mappings(entity_mode=PER_ENTITY))

    assert outcome.status == READY, outcome.message
    germany, britain = outcome.bills
    assert (germany.subsidiary_id, britain.subsidiary_id) == ("sub-de", "sub-uk")
    assert germany.external_id == f"remote-{DOC_ID}-ssub-de"
    assert britain.external_id == f"remote-{DOC_ID}-ssub-uk"
    # company-level fee goes to the default legal entity (GmbH) when entities are mixed
    assert amounts(germany) == [
        ("Base Salary", "acct-base", Decimal("1000.00")),
        ("Benefits", "acct-benefits", Decimal("50.00")),
        ("Management Fee", "acct-management", Decimal("150.50")),
    ]
    assert amounts(britain) == [("Base Salary", "acct-base", Decimal("2000.00"))]
    assert germany.total + britain.total == Decimal("3200.50")
    assert germany.memo.endswith(", legal entity Acme GmbH")
    assert britain.memo.endswith(", legal entity Acme Ltd")
    assert {germany.tran_id, britain.tran_id} == {"INV-2026-000123"}
    assert outcome.legal_entities == {germany.external_id: (GMBH,), britain.external_id: (LTD,)}


def test_company_level_lines_follow_the_only_legal_entity_of_the_document():
    lines = [line("Base Salary", 200_000, "emp-john"), line("Management Fee", 15_050)]

    outcome = build(document(215_050), lines, mappings(entity_mode=PER_ENTITY))

    [bill] = outcome.bills
    assert bill.subsidiary_id == "sub-uk"  # not the default (GmbH) entity's subsidiary
    assert bill.external_id == f"remote-{DOC_ID}"  # one bill: keyed by the document alone
    assert bill.total == Decimal("2150.50")


def test_company_level_only_document_goes_to_the_default_legal_entity():
    outcome = build(
        document(15_050), [line("Management Fee", 15_050)], mappings(entity_mode=PER_ENTITY)
    )

    [bill] = outcome.bills
    assert bill.subsidiary_id == "sub-de"
    assert bill.external_id == f"remote-{DOC_ID}"


def test_company_level_only_document_needs_a_default_legal_entity():
    maps = mappings(entity_mode=PER_ENTITY, default_legal_entity_id=None)

    outcome = build(document(15_050), [line("Management Fee", 15_050)], maps)

    assert outcome.status == NEEDS_MAPPING
    assert outcome.missing == ("Default Remote legal entity (receives company-level lines)",)
    assert outcome.bills == ()


BILLED_ELSEWHERE = {  # a DE/NL document of a company whose default legal entity is in the US
    "emp-de": Employment("emp-de", "Dana Berg", None, None, "le-de"),
    "emp-nl": Employment("emp-nl", "Niels Bakker", None, None, "le-nl"),
    "emp-nl2": Employment("emp-nl2", "Noor Visser", None, None, "le-nl"),
}
BILLED_ELSEWHERE_NAMES = {"le-de": "Acme GmbH", "le-nl": "Acme BV", "le-us": "Acme Inc."}


def billed_elsewhere_mappings():
    return mappings(
        entity_mode=PER_ENTITY,
        entity_subsidiary={"le-de": "sub-de", "le-nl": "sub-nl", "le-us": "sub-us"},
        default_legal_entity_id="le-us",
    )


def fee_subsidiary(lines):
    """Where the company-level fee of a DE/NL document is booked."""
    outcome = build_bills(
        document(sum(line.invoice_amount for line in lines)),
        lines,
        BILLED_ELSEWHERE,
        billed_elsewhere_mappings(),
        legal_entity_names=BILLED_ELSEWHERE_NAMES,
    )
    assert outcome.status == READY, outcome.message
    [bill] = [bill for bill in outcome.bills if "Management Fee" in {x.memo for x in bill.lines}]
    assert sum(bill.total for bill in outcome.bills) == to_eur(
        sum(line.invoice_amount for line in lines)
    )
    return bill.subsidiary_id


def to_eur(minor):
    return Decimal(minor).scaleb(-2)


def test_company_level_lines_of_a_multi_entity_document_go_to_its_largest_entity_not_the_default():
    lines = [
        line("Base Salary", 400_000, "emp-de"),
        line("Base Salary", 300_000, "emp-nl"),
        line("Base Salary", 200_000, "emp-nl2"),  # NL: 5,000.00 > DE: 4,000.00
        line("Management Fee", 9_384),
    ]

    assert fee_subsidiary(lines) == "sub-nl"  # not the default (US) entity's subsidiary


def test_the_largest_entity_is_measured_in_absolute_amounts():
    lines = [
        line("Base Salary", 100_000, "emp-de"),
        line("Base Salary", -300_000, "emp-nl"),  # NL's share is a credit of 3,000.00
        line("Management Fee", 9_384),
    ]

    outcome = build_bills(
        document(-190_616, document_type=RECONCILIATION_INVOICE),
        lines,
        BILLED_ELSEWHERE,
        billed_elsewhere_mappings(),
        legal_entity_names=BILLED_ELSEWHERE_NAMES,
    )

    assert outcome.status == READY, outcome.message
    [netherlands] = [bill for bill in outcome.bills if bill.subsidiary_id == "sub-nl"]
    assert {bill_line.memo for bill_line in netherlands.lines} == {"Base Salary", "Management Fee"}


def test_equal_entities_give_the_company_level_lines_to_the_first_by_name():
    lines = [
        line("Base Salary", 300_000, "emp-de"),
        line("Base Salary", 300_000, "emp-nl"),
        line("Management Fee", 9_384),
    ]

    assert fee_subsidiary(lines) == "sub-nl"  # "Acme BV" before "Acme GmbH"
    assert fee_subsidiary(list(reversed(lines))) == "sub-nl"


def test_the_default_entity_keeps_the_company_level_lines_when_it_has_employees_on_it():
    employments = BILLED_ELSEWHERE | {
        "emp-us": Employment("emp-us", "Sam Ray", None, None, "le-us")
    }
    lines = [
        line("Base Salary", 900_000, "emp-de"),
        line("Base Salary", 100, "emp-us"),
        line("Management Fee", 9_384),
    ]

    outcome = build_bills(
        document(909_484),
        lines,
        employments,
        billed_elsewhere_mappings(),
        legal_entity_names=BILLED_ELSEWHERE_NAMES,
    )

    [us] = [bill for bill in outcome.bills if bill.subsidiary_id == "sub-us"]
    assert amounts(us) == [
        ("Base Salary", "acct-base", Decimal("1.00")),
        ("Management Fee", "acct-management", Decimal("93.84")),
    ]


def test_legal_entities_sharing_a_subsidiary_make_one_bill():
    maps = mappings(entity_mode=PER_ENTITY, entity_subsidiary={GMBH: "sub-eu", LTD: "sub-eu"})

    outcome = build(document(320_050), MIXED_LINES, maps)

    [bill] = outcome.bills
    assert (bill.subsidiary_id, bill.external_id) == ("sub-eu", f"remote-{DOC_ID}")
    assert bill.memo.endswith(", legal entity Acme GmbH + Acme Ltd")
    assert bill.total == Decimal("3200.50")


def test_legal_entities_sharing_a_subsidiary_may_cancel_a_line_out():
    maps = mappings(entity_mode=PER_ENTITY, entity_subsidiary={GMBH: "sub-eu", LTD: "sub-eu"})
    lines = [
        line("Base Salary", 100_000, "emp-jane"),
        line("Benefits", 500, "emp-jane"),
        line("Benefits", -500, "emp-john"),
    ]

    outcome = build(document(100_000), lines, maps)

    assert amounts(outcome.bills[0]) == [("Base Salary", "acct-base", Decimal("1000.00"))]


def test_a_subsidiary_share_that_nets_negative_is_booked_as_a_credit():
    lines = [line("Base Salary", 300_000, "emp-jane"), line("Base Salary", -50_000, "emp-john")]

    outcome = build(
        document(250_000, document_type=RECONCILIATION_INVOICE),
        lines,
        mappings(entity_mode=PER_ENTITY),
    )

    assert outcome.status == READY, outcome.message
    germany, britain = outcome.bills
    assert (germany.kind, germany.total) == (VENDOR_BILL, Decimal("3000.00"))
    assert (britain.kind, britain.total) == (VENDOR_CREDIT, Decimal("500.00"))
    assert britain.memo.endswith("this entity's share is a net credit")
    assert signed_total(outcome, VENDOR_BILL) == Decimal("2500.00")
    assert "1 vendor bill of 3,000.00 EUR and 1 vendor credit of 500.00 EUR" in outcome.message


def test_a_subsidiary_share_netting_to_zero_is_still_booked_with_its_lines():
    lines = [
        line("Base Salary", 300_000, "emp-jane"),
        line("Base Salary", 50_000, "emp-john"),
        line("Benefits", -50_000, "emp-john"),
    ]

    outcome = build(document(300_000), lines, mappings(entity_mode=PER_ENTITY))

    germany, britain = outcome.bills
    assert germany.total == Decimal("3000.00")
    assert (britain.kind, britain.total) == (VENDOR_BILL, Decimal("0.00"))
    assert amounts(britain) == [
        ("Base Salary", "acct-base", Decimal("500.00")),
        ("Benefits", "acct-benefits", Decimal("-500.00")),
    ]


def test_unmapped_legal_entity_is_named_by_its_remote_name():
    maps = mappings(entity_mode=PER_ENTITY, entity_subsidiary={GMBH: "sub-de"})

    named = build(document(320_050), MIXED_LINES, maps)
    unnamed = build(document(320_050), MIXED_LINES, maps, legal_entity_names={})

    assert named.missing == ('Subsidiary for Remote legal entity "Acme Ltd"',)
    assert unnamed.missing == (f'Subsidiary for Remote legal entity "{LTD}"',)


# -- credits -----------------------------------------------------------------------------------


CREDIT_LINES = [
    line("Base Salary", 40_000, "emp-jane"),
    line("Benefits", 5_000, "emp-jane"),
    line("Management Fee", -1_000),  # a charge on a credit note
]


@pytest.mark.parametrize(
    ("sign_of_lines", "sign_of_total"),
    [(1, 1), (-1, -1), (-1, 1), (1, -1)],
    ids=["positive", "negative", "lines-negative-total-positive", "lines-positive-total-negative"],
)
def test_credit_note_books_a_credit_with_positive_amounts_in_either_sign_convention(
    sign_of_lines, sign_of_total
):
    lines = [
        dataclasses.replace(item, invoice_amount=item.invoice_amount * sign_of_lines)
        for item in CREDIT_LINES
    ]
    doc = document(44_000 * sign_of_total, document_type=RECONCILIATION_CREDIT_NOTE)

    outcome = build(doc, lines)

    assert outcome.status == READY, outcome.message
    [credit] = outcome.bills
    assert credit.kind == VENDOR_CREDIT
    assert credit.external_id == f"remote-{DOC_ID}"
    assert credit.memo == "Remote reconciliation credit note 2026-02 (INV-2026-000123)"
    assert amounts(credit) == [
        ("Base Salary", "acct-base", Decimal("400.00")),
        ("Benefits", "acct-benefits", Decimal("50.00")),
        ("Management Fee", "acct-management", Decimal("-10.00")),  # opposite sign kept
    ]
    assert credit.total == Decimal("440.00")


def test_legacy_negative_reconciliation_invoice_is_booked_as_a_credit_with_positive_amounts():
    lines = [line("Base Salary", -30_000, "emp-jane"), line("Benefits", -2_500, "emp-john")]
    doc = document(-32_500, document_type=RECONCILIATION_INVOICE)

    outcome = build(doc, lines)

    [credit] = outcome.bills
    assert credit.kind == VENDOR_CREDIT
    assert amounts(credit) == [
        ("Base Salary", "acct-base", Decimal("300.00")),
        ("Benefits", "acct-benefits", Decimal("25.00")),
    ]
    assert credit.memo == (
        "Remote reconciliation invoice 2026-02 (INV-2026-000123), negative total booked as a credit"
    )


def test_invoice_breakdown_of_the_opposite_sign_is_not_accepted():
    outcome = build(document(44_000), [line("Base Salary", -44_000, "emp-jane")])

    assert outcome.status == FAILED
    assert (
        "Breakdown lines sum to -440.00 EUR but the document total is 440.00 EUR" in outcome.message
    )


# -- nothing to book / skipped ----------------------------------------------------------------


@pytest.mark.parametrize(
    "lines",
    [
        [],
        [line("Base Salary", 0, "emp-jane")],
        [line("Base Salary", 500, "emp-jane"), line("Base Salary", -500, "emp-john")],
    ],
    ids=["no-lines", "zero-lines", "lines-cancelling-out"],
)
def test_zero_total_document_has_nothing_to_book(lines):
    outcome = build(document(0, document_type=RECONCILIATION_INVOICE), lines, Mappings())

    assert outcome.status == NOTHING_TO_BOOK
    assert outcome.bills == ()
    assert "Nothing to book" in outcome.message


def test_zero_total_document_whose_entities_cancel_within_one_subsidiary_has_nothing_to_book():
    maps = mappings(entity_mode=PER_ENTITY, entity_subsidiary={GMBH: "sub-eu", LTD: "sub-eu"})
    lines = [line("Base Salary", 10_000, "emp-jane"), line("Base Salary", -10_000, "emp-john")]

    outcome = build(document(0, document_type=RECONCILIATION_INVOICE), lines, maps)

    assert outcome.status == NOTHING_TO_BOOK, outcome.message
    assert outcome.bills == ()


def test_zero_total_document_with_non_zero_entity_shares_books_a_bill_and_a_credit():
    lines = [line("Base Salary", 10_000, "emp-jane"), line("Base Salary", -10_000, "emp-john")]

    outcome = build(
        document(0, document_type=RECONCILIATION_INVOICE), lines, mappings(entity_mode=PER_ENTITY)
    )

    assert outcome.status == READY, outcome.message
    germany, britain = outcome.bills
    assert (germany.kind, germany.subsidiary_id, germany.total) == (
        VENDOR_BILL,
        "sub-de",
        Decimal("100.00"),
    )
    assert (britain.kind, britain.subsidiary_id, britain.total) == (
        VENDOR_CREDIT,
        "sub-uk",
        Decimal("100.00"),
    )
    assert amounts(britain) == [("Base Salary", "acct-base", Decimal("100.00"))]
    assert germany.external_id != britain.external_id
    assert signed_total(outcome, VENDOR_BILL) == 0
    assert "1 vendor bill of 100.00 EUR and 1 vendor credit of 100.00 EUR" in outcome.message


def test_zero_total_document_needs_the_mappings_of_its_non_zero_shares():
    lines = [line("Base Salary", 10_000, "emp-jane"), line("Base Salary", -10_000, "emp-john")]
    maps = mappings(entity_mode=PER_ENTITY, entity_subsidiary={GMBH: "sub-de"})

    outcome = build(document(0, document_type=RECONCILIATION_INVOICE), lines, maps)

    assert outcome.status == NEEDS_MAPPING
    assert outcome.missing == ('Subsidiary for Remote legal entity "Acme Ltd"',)


def test_zero_total_with_a_non_zero_breakdown_fails_with_both_figures():
    outcome = build(document(0), [line("Base Salary", 500, "emp-jane")])

    assert outcome.status == FAILED
    assert "Breakdown lines sum to 5.00 EUR but the document total is 0.00 EUR" in outcome.message


def test_unknown_document_type_is_skipped_naming_the_type():
    outcome = build(document(15_000, document_type="peo_management_fees"), MIXED_LINES, Mappings())

    assert outcome.status == SKIPPED
    assert '"peo_management_fees"' in outcome.message
    assert outcome.bills == () and outcome.missing == ()


# -- currencies --------------------------------------------------------------------------------


def test_yen_amounts_have_no_decimals():
    lines = [line("Base Salary", 350_000, "emp-jane"), line("Management Fee", 12_345)]

    outcome = build(document(362_345, currency="JPY"), lines)

    [bill] = outcome.bills
    assert [bill_line.amount for bill_line in bill.lines] == [Decimal("350000"), Decimal("12345")]
    assert all(bill_line.amount.as_tuple().exponent == 0 for bill_line in bill.lines)
    assert (bill.currency_id, bill.total) == ("cur-jpy", Decimal("362345"))


def test_kuwaiti_dinar_amounts_have_three_decimals():
    lines = [line("Base Salary", 1_234_567, "emp-jane"), line("Management Fee", 1)]

    outcome = build(document(1_234_568, currency="KWD"), lines)

    [bill] = outcome.bills
    assert [bill_line.amount for bill_line in bill.lines] == [Decimal("1234.567"), Decimal("0.001")]
    assert bill.total == Decimal("1234.568")
    assert "1,234.568 KWD" in outcome.message


def test_unknown_currency_fails():
    outcome = build(document(100, currency="XYZ"), [line("Base Salary", 100, "emp-jane")])

    assert outcome.status == FAILED
    assert 'unknown currency "XYZ"' in outcome.message


def test_known_currency_missing_in_netsuite_needs_mapping():
    lines = [line("Base Salary", 100, "emp-jane")]

    outcome = build(document(100, currency="BHD"), lines)

    assert outcome.status == NEEDS_MAPPING
    assert outcome.missing == ('NetSuite currency "BHD"',)


def test_breakdown_line_in_another_currency_fails_naming_it():
    lines = [
        line("Base Salary", 100_000, "emp-jane", invoice_currency="EUR"),
        line("Benefits", 5_000, "emp-jane", invoice_currency="USD"),
    ]

    outcome = build(document(105_000), lines)

    assert outcome.status == FAILED
    assert (
        '1 breakdown line(s) in currency "USD", not the document currency "EUR"' in outcome.message
    )


# -- totals and bad data ----------------------------------------------------------------------


def test_breakdown_not_summing_to_the_total_fails_with_both_figures():
    outcome = build(document(123_456), [line("Base Salary", 123_450, "emp-jane")])

    assert outcome.status == FAILED
    assert "Breakdown lines sum to 1,234.50 EUR but the document total is 1,234.56 EUR" in (
        outcome.message
    )
    assert outcome.bills == ()


def test_empty_breakdown_with_a_total_fails_clearly():
    outcome = build(document(123_456), [])

    assert outcome.status == FAILED
    assert "no breakdown lines" in outcome.message
    assert "1,234.56 EUR" in outcome.message


def test_lines_without_item_type_are_named():
    lines = [line("Base Salary", 100, "emp-jane"), line("  ", 50, "emp-john"), line("", 25)]

    outcome = build(document(175), lines)

    assert outcome.status == FAILED
    assert "line 2 (" in outcome.message and "line 3 (" in outcome.message
    assert "without an item type" in outcome.message


def test_non_integer_amounts_fail_instead_of_raising():
    lines = [line("Base Salary", 100.5, "emp-jane")]

    outcome = build(document(100.5), lines)

    assert outcome.status == FAILED
    assert "whole amount in minor units" in outcome.message


def test_per_entity_employment_unknown_or_without_legal_entity_fails_naming_it():
    employments = EMPLOYMENTS | {"emp-old": Employment("emp-old", "Old Timer")}
    lines = [line("Base Salary", 100, "emp-ghost"), line("Base Salary", 100, "emp-old")]

    outcome = build_bills(document(200), lines, employments, mappings(entity_mode=PER_ENTITY))

    assert outcome.status == FAILED
    assert '"emp-ghost"' in outcome.message
    assert "not among the employments read from Remote" in outcome.message
    assert '"Old Timer" (emp-old) have no bill-to legal entity' in outcome.message


def test_single_subsidiary_standard_breakdown_does_not_need_employments():
    outcome = build_bills(document(100), [line("Base Salary", 100, "emp-ghost")], {}, mappings())

    assert outcome.status == READY, outcome.message


def test_department_breakdown_needs_the_employment_to_know_its_department():
    maps = mappings(breakdown=DEPARTMENT_BREAKDOWN)

    outcome = build_bills(document(100), [line("Base Salary", 100, "emp-ghost")], {}, maps)

    assert outcome.status == FAILED
    assert '"emp-ghost"' in outcome.message


# -- missing mappings --------------------------------------------------------------------------


def test_every_missing_mapping_is_named_once_in_a_fixed_order():
    maps = Mappings(
        entity_mode=PER_ENTITY,
        breakdown=DEPARTMENT_BREAKDOWN,
        default_legal_entity_id=GMBH,
        department_item_account={(SALES, "Benefits"): "acct-1"},
    )
    lines = [
        *MIXED_LINES,
        line("Base Salary", 1, "emp-jane"),  # same mapping as an earlier line: named once
        line("Benefits", 2, "emp-john"),
    ]

    outcome = build(document(320_053), lines, maps)
    reordered = build(document(320_053), list(reversed(lines)), maps)

    assert outcome.status == NEEDS_MAPPING
    assert outcome.missing == (
        f'Vendor for Remote entity "{REMOTE_EU}"',
        'NetSuite currency "EUR"',
        'Subsidiary for Remote legal entity "Acme GmbH"',
        'Subsidiary for Remote legal entity "Acme Ltd"',
        'Account for item "Base Salary" (department "Engineering")',
        'Account for item "Base Salary" (department "Sales")',
        'Account for item "Benefits" (department "Engineering")',
        'Account for item "Management Fee" (no department)',
    )
    assert reordered.missing == outcome.missing
    assert all(name in outcome.message for name in outcome.missing)
    assert outcome.bills == ()


def test_missing_single_subsidiary_and_item_accounts_are_named():
    maps = mappings(single_subsidiary_id=None, item_account={"Base Salary": "acct-base"})

    outcome = build(document(320_050), MIXED_LINES, maps)

    assert outcome.missing == (
        "Subsidiary for all Remote entities (single-subsidiary mapping)",
        'Account for item "Benefits"',
        'Account for item "Management Fee"',
    )


def test_empty_mapping_values_count_as_missing():
    maps = mappings(
        vendor_by_issuer={REMOTE_EU: ""},
        currency_by_code={"EUR": ""},
        single_subsidiary_id="",
        item_account={"Base Salary": ""},
    )

    outcome = build(document(100), [line("Base Salary", 100, "emp-jane")], maps)

    assert outcome.missing == (
        f'Vendor for Remote entity "{REMOTE_EU}"',
        'NetSuite currency "EUR"',
        "Subsidiary for all Remote entities (single-subsidiary mapping)",
        'Account for item "Base Salary"',
    )


def test_document_without_issuing_entity_needs_a_vendor():
    outcome = build(document(320_050, bill_from=None), MIXED_LINES)

    assert outcome.status == NEEDS_MAPPING
    assert outcome.missing == (
        "Vendor for Remote entity (the document does not name its issuing Remote entity)",
    )


# -- external ids ------------------------------------------------------------------------------


def test_external_ids_are_deterministic_and_distinct():
    assert external_id(DOC_ID) == external_id(DOC_ID) == f"remote-{DOC_ID}"
    assert external_id(DOC_ID.upper()) == external_id(DOC_ID)  # NetSuite ignores case anyway
    assert external_id("doc-a") != external_id("doc-b")
    assert external_id(DOC_ID, "7") == f"remote-{DOC_ID}-s7"
    assert len({external_id(DOC_ID), external_id(DOC_ID, "7"), external_id(DOC_ID, "8")}) == 3


def test_rebuilding_the_same_document_gives_the_same_payloads():
    maps = mappings(entity_mode=PER_ENTITY)

    first = build(document(320_050), MIXED_LINES, maps)
    again = build(document(320_050), MIXED_LINES, maps)
    other = build(document(320_050, id="another-document"), MIXED_LINES, maps)

    assert first == again
    first_ids = {bill.external_id for bill in first.bills}
    assert first_ids.isdisjoint(bill.external_id for bill in other.bills)


@pytest.mark.parametrize("bad", ["", "  "])
def test_external_id_needs_a_document_id(bad):
    with pytest.raises(ValueError, match="document id"):
        external_id(bad)


# -- programmer errors -------------------------------------------------------------------------


def test_programmer_errors_raise():
    with pytest.raises(ValueError, match="utc_offset"):
        build(document(100), [line("Base Salary", 100)], utc_offset="CET")
    with pytest.raises(ValueError, match="entity mode"):
        build(document(100), [line("Base Salary", 100)], mappings(entity_mode="both"))
