"""Where a NetSuite account's SuiteTalk WSDL and endpoint live."""

import re

from .types import NetSuiteSettings

_ACCOUNT_ID = re.compile(r"^[0-9A-Za-z]+(_[0-9A-Za-z]+)?$")
_WSDL_VERSION = re.compile(r"^\d{4}_\d$")


def check_account_id(account_id: str) -> str:
    """Return ``account_id`` if it can be a NetSuite account id (``1234567`` or ``1234567_SB1``)."""
    if not _ACCOUNT_ID.match(account_id or ""):
        raise ValueError(
            f"{account_id!r} is not a NetSuite account id: use the id exactly as shown in "
            "Setup > Company > Company Information, e.g. 1234567 or 1234567_SB1"
        )
    return account_id


def check_wsdl_version(version: str) -> str:
    if not _WSDL_VERSION.match(version or ""):
        raise ValueError(f"{version!r} is not a SuiteTalk WSDL version such as 2025_2")
    return version


def account_host(account_id: str) -> str:
    """The account-specific SuiteTalk host, as NetSuite names it.

    The passport keeps the account id as displayed (``1234567_SB1``, upper-case ``SB``) while
    the host uses the lower-case hyphen form (``1234567-sb1``): an underscore fails DNS.
    """
    host_label = check_account_id(account_id).lower().replace("_", "-")
    return f"{host_label}.suitetalk.api.netsuite.com"


def wsdl_url(settings: NetSuiteSettings) -> str:
    if settings.wsdl_url:
        return settings.wsdl_url
    version = check_wsdl_version(settings.wsdl_version)
    return f"https://{account_host(settings.account_id)}/wsdl/v{version}_0/netsuite.wsdl"


def endpoint_url(settings: NetSuiteSettings) -> str:
    if settings.endpoint_url:
        return settings.endpoint_url
    version = check_wsdl_version(settings.wsdl_version)
    return f"https://{account_host(settings.account_id)}/services/NetSuitePort_{version}"
