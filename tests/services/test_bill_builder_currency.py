"""ISO 4217 minor units: amounts reach NetSuite with exactly the currency's decimals."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from remote_netsuite_connector.services.currency import (
    MINOR_UNIT_EXPONENTS,
    UnknownCurrencyError,
    format_amount,
    from_decimal,
    minor_unit_exponent,
    to_decimal,
)


@pytest.mark.parametrize(
    ("codes", "exponent"),
    [
        ("JPY KRW CLP ISK VND XOF XAF XPF UGX PYG BIF DJF GNF KMF RWF VUV", 0),
        ("BHD IQD JOD KWD LYD OMR TND", 3),
        ("EUR USD GBP CHF PLN BRL INR CAD AUD SEK HUF IDR XCG ZWG SLE VED", 2),
        ("CLF UYW", 4),
    ],
)
def test_exponents(codes, exponent):
    assert {code: minor_unit_exponent(code) for code in codes.split()} == dict.fromkeys(
        codes.split(), exponent
    )


@pytest.mark.parametrize("code", ["XYZ", "", None, "EURO", "XAU", "XXX", 978])
def test_unknown_codes_have_no_exponent(code):
    assert minor_unit_exponent(code) is None
    with pytest.raises(UnknownCurrencyError):
        to_decimal(100, code)


def test_table_holds_every_active_code_and_only_three_letter_codes():
    assert len(MINOR_UNIT_EXPONENTS) >= 160
    assert all(len(code) == 3 and code.isupper() for code in MINOR_UNIT_EXPONENTS)


def test_codes_are_matched_case_insensitively():
    assert minor_unit_exponent(" kwd ") == 3
    assert to_decimal(1500, "eur") == Decimal("15.00")


@pytest.mark.parametrize(
    ("minor", "code", "expected"),
    [
        (123_450, "EUR", "1234.50"),
        (-5, "EUR", "-0.05"),
        (0, "EUR", "0.00"),
        (1234, "JPY", "1234"),
        (1_234_567, "KWD", "1234.567"),
        (10**40 + 1, "USD", "100000000000000000000000000000000000000.01"),
    ],
)
def test_to_decimal_is_exact_with_the_currency_decimals(minor, code, expected):
    amount = to_decimal(minor, code)

    assert str(amount) == expected
    assert amount.as_tuple().exponent == -MINOR_UNIT_EXPONENTS[code]


def test_to_decimal_refuses_floats():
    with pytest.raises(TypeError):
        to_decimal(12.5, "EUR")


def test_from_decimal_refuses_more_decimals_than_the_currency_has():
    assert from_decimal(Decimal("12.5000"), "EUR") == 1250
    assert from_decimal(Decimal("1.2E+3"), "JPY") == 1200
    with pytest.raises(ValueError, match="more decimals"):
        from_decimal(Decimal("0.001"), "EUR")
    with pytest.raises(ValueError, match="more decimals"):
        from_decimal(Decimal("1.5"), "JPY")


@given(st.integers(-(10**30), 10**30), st.sampled_from(sorted(MINOR_UNIT_EXPONENTS)))
def test_round_trip(minor, code):
    assert from_decimal(to_decimal(minor, code), code) == minor


def test_format_amount_for_messages():
    assert format_amount(123_456, "EUR") == "1,234.56 EUR"
    assert format_amount(-123_456_789, "JPY") == "-123,456,789 JPY"
    assert format_amount(1, "KWD") == "0.001 KWD"
    assert format_amount(42, "XYZ") == "42 minor units of XYZ"
