"""SOAP 1.1 envelopes and faults as NetSuite's Axis server writes them."""

from lxml import etree

from .namespaces import AXIS, SOAPENV, nsmap

HOSTNAME = "netsuite-simulator.localhost"
SERVER_USER_EXCEPTION = "soapenv:Server.userException"


class SoapFault(Exception):
    """A whole request is rejected. ``fault_name`` is the lowerCamel platformFaults element."""

    def __init__(
        self,
        message,
        code=None,
        fault_name=None,
        faultcode=SERVER_USER_EXCEPTION,
        http_status=500,
    ):
        super().__init__(message)
        self.message = message
        self.code = code
        self.fault_name = fault_name
        self.faultcode = faultcode
        self.http_status = http_status


def invalid_login():
    return SoapFault("Invalid login attempt.", "INVALID_LOGIN_ATTEMPT", "invalidCredentialsFault")


def concurrency_blocked():
    return SoapFault(
        "SuiteTalk concurrent request limit exceeded. Request blocked.",
        "WS_REQUEST_BLOCKED",
        "exceededConcurrentRequestLimitFault",
    )


def unexpected_error(error_id):
    return SoapFault(
        f"An unexpected error occurred. Error ID: {error_id}",
        "UNEXPECTED_ERROR",
        "unexpectedErrorFault",
    )


def insufficient_permission(what):
    return SoapFault(
        f"Permission Violation: You need the '{what}' permission to access this page. "
        "Please contact your account administrator.",
        "INSUFFICIENT_PERMISSION",
        "insufficientPermissionFault",
    )


def exceeded_record_count(limit):
    return SoapFault(
        f"The maximum number of records for this operation is {limit}.",
        "MAX_RCRDS_EXCEEDED",
        "exceededRecordCountFault",
    )


def _sub(parent, tag, text=None, nsmap_=None):
    node = etree.SubElement(parent, tag, nsmap=nsmap_)
    if text is not None:
        node.text = text
    return node


def fault_envelope(version: str, fault: SoapFault) -> bytes:
    envelope = etree.Element(
        f"{{{SOAPENV}}}Envelope", nsmap={"soapenv": SOAPENV, "xsd": nsmap(version)["xsd"]}
    )
    body = _sub(envelope, f"{{{SOAPENV}}}Body")
    node = _sub(body, f"{{{SOAPENV}}}Fault")
    _sub(node, "faultcode", fault.faultcode)
    _sub(node, "faultstring", fault.message)
    detail = _sub(node, "detail")
    if fault.fault_name:
        faults_ns = nsmap(version)["platformFaults"]
        named = _sub(
            detail, f"{{{faults_ns}}}{fault.fault_name}", nsmap_={"platformFaults": faults_ns}
        )
        _sub(named, f"{{{faults_ns}}}code", fault.code)
        _sub(named, f"{{{faults_ns}}}message", fault.message)
    _sub(detail, f"{{{AXIS}}}hostname", HOSTNAME, nsmap_={"ns1": AXIS})
    return etree.tostring(envelope, xml_declaration=True, encoding="UTF-8")


def response_envelope(version: str, body_child, ns_id: str) -> bytes:
    """A normal response: ``documentInfo/nsId`` header and ``body_child`` in the Body."""
    envelope = etree.Element(f"{{{SOAPENV}}}Envelope", nsmap=nsmap(version))
    messages_ns = nsmap(version)["platformMsgs"]
    header = _sub(envelope, f"{{{SOAPENV}}}Header")
    info = _sub(header, f"{{{messages_ns}}}documentInfo")
    _sub(info, f"{{{messages_ns}}}nsId", ns_id)
    body = _sub(envelope, f"{{{SOAPENV}}}Body")
    body.append(body_child)
    return etree.tostring(envelope, xml_declaration=True, encoding="UTF-8")
