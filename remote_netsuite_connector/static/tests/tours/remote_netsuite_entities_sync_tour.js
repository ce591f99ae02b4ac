/** @odoo-module **/

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";
import { manualSyncSteps } from "@remote_netsuite_connector/../tests/tours/remote_netsuite_tour_utils";

// The article's other entity mode and its manual syncs: each Remote entity books in its own
// subsidiary (one is left to map), then a manual sync of pre-funding, then one of
// reconciliation; the automatic sync's own choices stay as they were.
registry.category("web_tour.tours").add("remote_netsuite_entities_sync_tour", {
    steps: () => [
        {
            content: "Open the Entities page",
            trigger: ".o_form_view .o_notebook .nav-link:contains(Entities)",
            run: "click",
        },
        {
            content: "All entities go to one subsidiary: nothing left to map",
            trigger: ".o_remote_netsuite_setup_step.o_done[data-step=entities]",
        },
        {
            content: "Each Remote entity books in its own subsidiary",
            trigger: "div[name=entity_mode] input[data-value=per_entity]",
            run: "click",
        },
        {
            content: "The entities step names the entity left to map, for the mode now chosen",
            trigger: ".o_remote_netsuite_setup_step.o_current[data-step=entities]:contains(Entity Acme B.V. has no subsidiary)",
        },
        {
            content: "Edit the Dutch entity's subsidiary",
            trigger: "div[name=legal_entity_ids] .o_data_row:contains(Acme B.V.) td[name=subsidiary_id]",
            run: "click",
        },
        {
            content: "Search its subsidiary",
            trigger: "div[name=legal_entity_ids] .o_selected_row div[name=subsidiary_id] input",
            run: "edit Acme Netherlands",
        },
        {
            content: "Pick Acme Netherlands",
            trigger: ".o-autocomplete--dropdown-item:contains(Acme Netherlands)",
            run: "click",
        },
        {
            content: "Every entity has its subsidiary",
            trigger: ".o_remote_netsuite_setup_step.o_done[data-step=entities]",
        },
        ...stepUtils.saveForm(),
        ...manualSyncSteps("prefunding", "Pre-funding", "Reconciliation"),
        ...manualSyncSteps("reconciliation", "Reconciliation", "Pre-funding"),
        {
            content: "Open the Sync page",
            trigger: ".o_notebook .nav-link:contains(Sync)",
            run: "click",
        },
        {
            content: "Automatic sync still syncs both kinds of documents",
            trigger: "div[name=sync_selection] input[data-value=both]:checked",
        },
        {
            content: "and may now be switched on",
            trigger: "div[name=auto_sync] input",
        },
        {
            content: "Open the connection's Events History",
            trigger: "button[name=action_view_events]",
            run: "click",
        },
        {
            content: "The pre-funding run is listed with its documents and duration",
            trigger: ".o_list_view .o_data_row:has(td[name=sync_selection]:contains(Pre-funding)) td[name=sync_duration]:not(:empty)",
        },
        {
            content: "and so is the reconciliation run",
            trigger: ".o_list_view .o_data_row td[name=sync_selection]:contains(Reconciliation)",
        },
    ],
});
