/** @odoo-module **/

import { registry } from "@web/core/registry";
import { runConnectionSyncs } from "@remote_netsuite_connector/../tests/tours/remote_netsuite_tour_utils";

// A manager clicks Sync in the wizard: it answers at once with a progress bar, the sync runs in
// the connection's scheduled action (run here as "Run manually" does, there being no cron worker
// in a test server), and the wizard shows it finished without a page reload.
registry.category("web_tour.tours").add("remote_netsuite_background_sync_tour", {
    steps: () => [
        {
            content: "Open the sync wizard",
            trigger: "button[name=action_open_sync_wizard]",
            run: "click",
        },
        {
            content: "See what will be sent",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: "Sync",
            trigger: ".modal button[name=action_sync]",
            run: "click",
        },
        {
            content: "The wizard answers at once and shows the progress",
            trigger: ".modal .o_remote_netsuite_sync_progress .o_progressbar",
        },
        {
            content: "The connection's scheduled action runs the sync",
            trigger: ".modal button[name=action_cancel_sync]",
            run: runConnectionSyncs,
        },
        {
            content: "The progress reaches done, without reloading the page",
            trigger: ".modal .alert-success:contains(The sync finished)",
        },
        {
            content: "The result says what was booked",
            trigger: ".modal .o_field_widget[name=job_message]:contains(booked)",
        },
    ],
});
