/** @odoo-module **/

import { registry } from "@web/core/registry";
import { stepUtils } from "@web_tour/tour_service/tour_utils";

// Breakdown by department in one list: copy the standard mapping, then map a Remote department
// to a NetSuite department on its first row.
registry.category("web_tour.tours").add("remote_netsuite_department_tour", {
    url: "/odoo",
    steps: () => [
        stepUtils.showAppsMenuItem(),
        {
            content: "Open the app on the connection",
            trigger: '.o_app[data-menu-xmlid="remote_netsuite_connector.menu_root"]',
            run: "click",
        },
        {
            content: "Open the invoice items",
            trigger: ".o_form_view .o_notebook .nav-link:contains(Invoice items)",
            run: "click",
        },
        {
            content: "Choose the breakdown by department",
            trigger: "div[name=breakdown] input[data-value=department]",
            run: "click",
        },
        {
            content: "Copy the standard mapping",
            trigger: "button[name=action_copy_standard_mapping]",
            run: "click",
        },
        {
            content: "Every department got its items' standard accounts, all rows on one page",
            trigger: "div[name=department_item_ids]:not(:has(.o_pager)) .o_data_row:contains(Engineering):contains(Base Salary) td[name=account_id]:contains(6000)",
        },
        {
            content: "Edit the first row of Sales",
            trigger: "div[name=department_item_ids] .o_data_row:has(td[name=department_name]:contains(Sales)) td[name=netsuite_department_id]",
            run: "click",
        },
        {
            content: "Search the NetSuite department",
            trigger: "div[name=department_item_ids] .o_selected_row div[name=netsuite_department_id] input",
            run: "edit Marketing",
        },
        {
            content: "Pick Marketing",
            trigger: ".o-autocomplete--dropdown-item:contains(Marketing)",
            run: "click",
        },
        ...stepUtils.saveForm(),
    ],
});
