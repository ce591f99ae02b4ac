"""Reference tables for the generated company: currencies, countries, legal entities, names.

Rates are rough "units per USD" figures used only to give amounts a plausible size in each
currency; they are not market data.
"""

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Currency:
    code: str
    exponent: int  # digits of the minor unit: JPY 0, EUR 2, KWD 3
    per_usd: Decimal


@dataclass(frozen=True)
class Country:
    alpha2: str
    alpha3: str
    name: str
    currency: str
    contribution_rate: Decimal  # employer social contributions, share of gross salary


def _currencies(rows):
    return {code: Currency(code, exponent, Decimal(rate)) for code, exponent, rate in rows}


CURRENCIES = _currencies(
    [
        ("USD", 2, "1"),
        ("EUR", 2, "0.92"),
        ("GBP", 2, "0.79"),
        ("JPY", 0, "150"),
        ("CAD", 2, "1.36"),
        ("KWD", 3, "0.308"),
        ("CHF", 2, "0.88"),
        ("SEK", 2, "10.5"),
        ("NOK", 2, "10.7"),
        ("DKK", 2, "6.9"),
        ("PLN", 2, "4.0"),
        ("CZK", 2, "23"),
        ("HUF", 2, "360"),
        ("RON", 2, "4.6"),
        ("AUD", 2, "1.52"),
        ("NZD", 2, "1.65"),
        ("SGD", 2, "1.34"),
        ("HKD", 2, "7.8"),
        ("INR", 2, "83"),
        ("BRL", 2, "5.0"),
        ("MXN", 2, "17"),
        ("ZAR", 2, "18.5"),
        ("AED", 2, "3.67"),
        ("SAR", 2, "3.75"),
        ("ILS", 2, "3.7"),
        ("TRY", 2, "32"),
        ("KRW", 0, "1350"),
        ("PHP", 2, "56"),
        ("THB", 2, "36"),
        ("MYR", 2, "4.7"),
        ("IDR", 2, "15800"),
        ("CLP", 0, "940"),
        ("COP", 2, "3900"),
        ("PEN", 2, "3.7"),
        ("EGP", 2, "48"),
        ("NGN", 2, "1500"),
        ("KES", 2, "130"),
        ("TWD", 2, "32"),
        ("BHD", 3, "0.376"),
    ]
)


def _countries(rows):
    return {
        alpha2: Country(alpha2, alpha3, name, currency, Decimal(rate))
        for alpha2, alpha3, name, currency, rate in rows
    }


COUNTRIES = _countries(
    [
        ("US", "USA", "United States", "USD", "0.0765"),
        ("DE", "DEU", "Germany", "EUR", "0.21"),
        ("NL", "NLD", "Netherlands", "EUR", "0.19"),
        ("GB", "GBR", "United Kingdom", "GBP", "0.138"),
        ("JP", "JPN", "Japan", "JPY", "0.15"),
        ("CA", "CAN", "Canada", "CAD", "0.09"),
        ("FR", "FRA", "France", "EUR", "0.42"),
        ("KW", "KWT", "Kuwait", "KWD", "0.115"),
        ("CH", "CHE", "Switzerland", "CHF", "0.12"),
        ("SE", "SWE", "Sweden", "SEK", "0.3142"),
        ("NO", "NOR", "Norway", "NOK", "0.141"),
        ("DK", "DNK", "Denmark", "DKK", "0.02"),
        ("PL", "POL", "Poland", "PLN", "0.2048"),
        ("CZ", "CZE", "Czechia", "CZK", "0.338"),
        ("HU", "HUN", "Hungary", "HUF", "0.13"),
        ("RO", "ROU", "Romania", "RON", "0.0225"),
        ("AU", "AUS", "Australia", "AUD", "0.115"),
        ("NZ", "NZL", "New Zealand", "NZD", "0.03"),
        ("SG", "SGP", "Singapore", "SGD", "0.17"),
        ("HK", "HKG", "Hong Kong", "HKD", "0.05"),
        ("IN", "IND", "India", "INR", "0.12"),
        ("BR", "BRA", "Brazil", "BRL", "0.358"),
        ("MX", "MEX", "Mexico", "MXN", "0.3"),
        ("ZA", "ZAF", "South Africa", "ZAR", "0.02"),
        ("AE", "ARE", "United Arab Emirates", "AED", "0.05"),
        ("SA", "SAU", "Saudi Arabia", "SAR", "0.1175"),
        ("IL", "ISR", "Israel", "ILS", "0.0755"),
        ("TR", "TUR", "Turkey", "TRY", "0.2275"),
        ("KR", "KOR", "South Korea", "KRW", "0.105"),
        ("PH", "PHL", "Philippines", "PHP", "0.095"),
        ("TH", "THA", "Thailand", "THB", "0.05"),
        ("MY", "MYS", "Malaysia", "MYR", "0.13"),
        ("ID", "IDN", "Indonesia", "IDR", "0.1024"),
        ("CL", "CHL", "Chile", "CLP", "0.04"),
        ("CO", "COL", "Colombia", "COP", "0.3"),
        ("PE", "PER", "Peru", "PEN", "0.09"),
        ("EG", "EGY", "Egypt", "EGP", "0.1875"),
        ("NG", "NGA", "Nigeria", "NGN", "0.1"),
        ("KE", "KEN", "Kenya", "KES", "0.075"),
        ("TW", "TWN", "Taiwan", "TWD", "0.12"),
        ("BH", "BHR", "Bahrain", "BHD", "0.12"),
        ("ES", "ESP", "Spain", "EUR", "0.30"),
        ("PT", "PRT", "Portugal", "EUR", "0.2375"),
        ("IE", "IRL", "Ireland", "EUR", "0.11"),
    ]
)

