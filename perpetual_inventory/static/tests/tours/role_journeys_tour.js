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

// Accountant: Invoicing > Reporting > COGS Review, an entry's lines, back to its stock move.
registry.category("web_tour.tours").add("perpetual_inventory_accountant_tour", {
    steps: () => [
        ...menu("account.menu_finance", "account.menu_finance_reports", "perpetual_inventory.menu_stock_cogs_report"),
        { content: "the COGS pivot", trigger: ".o_pivot_view .o_pivot" },
        { content: "list the COGS rows", trigger: ".o_switch_view.o_list", run: "click" },
        { content: "open a delivery's COGS", trigger: ".o_list_view .o_data_row:first .o_data_cell", run: "click" },
        { content: "its unit cost", trigger: ".o_form_view .o_field_widget[name=unit_cost]" },
        { content: "open the entry", trigger: "button[name=action_open_journal_entry]", run: "click" },
        { content: "the entry's lines", trigger: "a.nav-link:contains(Journal Items)", run: "click" },
        {
            content: "debit COGS, credit inventory, with product, quantity and unit cost",
            trigger: ".o_field_widget[name=line_ids] .o_data_row:nth-child(2) .o_data_cell[name=stock_unit_cost]:not(:empty)",
        },
        { content: "back to the stock move", trigger: "button[name=action_open_stock_move]", run: "click" },
        { content: "the move, done", trigger: ".o_form_view .o_field_widget[name=product_id]:not(:empty)" },
        { content: "which links to its entries", trigger: "button[name=action_open_journal_entries]" },
    ],
});

// Manager: approves and posts a variance, then finds variance reasons and the analysis.
registry.category("web_tour.tours").add("perpetual_inventory_manager_tour", {
    steps: () => [
        ...menu("stock.menu_stock_root", "perpetual_inventory.menu_counting", "perpetual_inventory.menu_stock_variance"),
        { content: "open the variance to approve", trigger: ".o_data_row:contains(VAR/00002) .o_data_cell", run: "click" },
        { content: "give the reason", trigger: ".o_field_widget[name=reason_id] input", run: "edit Picking" },
        { trigger: ".o-autocomplete--dropdown-item:contains(Picking error)", run: "click" },
        { content: "save", trigger: ".o_form_button_save", run: "click" },
        { content: "approve", trigger: "button[name=action_approve]:enabled", run: "click" },
        { content: "post", trigger: "button[name=action_post]:enabled", run: "click" },
        { content: "confirm", trigger: ".modal-footer .btn-primary", run: "click" },
        { content: "posted", trigger: ".o_form_view .ribbon:contains(Posted)" },
        ...menu("stock.menu_stock_root", "stock.menu_stock_config_settings",
                "perpetual_inventory.menu_stock_variance_reason"),
        { content: "the reason codes", trigger: ".o_list_view .o_data_row:contains(Theft)" },
        ...menu("stock.menu_stock_root", "stock.menu_warehouse_report",
                "perpetual_inventory.menu_stock_variance_analysis"),
        { content: "shrinkage by reason", trigger: ".o_pivot_view .o_pivot th:contains(Picking error)" },
    ],
});

// Finance approver: from a posted variance, one click to its journal entry and its lines.
registry.category("web_tour.tours").add("perpetual_inventory_finance_tour", {
    steps: () => [
        ...menu("stock.menu_stock_root", "perpetual_inventory.menu_counting", "perpetual_inventory.menu_stock_variance"),
        { content: "show every variance", trigger: ".o_searchview_facet .o_facet_remove", run: "click" },
        { content: "open the posted variance", trigger: ".o_data_row:contains(VAR/00001) .o_data_cell", run: "click" },
        { content: "one click to its entry", trigger: "button[name=action_open_account_move]", run: "click" },
        { content: "the entry's lines", trigger: "a.nav-link:contains(Journal Items)", run: "click" },
        { content: "the shrinkage line", trigger: ".o_field_widget[name=line_ids] .o_data_row:contains(Shrinkage)" },
    ],
});
