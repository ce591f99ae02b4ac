/** @odoo-module **/

import { registry } from "@web/core/registry";

function assertOnSavedRecord() {
    if (/\/new\/?$/.test(window.location.pathname)) {
        throw new Error(`The form left the saved connection for ${window.location.pathname}`);
    }
}

// A first-time administrator creates the company's connection, saves it and presses the header
// buttons at once: each answer is shown on the saved record, never on a blank new form.
registry.category("web_tour.tours").add("remote_netsuite_new_connection_tour", {
    url: "/odoo/action-remote_netsuite_connector.connection_action/new",
    steps: () => [
        {
            content: "Name the connection",
            trigger: ".o_form_view div[name=name] input",
            run: "edit First Remote ↔ NetSuite",
        },
        {
            content: "Save it",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "Test the connection right after creating it",
            trigger: "button[name=action_test_connection]",
            run: "click",
        },
        {
            content: "The test result is shown on the saved connection",
            trigger: ".o_remote_netsuite_test_failed:contains(Fill in the NetSuite settings)",
            run: assertOnSavedRecord,
        },
        {
            content: "Refresh from Remote",
            trigger: "button[name=action_refresh_remote]",
            run: "click",
        },
        {
            content: "Its answer arrives",
            trigger: ".o_notification:contains(Refresh from Remote failed)",
        },
        {
            content: "Still on the saved connection, with its name",
            trigger: ".o_form_view div[name=name] input:value(First Remote ↔ NetSuite)",
            run: assertOnSavedRecord,
        },
        {
            content: "Enter the NetSuite account id",
            trigger: ".o_form_view div[name=netsuite_account_id] input",
            run: "edit 1234567_SB1",
        },
        {
            content: "Save the new credentials",
            trigger: ".o_form_button_save",
            run: "click",
        },
        {
            content: "The old red test result no longer stands for them",
            trigger: ".o_form_renderer.o_form_saved:not(:has(.o_remote_netsuite_test_failed))",
            run: assertOnSavedRecord,
        },
    ],
});
