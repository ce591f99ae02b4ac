/** @odoo-module **/

import { rpc } from "@web/core/network/rpc";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// A test server has no cron worker: run each connection's sync scheduled action as its
// "Run manually" button does, so the syncs the tour asked for run in the background.
export async function runConnectionSyncs() {
    const connections = await rpc("/web/dataset/call_kw", {
        model: "remote.netsuite.connection",
        method: "search_read",
        args: [[["sync_cron_id", "!=", false]], ["sync_cron_id"]],
        kwargs: {},
    });
    for (const connection of connections) {
        await rpc("/web/dataset/call_kw", {
            model: "ir.cron",
            method: "method_direct_trigger",
            args: [[connection.sync_cron_id[0]]],
            kwargs: {},
        });
    }
}

// From anywhere, through the apps menu as a user goes: the app, then its dashboard.
export function openDashboardSteps() {
    return [
        stepUtils.showAppsMenuItem(),
        {
            content: "Back to the app",
            trigger: '.o_app[data-menu-xmlid="remote_netsuite_connector.menu_root"]',
            run: "click",
        },
        {
            content: "Open the dashboard",
            trigger: ".o_menu_sections [data-menu-xmlid='remote_netsuite_connector.menu_dashboard']",
            run: "click",
        },
    ];
}

// A manual sync of one kind of document (not of the ``other`` kind), from "Sync now" to the
// wizard saying it finished.
export function manualSyncSteps(selection, label, other) {
    return [
        {
            content: `Sync now: ${label}`,
            trigger: ".o_form_view button[name=action_open_sync_wizard]",
            run: "click",
        },
        {
            content: `Choose ${label}`,
            trigger: `.modal div[name=selection] input[data-value=${selection}]`,
            run: "click",
        },
        {
            content: "See what will be sent",
            trigger: ".modal button[name=action_confirm]",
            run: "click",
        },
        {
            content: `${label} documents will be sent, no ${other} ones`,
            trigger: `.modal div[name=line_ids]:has(.o_data_row:contains(${label})):not(:has(.o_data_row:contains(${other})))`,
        },
        {
            content: "Sync",
            trigger: ".modal button[name=action_sync]",
            run: "click",
        },
        {
            content: "The connection's scheduled action runs the sync",
            trigger: ".modal button[name=action_cancel_sync]",
            run: runConnectionSyncs,
        },
        {
            content: "The sync finished, announced in green",
            trigger: ".modal .alert-success:contains(The sync finished)",
        },
        {
            content: "Close the wizard",
            trigger: ".modal .modal-footer button:contains(Close)",
            run: "click",
        },
        {
            content: "Back on the connection",
            trigger: "body:not(:has(.modal)) .o_form_view",
        },
    ];
}
