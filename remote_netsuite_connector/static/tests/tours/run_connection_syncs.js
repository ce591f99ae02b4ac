/** @odoo-module **/

import { rpc } from "@web/core/network/rpc";

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
