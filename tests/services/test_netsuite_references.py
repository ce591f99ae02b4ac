"""NetSuite's messages name records by internal id: the addon names them by name too."""

from remote_netsuite_connector.services.netsuite.references import name_references

NAMES = {
    "department": {"21": "Customer Success"},
    "subsidiary": {"12": "Acme Germany"},
    "entity": {"1040": "Remote Europe Holding BV"},
    "currency": {"5": "Swiss Franc"},
}


def test_reference_and_subsidiary_are_named_with_their_ids():
    message = "Invalid department reference key 21 for subsidiary 12."

    assert name_references(message, NAMES) == (
        'Invalid department "Customer Success" [21] for subsidiary "Acme Germany" [12].'
    )


def test_vendor_and_currency_messages_are_named():
    assert name_references("Invalid currency reference key 5 for entity 1040.", NAMES) == (
        'Invalid currency "Swiss Franc" [5] for entity "Remote Europe Holding BV" [1040].'
    )


def test_unknown_ids_and_other_messages_stay_as_netsuite_wrote_them():
    assert name_references("Invalid class reference key 7.", NAMES) == (
        "Invalid class reference key 7."
    )
    assert name_references("Invalid department reference key 99 for subsidiary 12.", NAMES) == (
        'Invalid department reference key 99 for subsidiary "Acme Germany" [12].'
    )
    assert name_references("This record already exists", NAMES) == "This record already exists"
    assert name_references(None, NAMES) == ""
