"""Bill builder properties over random documents: NetSuite always books Remote's total exactly."""

import random
from datetime import date
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from remote_netsuite_connector.services.bill_builder import (
    FAILED,
    NOTHING_TO_BOOK,
    READY,
    build_bills,
    external_id,
)
from remote_netsuite_connector.services.currency import MINOR_UNIT_EXPONENTS, to_decimal
from remote_netsuite_connector.services.mapping import (
    DEPARTMENT_BREAKDOWN,
    NO_DEPARTMENT,
    PER_ENTITY,
    SINGLE_SUBSIDIARY,
    STANDARD_BREAKDOWN,
    Mappings,
)
from remote_netsuite_connector.services.netsuite.types import VENDOR_BILL, VENDOR_CREDIT
from remote_netsuite_connector.services.remote.types import (
    CREDIT_NOTE_TYPES,
    INVOICE_TYPES,
    BillingDocument,
    BreakdownLine,
    Employment,
)

ITEMS = ("Base Salary", "Benefits", "Employer Contributions", "Management Fee", "Expenses")
DEPARTMENTS = ("dep-a", "dep-b", None)
LEGAL_ENTITIES = ("le-1", "le-2", "le-3")
# two legal entities may share a subsidiary
SUBSIDIARY_OF = {"le-1": "sub-1", "le-2": "sub-2", "le-3": "sub-2"}
CURRENCIES = sorted(MINOR_UNIT_EXPONENTS)

employments_strategy = st.dictionaries(
    keys=st.sampled_from([f"emp-{n}" for n in range(8)]),
    values=st.tuples(st.sampled_from(DEPARTMENTS), st.sampled_from(LEGAL_ENTITIES)),
    min_size=1,
).map(
    lambda drawn: {
        employment_id: Employment(employment_id, employment_id.upper(), department, None, entity)
        for employment_id, (department, entity) in drawn.items()
    }
)


@st.composite
def cases(draw):
    employments = draw(employments_strategy)
    employment_ids = [*sorted(employments), None]  # None: a company-level charge
    lines = draw(
        st.lists(
            st.builds(
                lambda item, employment_id, amount: BreakdownLine(
                    item, f"{item} line", employment_id, amount
                ),
                st.sampled_from(ITEMS),
                st.sampled_from(employment_ids),
                st.integers(-(10**12), 10**12),
            ),
            min_size=1,
            max_size=25,
        )
    )
    lines_sum = sum(line.invoice_amount for line in lines)
    document_type = draw(st.sampled_from(sorted(INVOICE_TYPES | CREDIT_NOTE_TYPES)))
    # credit notes may state their total with the opposite sign of their breakdown
    flip_total = document_type in CREDIT_NOTE_TYPES and draw(st.booleans())
    document = BillingDocument(
        id=draw(st.uuids()).hex,
        number="INV-1",
        period="2026-02",
        document_type=document_type,
        currency=draw(st.sampled_from(CURRENCIES)),
        company_id="company-1",
        issued_date=date(2026, 2, 2),
        total=-lines_sum if flip_total else lines_sum,
        bill_from="Remote Europe Holding BV",
    )
    mappings = Mappings(
        entity_mode=draw(st.sampled_from([SINGLE_SUBSIDIARY, PER_ENTITY])),
        single_subsidiary_id="sub-only",
        entity_subsidiary=SUBSIDIARY_OF,
        default_legal_entity_id=draw(st.sampled_from(LEGAL_ENTITIES)),
        vendor_by_issuer={"Remote Europe Holding BV": "vendor-1"},
        breakdown=draw(st.sampled_from([STANDARD_BREAKDOWN, DEPARTMENT_BREAKDOWN])),
        item_account={item: f"acct-{item}" for item in ITEMS},
        department_item_account={
            (department or NO_DEPARTMENT, item): f"acct-{department}-{item}"
            for department in DEPARTMENTS
            for item in ITEMS
        },
        department_netsuite={"dep-a": "ns-dep-a"},
        currency_by_code={code: f"cur-{code}" for code in CURRENCIES},
    )
    return document, lines, employments, mappings


def _booked_total(outcome, document_kind):
    return sum(bill.total if bill.kind == document_kind else -bill.total for bill in outcome.bills)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases(), st.randoms(use_true_random=False))
def test_payloads_book_the_document_total_exactly(case, shuffler: random.Random):
    document, lines, employments, mappings = case

    outcome = build_bills(document, lines, employments, mappings)

    if document.total == 0 and outcome.status == NOTHING_TO_BOOK:
        assert outcome.bills == ()
        return
    assert outcome.status == READY, outcome.message
    document_kind = VENDOR_CREDIT if document.is_credit_note or document.total < 0 else VENDOR_BILL
    exponent = MINOR_UNIT_EXPONENTS[document.currency]
    assert _booked_total(outcome, document_kind) == to_decimal(
        abs(document.total), document.currency
    )
    for bill in outcome.bills:
        assert bill.total >= 0  # NetSuite refuses transactions with a negative total
        assert bill.currency_id == f"cur-{document.currency}"
        for bill_line in bill.lines:
            assert isinstance(bill_line.amount, Decimal)
            assert bill_line.amount != 0
            assert -bill_line.amount.as_tuple().exponent <= exponent
    external_ids = [bill.external_id for bill in outcome.bills]
    assert len(set(external_ids)) == len(external_ids)
    if len(outcome.bills) == 1:
        assert external_ids == [external_id(document.id)]

    shuffled = list(lines)
    shuffler.shuffle(shuffled)
    assert build_bills(document, shuffled, employments, mappings) == outcome


@settings(max_examples=100, deadline=None)
@given(cases(), st.integers(-(10**6), 10**6).filter(bool))
def test_a_breakdown_off_by_any_amount_fails_showing_both_figures(case, difference):
    document, lines, employments, mappings = case
    wrong_total = document.total + difference
    if document.is_credit_note and wrong_total == -document.total:
        return  # that is the other sign convention, which is accepted
    document = BillingDocument(**(vars(document) | {"total": wrong_total}))

    outcome = build_bills(document, lines, employments, mappings)

    assert outcome.status == FAILED
    assert "Breakdown lines sum to " in outcome.message
    assert f" {document.currency}" in outcome.message
    assert outcome.bills == ()
