/** @odoo-module **/

import { onMounted, onWillUnmount } from "@odoo/owl";
import { registry } from "@web/core/registry";
import {
    ProgressBarField,
    progressBarField,
} from "@web/views/fields/progress_bar/progress_bar_field";

// The run commits its progress once per batch: reading it again every second is plenty.
const POLL_MS = 1000;

/**
 * The progress of a sync running in the background: a read-only progress bar that reloads its
 * record while the record's `sync_running` is set, so the bar moves and the form shows the
 * outcome once the run ends, without a page reload.
 */
export class SyncProgressField extends ProgressBarField {
    setup() {
        super.setup();
        onMounted(() => {
            this.timer = setInterval(() => this.poll(), POLL_MS);
        });
        onWillUnmount(() => clearInterval(this.timer));
    }

    async poll() {
        const record = this.props.record;
        if (this.polling || !record.data.sync_running || (await record.isDirty())) {
            return;
        }
        this.polling = true;
        try {
            await record.load();
        } finally {
            this.polling = false;
        }
    }
}

registry.category("fields").add("remote_netsuite_sync_progress", {
    ...progressBarField,
    component: SyncProgressField,
});