# Customer legal entities in the order the scales take them. The first six are the demo
# company; DE, NL and FR share EUR and so end up on one billing document per month.
LEGAL_ENTITY_CATALOG = [
    ("US", "Acme Inc."),
    ("DE", "Acme GmbH"),
    ("NL", "Acme B.V."),
    ("GB", "Acme Ltd"),
    ("JP", "Acme K.K."),
    ("CA", "Acme Canada Inc."),
    ("FR", "Acme SAS"),
    ("KW", "Acme Kuwait W.L.L."),
    ("CH", "Acme AG"),
    ("SE", "Acme AB"),
    ("NO", "Acme Norge AS"),
    ("DK", "Acme ApS"),
    ("PL", "Acme Polska Sp. z o.o."),
    ("CZ", "Acme s.r.o."),
    ("HU", "Acme Kft."),
    ("RO", "Acme Romania S.R.L."),
    ("AU", "Acme Australia Pty Ltd"),
    ("NZ", "Acme New Zealand Ltd"),
    ("SG", "Acme Singapore Pte. Ltd."),
    ("HK", "Acme Hong Kong Limited"),
    ("IN", "Acme India Pvt. Ltd."),
    ("BR", "Acme Brasil Ltda."),
    ("MX", "Acme Mexico S. de R.L."),
    ("ZA", "Acme South Africa (Pty) Ltd"),
    ("AE", "Acme Middle East FZ-LLC"),
    ("SA", "Acme Arabia LLC"),
    ("IL", "Acme Israel Ltd"),
    ("TR", "Acme Turkey A.S."),
    ("KR", "Acme Korea Co., Ltd."),
    ("PH", "Acme Philippines Inc."),
    ("TH", "Acme Thailand Co., Ltd."),
    ("MY", "Acme Malaysia Sdn. Bhd."),
    ("ID", "PT Acme Indonesia"),
    ("CL", "Acme Chile SpA"),
    ("CO", "Acme Colombia S.A.S."),
    ("PE", "Acme Peru S.A.C."),
    ("EG", "Acme Egypt LLC"),
    ("NG", "Acme Nigeria Ltd"),
    ("KE", "Acme Kenya Ltd"),
    ("TW", "Acme Taiwan Ltd"),
    ("BH", "Acme Bahrain W.L.L."),
]

# Countries where employees work through Remote although the billed entity sits elsewhere.
EOR_WORK_COUNTRIES = ["PL", "ES", "PT", "IE", "IN", "BR", "PH", "MX", "ZA", "CZ"]

DEPARTMENT_NAMES = [
    "Engineering",
    "Sales",
    "Marketing",
    "General & Administrative",
    "Customer Success",
]

JOB_TITLES = {
    "Engineering": ["Software Engineer", "Staff Engineer", "QA Engineer", "Data Engineer"],
    "Sales": ["Account Executive", "Sales Development Rep", "Sales Engineer"],
    "Marketing": ["Product Marketer", "Content Lead", "Growth Marketer"],
    "General & Administrative": ["Accountant", "People Partner", "Office Manager"],
    "Customer Success": ["Customer Success Manager", "Support Specialist"],
    None: ["Consultant", "Operations Associate"],
}

FIRST_NAMES = [
    "Ada", "Ben", "Chloé", "Daan", "Emma", "Felix", "Grace", "Hiro", "Inês", "Jonas", "Kenji",
    "Lena", "Mateo", "Nora", "Olga", "Priya", "Quinn", "Rafael", "Sofia", "Tomasz", "Uma",
    "Vikram", "Wen", "Ximena", "Yusuf", "Zoë",
]  # fmt: skip

LAST_NAMES = [
    "Andersen", "Bakker", "Costa", "Dubois", "Eriksson", "Fischer", "García", "Hoffmann", "Ito",
    "Jansen", "Kowalski", "Lopez", "Müller", "Nakamura", "O'Brien", "Petrov", "Rossi", "Silva",
    "Tanaka", "Umarov", "Visser", "Wong", "Yilmaz", "Zhang",
]  # fmt: skip

# The Remote entity that issues (bills from) documents in each currency.
BILL_FROM_BY_CURRENCY = {
    "USD": "Remote Technology Services, Inc.",
    "CAD": "Canada Remote Technology Inc.",
}
DEFAULT_BILL_FROM = "Remote Europe Holding BV"


def bill_from_for(currency: str) -> str:
    return BILL_FROM_BY_CURRENCY.get(currency, DEFAULT_BILL_FROM)
