/** @odoo-module **/

import { registry } from "@web/core/registry";
import {
    openDashboardSteps,
    runConnectionSyncs,
} from "@remote_netsuite_connector/../tests/tours/remote_netsuite_tour_utils";

// Remote revoked the API token: the automatic sync, run now in the background, fails, with the
// credentials banner on the connection and the run in red on the dashboard, whose card leads to
// what failed although nothing is to fix.
registry.category("web_tour.tours").add("remote_netsuite_failing_sync_tour", {
    steps: () => [
        {
            content: "Open the Sync page",
            trigger: ".o_form_view .o_notebook .nav-link:contains(Sync)",
            run: "click",
        },
        {
            content: "Run the automatic sync now",
            trigger: "button[name=action_run_auto_sync_now]",
            run: "click",
        },
        {
            content: "It answers at once; the scheduled action runs the sync, which fails",
            trigger: ".o_notification:contains(runs in the background)",
            run: async () => {
                await runConnectionSyncs();
                window.location.reload();
            },
        },
        {
            content: "Back on the connection, its failing Remote credentials are shown",
            trigger: ".o_form_view .o_remote_netsuite_login_error:contains(Remote rejected the API token)",
        },
        ...openDashboardSteps(),
        {
            content: "The card shows the failed run in red",
            trigger: ".o_remote_netsuite_dashboard .o_remote_netsuite_last_run .text-danger:contains(failed)",
        },
        {
            content: "Nothing is to fix, the card leads to what failed",
            trigger: ".o_remote_netsuite_dashboard .o_kanban_record:not(:has(.o_remote_netsuite_to_fix)) button.o_remote_netsuite_what_failed",
            run: "click",
        },
        {
            content: "Events History lists the failed run",
            trigger: ".o_list_view .o_data_row td[name=summary]:contains(Automatic sync failed)",
        },
        {
            content: "and only failures",
            trigger: ".o_list_view:not(:has(.o_data_row:not(.text-danger)))",
        },
    ],
});
