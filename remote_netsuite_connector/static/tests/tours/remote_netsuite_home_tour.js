/** @odoo-module **/

import { registry } from "@web/core/registry";
import {
    openDashboardSteps,
    runConnectionSyncs,
} from "@remote_netsuite_connector/../tests/tours/remote_netsuite_tour_utils";

// After a first manual sync: Settings → Integrations → the connection, automatic sync switched on
// and run now, then the dashboard, Synced Invoices and Events History.
registry.category("web_tour.tours").add("remote_netsuite_home_tour", {
    url: "/odoo/settings",
    steps: () => [
        {
            content: "Settings → Integrations lists Remote ↔ NetSuite, linking to the connection",
            trigger: "#remote_netsuite_connector button[name=action_open_remote_netsuite_connection]:contains(Open the connection)",
            run: "click",
        },
        {
            content: "The company's connection opens",
            trigger: ".o_form_view .o_breadcrumb:contains(Acme Remote)",
        },
        {
            content: "Open the Sync page",
            trigger: ".o_notebook .nav-link:contains(Sync)",
            run: "click",
        },
        {
            content: "Why automatic sync is off",
            trigger: ".o_remote_netsuite_auto_sync_off:contains(never been switched on)",
        },
        {
            content: "Switch automatic sync on",
            trigger: "div[name=auto_sync] input",
            run: "click",
        },
        {
            content: "The next run is shown",
            trigger: "div[name=auto_sync_next_date]:visible",
        },
        {
            content: "Run it now",
            trigger: "button[name=action_run_auto_sync_now]",
            run: "click",
        },
        {
            content: "It answers at once: the sync runs in the background",
            trigger: ".o_notification:contains(runs in the background)",
            run: runConnectionSyncs,
        },
        ...openDashboardSteps(),
        {
            content: "The card shows the last run",
            trigger: ".o_remote_netsuite_dashboard .o_kanban_record:contains(Acme Remote) .o_remote_netsuite_last_run:contains(Automatic sync:)",
        },
        {
            content: "and what was booked this month",
            trigger: ".o_remote_netsuite_dashboard .o_remote_netsuite_booked:contains(Pre-funding:)",
        },
        {
            content: "Open its Synced Invoices",
            trigger: ".o_remote_netsuite_dashboard button[name=action_open_documents]",
            run: "click",
        },
        {
            content: "Amounts in their currency, no PDF column while PDFs are off",
            trigger: ".o_list_view:not(:has(th[data-name=attachment_state])) td[name=amount_display]:contains(EUR)",
        },
        {
            content: "Open Events History",
            trigger: ".o_menu_sections [data-menu-xmlid='remote_netsuite_connector.menu_events']",
            run: "click",
        },
        {
            content: "Automatic sync switched on is recorded",
            trigger: ".o_list_view .o_data_row td[name=summary]:contains(Automatic sync: no → yes)",
        },
    ],
});
