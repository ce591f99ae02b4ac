/** @odoo-module **/

import { Component, useRef } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { standardFieldProps } from "@web/views/fields/standard_field_props";

/**
 * The connection's setup guide as Odoo's onboarding panels show it: one card per step, done or
 * naming what is left; a click opens the form page (or presses the button) that does the step.
 */
export class SetupStepsField extends Component {
    static template = "remote_netsuite_connector.SetupStepsField";
    static props = { ...standardFieldProps };

    setup() {
        this.root = useRef("root");
    }

    get steps() {
        return this.props.record.data[this.props.name] || [];
    }

    open(step) {
        const form = this.root.el.closest(".o_form_renderer") || document;
        const [kind, name] = step.target.split(":");
        const selector =
            kind === "button"
                ? `.o_form_statusbar button[name='${name}']`
                : `.o_notebook .nav-link[name='${name}']`;
        form.querySelector(selector)?.click();
    }
}

registry.category("fields").add("remote_netsuite_setup_steps", {
    component: SetupStepsField,
    supportedTypes: ["json"],
});
