"""ISO 4217 minor units: exact conversions between integer minor units and ``Decimal``.

Remote sends money as integer minor units of the document currency ("in cents"); NetSuite takes
decimal amounts. The exponent says how many minor units make a major one: 10**2 for EUR, 10**0 for
JPY, 10**3 for KWD. Codes the table does not know are *unknown*, never guessed as 2 decimals.
"""

from decimal import Decimal

# Active ISO 4217 codes with their minor-unit exponent (ISO list one, 2025). Codes whose ISO entry
# has no minor unit (precious metals, bond units, XDR, XTS, XXX) are left out: no bill is in them.
_ZERO_DECIMALS = "BIF CLP DJF GNF ISK JPY KMF KRW PYG RWF UGX UYI VND VUV XAF XOF XPF"  # fmt: skip
_THREE_DECIMALS = "BHD IQD JOD KWD LYD OMR TND"
_FOUR_DECIMALS = "CLF UYW"
_TWO_DECIMALS = (
    "AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BGN BMD BND BOB BOV BRL BSD BTN BWP BYN BZD "
    "CAD CDF CHE CHF CHW CNY COP COU CRC CUP CVE CZK DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL "
    "GHS GIP GMD GTQ GYD HKD HNL HTG HUF IDR ILS INR IRR JMD KES KGS KHR KPW KYD KZT LAK LBP LKR "
    "LRD LSL MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD "
    "PAB PEN PGK PHP PKR PLN QAR RON RSD RUB SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC "
    "SYP SZL THB TJS TMT TOP TRY TTD TWD TZS UAH USD USN UYU UZS VED VES WST XCD XCG YER ZAR ZMW "
    "ZWG"
)
# Withdrawn recently but still found on historic billing documents (replaced by EUR, SLE, XCG,
# CUP and ZWG respectively).
_RECENTLY_WITHDRAWN = "HRK SLL ANG CUC ZWL"

MINOR_UNIT_EXPONENTS: dict[str, int] = {
    code: exponent
    for codes, exponent in (
        (_ZERO_DECIMALS, 0),
        (_TWO_DECIMALS, 2),
        (_RECENTLY_WITHDRAWN, 2),
        (_THREE_DECIMALS, 3),
        (_FOUR_DECIMALS, 4),
    )
    for code in codes.split()
}


class UnknownCurrencyError(ValueError):
    """The code is not an ISO 4217 currency this module knows."""

    def __init__(self, code: object):
        super().__init__(f"unknown currency code {code!r}")
        self.code = code


def normalize_code(code: object) -> str:
    """Upper-case, stripped code; '' for anything that is not a string."""
    return code.strip().upper() if isinstance(code, str) else ""


def minor_unit_exponent(code: object) -> int | None:
    """Number of decimals of the currency, or None when the code is unknown."""
    return MINOR_UNIT_EXPONENTS.get(normalize_code(code))


def is_known(code: object) -> bool:
    return minor_unit_exponent(code) is not None


def _exponent_or_raise(code: object) -> int:
    exponent = minor_unit_exponent(code)
    if exponent is None:
        raise UnknownCurrencyError(code)
    return exponent


def to_decimal(minor: int, code: str) -> Decimal:
    """Exact amount with the currency's decimals: ``to_decimal(123450, "EUR")`` is ``1234.50``."""
    if isinstance(minor, bool) or not isinstance(minor, int):
        raise TypeError(f"minor units must be an int, not {type(minor).__name__}")
    # Built from text rather than scaled: no arithmetic context, so no rounding whatever the size.
    return Decimal(f"{minor}E-{_exponent_or_raise(code)}")


def from_decimal(amount: Decimal, code: str) -> int:
    """Integer minor units of an exact amount; ValueError if it has more decimals than allowed."""
    if not isinstance(amount, Decimal | int) or isinstance(amount, bool):
        raise TypeError(f"amount must be a Decimal or int, not {type(amount).__name__}")
    amount = Decimal(amount)
    if not amount.is_finite():
        raise ValueError(f"amount {amount} is not finite")
    sign, digits, exponent = amount.as_tuple()
    shift = exponent + _exponent_or_raise(code)
    magnitude = int("".join(map(str, digits)))
    if shift >= 0:
        minor = magnitude * 10**shift
    else:
        minor, rest = divmod(magnitude, 10**-shift)
        if rest:
            raise ValueError(f"{amount} has more decimals than {normalize_code(code)} allows")
    return -minor if sign else minor


def format_amount(minor: int, code: str) -> str:
    """Human figure for messages: ``"-1,234.50 EUR"``; raw minor units when the code is unknown."""
    if minor_unit_exponent(code) is None:
        return f"{minor} minor units of {code or 'an unnamed currency'}"
    return f"{to_decimal(minor, code):,} {normalize_code(code)}"
