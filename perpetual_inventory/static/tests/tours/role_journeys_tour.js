/** @odoo-module **/

import { registry } from "@web/core/registry";
import { formatDate } from "@web/core/l10n/dates";

const { DateTime } = luxon;

/** Opens an app, then a menu of its top bar, then one of the menu's entries. */
function menu(app, section, entry) {
    return [
        { content: "the apps", trigger: ".o_navbar_apps_menu button", run: "click" },
        { content: `open ${app}`, trigger: `.o_app[data-menu-xmlid='${app}']`, run: "click" },
        { content: `open ${section}`, trigger: `.o_menu_sections [data-menu-xmlid='${section}']`, run: "click" },
        { content: `open ${entry}`, trigger: `.dropdown-item[data-menu-xmlid='${entry}']`, run: "click" },
    ];
}

/** The landing page: the app of the user's home action and its screen, before any click. */
function landing(app, screen, content) {
    return [
        { content: `lands in ${app}`, trigger: `.o_main_navbar .o_menu_brand:contains(${app})` },
        { content: `on ${screen}`, trigger: `.o_last_breadcrumb_item:contains(${screen})` },
        { content: `showing ${content.what}`, trigger: content.trigger },
    ];
}

/** Stock vs GL as of yesterday: a new reconciliation, run, then its layers and its moves. */
function stockVsGlDrillDown() {
    const yesterday = formatDate(DateTime.now().minus({ days: 1 }));
    return [
        ...menu("account.menu_finance", "account.menu_finance_reports",
                "perpetual_inventory.menu_stock_gl_reconciliation"),
        { content: "the reconciliations", trigger: ".o_last_breadcrumb_item:contains(Stock vs GL Reconciliation)" },
        { content: "a new one", trigger: ".o_list_view .o_list_button_add", run: "click" },
        {
            content: "as of yesterday",
            trigger: ".o_form_view .o_field_widget[name=date] input",
            run: `edit ${yesterday} && press Enter`,
        },
        { content: "make it", trigger: ".o_form_button_save", run: "click" },
        { content: "saved, with its lines", trigger: ".o_form_saved .o_field_widget[name=line_ids] .o_data_row" },
        { content: "run it again", trigger: "button[name=action_recompute]", run: "click" },
        { content: "the figures as of the date", trigger: `.o_form_saved .o_field_widget[name=date]:contains(${yesterday})` },
        {
            content: "a product's valuation layers",
            trigger: ".o_field_widget[name=line_ids] .o_data_row button[name=action_open_valuation_layers]:enabled:first",
            run: "click",
        },
        { content: "the layers", trigger: ".o_last_breadcrumb_item:contains(Valuation Layers)" },
        { content: "with their value", trigger: ".o_list_view .o_data_row .o_data_cell[name=value]" },
        { content: "back to the reconciliation", trigger: ".o_breadcrumb .o_back_button a", run: "click" },
        {
            content: "the moves behind the same row",
            trigger: ".o_field_widget[name=line_ids] .o_data_row:has(button[name=action_open_valuation_layers]):first button[name=action_open_stock_moves]",
            run: "click",
        },
        { content: "the moves", trigger: ".o_last_breadcrumb_item:contains(Stock Moves)" },
        { content: "with what each was worth", trigger: ".o_list_view .o_data_row .o_data_cell[name=valuation_value]" },
    ];
}

// Accountant: lands on the COGS Review; from an entry's lines back to its stock move; then
// Stock vs GL as of a date, down to the layers and the moves.
registry.category("web_tour.tours").add("perpetual_inventory_accountant_tour", {
    steps: () => [
        ...landing("Invoicing", "COGS Review", { what: "the COGS pivot", trigger: ".o_pivot_view .o_pivot" }),
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
        ...stockVsGlDrillDown(),
    ],
});

// Manager: approves and posts a variance, then finds variance reasons and the analysis.
registry.category("web_tour.tours").add("perpetual_inventory_manager_tour", {
    steps: () => [
        ...landing("Inventory", "Count Sessions", { what: "the open counts", trigger: ".o_kanban_view .o_kanban_record" }),
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

// Finance approver: lands on the variances waiting for finance; from a posted variance, one
// click to its journal entry and its lines; then Stock vs GL down to the layers and the moves.
registry.category("web_tour.tours").add("perpetual_inventory_finance_tour", {
    steps: () => [
        ...landing("Inventory", "Waiting for Finance", {
            what: "the variances waiting for finance",
            trigger: ".o_searchview_facet:contains(Waiting for Finance)",
        }),
        ...menu("stock.menu_stock_root", "perpetual_inventory.menu_counting", "perpetual_inventory.menu_stock_variance"),
        { content: "show every variance", trigger: ".o_searchview_facet:contains(To Approve) .o_facet_remove", run: "click" },
        { content: "open the posted variance", trigger: ".o_data_row:contains(VAR/00001) .o_data_cell", run: "click" },
        { content: "one click to its entry", trigger: "button[name=action_open_account_move]", run: "click" },
        { content: "the entry's lines", trigger: "a.nav-link:contains(Journal Items)", run: "click" },
        { content: "the shrinkage line", trigger: ".o_field_widget[name=line_ids] .o_data_row:contains(Shrinkage)" },
        ...stockVsGlDrillDown(),
    ],
});
