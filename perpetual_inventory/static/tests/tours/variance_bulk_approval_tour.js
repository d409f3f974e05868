/** @odoo-module **/

import { registry } from "@web/core/registry";

/** Opens an app, then a menu of its top bar, then one of the menu's entries. */
function menu(app, section, entry) {
    return [
        { content: "the apps", trigger: ".o_navbar_apps_menu button", run: "click" },
        { content: `open ${app}`, trigger: `.o_app[data-menu-xmlid='${app}']`, run: "click" },
        { content: `open ${section}`, trigger: `.o_menu_sections [data-menu-xmlid='${section}']`, run: "click" },
        { content: `open ${entry}`, trigger: `.dropdown-item[data-menu-xmlid='${entry}']`, run: "click" },
    ];
}

// Manager: a two-location count opened a variance per product; all of them are approved
// and posted in one pass, those above the manager limit go on to finance.
registry.category("web_tour.tours").add("perpetual_inventory_variance_bulk_approval_tour", {
    steps: () => [
        ...menu("stock.menu_stock_root", "perpetual_inventory.menu_counting", "perpetual_inventory.menu_stock_variance"),
        { content: "the variances to approve", trigger: ".o_list_view .o_data_row" },
        { content: "look for the count", trigger: ".o_searchview_input", run: "edit CNT/00003" },
        { content: "by count session", trigger: ".o_searchview_autocomplete li:contains(Count Session)", run: "click" },
        {
            content: "only that count's variances",
            trigger: ".o_list_view:not(:has(.o_data_row:not(:contains(CNT/00003)))) .o_data_row:contains(CNT/00003)",
        },
        { content: "select them all", trigger: "thead .o_list_record_selector input", run: "click" },
        { content: "approve and post them", trigger: ".o_control_panel_actions button:contains(Approve and Post)", run: "click" },
        { content: "one reason for all", trigger: ".modal .o_field_widget[name=reason_id] input", run: "edit Theft" },
        { trigger: ".o-autocomplete--dropdown-item:contains(Theft / shrinkage)", run: "click" },
        { content: "approve and post", trigger: ".modal-footer button[name=action_approve_and_post]", run: "click" },
        {
            content: "what it did",
            trigger: ".o_notification:contains(Posted: 12.):contains(Waiting for finance approval)",
            timeout: 60000, // 14 variances booked, each with its stock move and entry
        },
        {
            content: "left in the list: the two waiting for finance",
            trigger: ".o_list_view:not(:has(.o_data_row:nth-child(3))) .o_data_row:contains(Waiting for Finance)",
        },
    ],
});
