{
    "name": "Remote ↔ NetSuite",
    "summary": "Book Remote (EOR) pre-funding and reconciliation invoices in NetSuite",
    "version": "18.0.1.0.0",
    "category": "Accounting/Accounting",
    "license": "LGPL-3",
    "author": "remote_netsuite_connector maintainers",
    "website": "https://github.com/remote-netsuite-connector",
    "depends": ["base", "mail"],
    "external_dependencies": {"python": ["zeep", "requests", "cryptography"]},
    "data": [
        "security/security.xml",
        "security/ir.model.access.csv",
        "views/connection_views.xml",
        "views/menus.xml",
    ],
    "application": True,
}
