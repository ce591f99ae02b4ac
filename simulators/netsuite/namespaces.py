"""XML namespaces of one SuiteTalk version, keyed by the prefixes Oracle uses in its messages."""

from functools import cache

SOAPENV = "http://schemas.xmlsoap.org/soap/envelope/"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
XSD = "http://www.w3.org/2001/XMLSchema"
AXIS = "http://xml.apache.org/axis/"

_AREAS = {
    "platformCore": "core_{v}.platform",
    "platformCommon": "common_{v}.platform",
    "platformMsgs": "messages_{v}.platform",
    "platformFaults": "faults_{v}.platform",
    "listAcct": "accounting_{v}.lists",
    "listRel": "relationships_{v}.lists",
    "tranPurch": "purchases_{v}.transactions",
    "docFileCab": "filecabinet_{v}.documents",
}


@cache
def nsmap(version: str) -> dict[str, str]:
    """Prefix -> namespace URI for ``version`` (e.g. ``"2023_2"``), plus soapenv/xsi/xsd."""
    names = {
        prefix: f"urn:{area.format(v=version)}.webservices.netsuite.com"
        for prefix, area in _AREAS.items()
    }
    return {"soapenv": SOAPENV, "xsi": XSI, "xsd": XSD, **names}


def qname(version: str, prefix: str, local: str) -> str:
    """Clark notation ``{uri}local`` for a prefixed name."""
    return f"{{{nsmap(version)[prefix]}}}{local}"
