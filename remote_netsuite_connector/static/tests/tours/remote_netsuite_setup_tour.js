/** @odoo-module **/

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// An administrator opens the app (on the company's connection), tests the connection, refreshes the NetSuite lists, maps all
// Remote entities to one subsidiary and an invoice item to an account, and saves.
registry.category("web_tour.tours").add("remote_netsuite_setup_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the Remote ↔ NetSuite app",
            trigger: '.o_app[data-menu-xmlid="remote_netsuite_connector.menu_root"]',
            run: "click",
        },
        {
            content: "The app opens on the company's connection",
            trigger: ".o_form_view .o_breadcrumb:contains(Acme Remote)",
        },
        {
            content: "Test the connection",
            trigger: "button[name=action_test_connection]",
            run: "click",
        },
        {
            content: "Both sides answered",
            trigger: ".o_remote_netsuite_test_ok:contains(NetSuite: connected to account)",
        },
        {
            content: "Fetch the NetSuite lists",
            trigger: "button[name=action_refresh_netsuite]",
            run: "click",
        },
        {
            content: "The lists arrived",
            trigger: ".o_notification:contains(Refreshed from NetSuite)",
        },
        {
            content: "The form shows the refreshed connection",
            trigger: "div[name=netsuite_refresh_date] span:not(:empty)",
        },
        {
            content: "Connect is done; the next step names what is left",
            trigger: ".o_remote_netsuite_setup_step.o_done[data-step=connect]",
        },
        {
            content: "Open the entity mapping from its setup step",
            trigger: ".o_remote_netsuite_setup_step.o_current[data-step=entities]:contains(Choose the subsidiary for all Remote entities)",
            run: "click",
        },
        {
            content: "The step opened the Entities page",
            trigger: ".o_notebook .nav-link.active:contains(Entities)",
        },
        {
            content: "Choose the subsidiary for all Remote entities",
            trigger: "div[name=single_subsidiary_id] input",
            run: "edit Acme Germany",
        },
        {
            content: "Pick it from the NetSuite subsidiaries",
            trigger: ".o-autocomplete--dropdown-item:contains(Acme Germany)",
            run: "click",
        },
        {
            content: "Open the invoice items",
            trigger: ".o_notebook .nav-link:contains(Invoice items)",
            run: "click",
        },
        {
            content: "Edit the Base Salary row",
            trigger: "div[name=item_ids] .o_data_row:contains(Base Salary) td[name=account_id]",
            run: "click",
        },
        {
            content: "Search the account",
            trigger: "div[name=item_ids] .o_data_row.o_selected_row div[name=account_id] input",
            run: "edit 6000",
        },
        {
            content: "Pick 6000 Salaries and Wages",
            trigger: ".o-autocomplete--dropdown-item:contains(Salaries and Wages)",
            run: "click",
        },
        ...stepUtils.saveForm(),
    ],
});
