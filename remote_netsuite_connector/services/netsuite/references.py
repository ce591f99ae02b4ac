"""NetSuite's messages name records by internal id; users know them by name."""

import re

# "Invalid department reference key 21 for subsidiary 12." (INVALID_KEY_OR_REF); the kinds are
# the record types NetSuite names in such messages ("entity" is the vendor)
_KINDS = "entity|subsidiary|currency|account|department|class|location"
_REFERENCE = re.compile(rf"\b(?P<kind>{_KINDS}) reference key (?P<key>[\w-]+)")
_FOR = re.compile(rf"\bfor (?P<kind>{_KINDS}) (?P<key>[\w-]+)")


def name_references(message: str, names: dict[str, dict[str, str]]) -> str:
    """``message`` with each record it names by internal id also named by its name:
    'Invalid department "Customer Success" [21] for subsidiary "Acme Germany" [12].'
    ``names``: kind ("department", "entity", ...) -> internal id -> name. Unknown ids stay as
    NetSuite wrote them."""

    def named(match, prefix):
        name = names.get(match["kind"], {}).get(match["key"])
        if not name:
            return match.group()
        return f'{prefix}{match["kind"]} "{name}" [{match["key"]}]'

    message = _REFERENCE.sub(lambda match: named(match, ""), message or "")
    return _FOR.sub(lambda match: named(match, "for "), message)
