{
    "name": "Remote ↔ NetSuite",
    "summary": "Book Remote (EOR) pre-funding and reconciliation invoices in NetSuite",
    "version": "18.0.1.2.0",
    "category": "Accounting/Accounting",
    "license": "LGPL-3",
    "development_status": "Beta",
    "author": "remote_netsuite_connector maintainers",
    "maintainers": ["remote-netsuite-connector"],
    "website": "https://github.com/remote-netsuite-connector",
    "depends": ["base", "base_setup", "mail"],
    # every third-party library the addon imports, but those Odoo's server itself imports to run
    # (tests/test_addon_packaging.py checks it); JWTs are signed with cryptography, not PyJWT
    "external_dependencies": {"python": ["cryptography", "requests", "urllib3", "zeep"]},
    "data": [
        "security/res_groups.xml",
        "security/ir.model.access.csv",
        "security/ir_rules.xml",
        "data/ir_cron.xml",
        "data/mail_templates.xml",
        # views in the order of the app's menus
        "views/connection_views.xml",
        "views/connection_sync_views.xml",
        "views/connection_extra_views.xml",
        "views/connection_dashboard_views.xml",
        "views/document_views.xml",
        "views/document_attachment_views.xml",
        "views/document_report_views.xml",
        "views/event_views.xml",
        "views/netsuite_record_views.xml",
        "views/res_config_settings_views.xml",
        "wizard/sync_wizard_views.xml",
        "wizard/bill_preview_views.xml",
        "views/menus.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "remote_netsuite_connector/static/src/**/*",
        ],
        "web.assets_tests": [
            "remote_netsuite_connector/static/tests/tours/*.js",
        ],
    },
    "application": True,
}
