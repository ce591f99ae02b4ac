"""Shared by the NetSuite simulator tests (no tests here): fixtures and a raw SOAP caller."""

import secrets
import string
import time

import requests
from lxml import etree

from simulators.netsuite.auth import sign
from simulators.netsuite.namespaces import nsmap

VERSION = "2023_2"
CREDENTIALS = {
    "account": "1234567_SB1",
    "consumer_key": "sim-consumer-key",
    "consumer_secret": "sim-consumer-secret",
    "token_id": "sim-token-id",
    "token_secret": "sim-token-secret",
}
NS = nsmap(VERSION)


def nonce():
    return "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(20))


def passport_xml(credentials=CREDENTIALS, *, account=None, nonce_value=None, timestamp=None,
                 signature=None, algorithm="HMAC-SHA256", child_prefix="platformCore"):  # fmt: skip
    """A tokenPassport header; keyword overrides spoil one part of it."""
    nonce_value = nonce_value or nonce()
    timestamp = int(time.time()) if timestamp is None else timestamp
    signed_account = credentials["account"]
    signature = signature or sign(
        signed_account, credentials["consumer_key"], credentials["consumer_secret"],
        credentials["token_id"], credentials["token_secret"], nonce_value, timestamp,
    )  # fmt: skip
    p = child_prefix
    return (
        f"<platformMsgs:tokenPassport>"
        f"<{p}:account>{account or signed_account}</{p}:account>"
        f"<{p}:consumerKey>{credentials['consumer_key']}</{p}:consumerKey>"
        f"<{p}:token>{credentials['token_id']}</{p}:token>"
        f"<{p}:nonce>{nonce_value}</{p}:nonce>"
        f"<{p}:timestamp>{timestamp}</{p}:timestamp>"
        f'<{p}:signature algorithm="{algorithm}">{signature}</{p}:signature>'
        f"</platformMsgs:tokenPassport>"
    )


def envelope(body, headers=""):
    declarations = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in NS.items())
    return (
        f'<?xml version="1.0" encoding="utf-8"?><soapenv:Envelope {declarations}>'
        f"<soapenv:Header>{headers}</soapenv:Header><soapenv:Body>{body}</soapenv:Body>"
        f"</soapenv:Envelope>"
    ).encode()


class Reply:
    def __init__(self, response):
        self.status = response.status_code
        self.text = response.text
        self.root = (
            etree.fromstring(response.content) if response.content.startswith(b"<?xml") else None
        )

    def find(self, path):
        return self.root.find(path, NS) if self.root is not None else None

    def findall(self, path):
        return self.root.findall(path, NS)

    def findtext(self, path):
        return self.root.findtext(path, namespaces=NS)

    @property
    def faultstring(self):
        return self.findtext(".//faultstring")

    @property
    def fault_code(self):
        """``(fault element local name, platformFaults:code)`` of a SOAP fault."""
        detail = self.find(".//detail/*")
        return etree.QName(detail).localname, detail.findtext("platformFaults:code", namespaces=NS)


class SoapCaller:
    def __init__(self, server, credentials=CREDENTIALS):
        self.url = server.endpoint_url
        self.credentials = credentials

    def post(self, operation, body, headers=None, soap_action=None, timeout=10):
        headers = passport_xml(self.credentials) if headers is None else headers
        response = requests.post(
            self.url,
            data=envelope(body, headers),
            headers={"Content-Type": "text/xml; charset=utf-8",
                     "SOAPAction": f'"{soap_action or operation}"'},
            timeout=timeout,
        )  # fmt: skip
        return Reply(response)

    def call(self, operation, inner, headers=None, extra_headers=""):
        headers = passport_xml(self.credentials) if headers is None else headers
        body = f"<platformMsgs:{operation}>{inner}</platformMsgs:{operation}>"
        return self.post(operation, body, headers + extra_headers)


def ref_xml(prefix, name, internal_id):
    return f'<{prefix}:{name} internalId="{internal_id}"/>' if internal_id is not None else ""


def bill_xml(data, external_id, *, kind="VendorBill", vendor="Remote Europe Holding BV",
             subsidiary="Acme Germany", currency="EUR", tran_date="2025-01-15",
             lines=(("6000", "100.00"),), tran_id=None, memo="Remote invoice",
             internal_id=None, posting_period=None, extra="", tag="record"):  # fmt: skip
    """A ``<platformMsgs:record xsi:type="tranPurch:VendorBill">`` in schema field order."""
    attrs = f' externalId="{external_id}"' if external_id is not None else ""
    attrs += f' internalId="{internal_id}"' if internal_id is not None else ""
    vendor_id = data.vendor(vendor).internal_id if vendor else None
    subsidiary_id = data.subsidiary(subsidiary).internal_id if subsidiary else None
    currency_id = data.currency(currency).internal_id if currency else None
    expenses = "".join(
        "<tranPurch:expense>"
        + ref_xml("tranPurch", "account", data.account(account).internal_id if account else None)
        + (f"<tranPurch:amount>{amount}</tranPurch:amount>" if amount is not None else "")
        + "".join(line_extra)  # memo, department, class, location (in that order)
        + "</tranPurch:expense>"
        for account, amount, *line_extra in lines
    )
    header = {
        "entity": ref_xml("tranPurch", "entity", vendor_id),
        "subsidiary": ref_xml("tranPurch", "subsidiary", subsidiary_id),
        "tranDate": f"<tranPurch:tranDate>{tran_date}T00:00:00+00:00</tranPurch:tranDate>",
        "tranId": f"<tranPurch:tranId>{tran_id or external_id}</tranPurch:tranId>",
        "memo": f"<tranPurch:memo>{memo}</tranPurch:memo>",
        "currency": ref_xml("tranPurch", "currency", currency_id),
        "postingPeriod": ref_xml("tranPurch", "postingPeriod", posting_period),
    }
    order = (
        ("entity", "subsidiary", "postingPeriod", "tranDate", "tranId", "memo", "currency")
        if kind == "VendorBill"
        else ("tranId", "entity", "currency", "tranDate", "postingPeriod", "memo", "subsidiary")
    )
    fields = "".join(header[name] for name in order)
    return (
        f'<platformMsgs:{tag} xsi:type="tranPurch:{kind}"{attrs}>{fields}{extra}'
        f"<tranPurch:expenseList>{expenses}</tranPurch:expenseList></platformMsgs:{tag}>"
    )


def write_statuses(reply):
    """``[(isSuccess, code or internalId)]`` of every writeResponse, in order."""
    results = []
    for node in reply.findall(".//platformMsgs:writeResponse"):
        ok = node.find("platformCore:status", NS).get("isSuccess") == "true"
        if ok:
            results.append((True, node.find("platformMsgs:baseRef", NS).get("internalId")))
        else:
            results.append((False, node.findtext(".//platformCore:code", namespaces=NS)))
    return results


def el(name, inner="", **attrs):
    """``el("platformCore:searchValue", "x", internalId="5")``: one XML element as text."""
    attributes = "".join(f' {k.replace("__", ":")}="{v}"' for k, v in attrs.items())
    return f"<{name}{attributes}>{inner}</{name}>"


def criterion(field, *values, operator=None, attribute=None):
    """A search criterion: enum/string values as text, or RecordRefs when ``attribute`` is set."""
    attrs = {"operator": operator} if operator else {}
    if attribute:
        inner = "".join(el("platformCore:searchValue", **{attribute: v}) for v in values)
    else:
        inner = "".join(el("platformCore:searchValue", v) for v in values)
    return el(f"platformCommon:{field}", inner, **attrs)


def search_inner(search_type, criteria=""):
    return el("platformMsgs:searchRecord", criteria, xsi__type=f"platformCommon:{search_type}")


def search_preferences(page_size=None, body_fields_only=None):
    inner = ""
    if body_fields_only is not None:
        inner += el("platformMsgs:bodyFieldsOnly", str(body_fields_only).lower())
    if page_size is not None:
        inner += el("platformMsgs:pageSize", page_size)
    return el("platformMsgs:searchPreferences", inner)


def search(caller, search_type, criteria="", page_size=None, body_fields_only=None):
    preferences = search_preferences(page_size, body_fields_only)
    return caller.call("search", search_inner(search_type, criteria), extra_headers=preferences)


def search_more(caller, search_id, page_index):
    inner = el("platformMsgs:searchId", search_id) + el("platformMsgs:pageIndex", page_index)
    return caller.call("searchMoreWithId", inner)


def record_ids(reply):
    """internalIds of the records in a search page, in order."""
    return [
        r.get("internalId") for r in reply.findall(".//platformCore:recordList/platformCore:record")
    ]
