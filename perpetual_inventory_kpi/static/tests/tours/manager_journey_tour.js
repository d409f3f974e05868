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

const TILES = [
    "record_accuracy", "quantity_accuracy", "inventory_value", "cogs_30", "turnover", "dsi",
    "pick_accuracy", "stockout_rate", "shrinkage_value", "count_coverage",
    "scan_pick_accuracy", "receipt_lines_per_hour", "pick_lines_per_hour", "internal_lines_per_hour",
];

/** A tile opens the list of its records; the breadcrumb leads back to the dashboard. */
function openTile(key) {
    return [
        { content: `open the ${key} tile`, trigger: `.o_pi_kpi_tile_${key}`, run: "click" },
        { content: "its records, in a list", trigger: ".o_breadcrumb .o_back_button:contains(Perpetual KPIs)" },
        { trigger: ".o_action_manager .o_list_view .o_list_renderer" },
        { content: "back to the dashboard", trigger: ".o_breadcrumb .o_back_button a", run: "click" },
        { trigger: ".o_pi_kpi_dashboard .o_pi_kpi_tile" },
    ];
}

// Manager: lands on the count sessions; opens every KPI tile, the shrinkage by reason and a
// warehouse's counting settings.
registry.category("web_tour.tours").add("perpetual_inventory_kpi_manager_journey_tour", {
    steps: () => [
        { content: "lands in Inventory", trigger: ".o_main_navbar .o_menu_brand:contains(Inventory)" },
        { content: "on the count sessions", trigger: ".o_last_breadcrumb_item:contains(Count Sessions)" },
        { content: "showing the open counts", trigger: ".o_kanban_view .o_kanban_record" },

        ...menu("stock.menu_stock_root", "stock.menu_warehouse_report", "perpetual_inventory_kpi.menu_kpi_dashboard"),
        { content: "the dashboard", trigger: ".o_pi_kpi_dashboard .o_pi_kpi_tile_inventory_value" },
        ...TILES.flatMap(openTile),

        ...menu("stock.menu_stock_root", "stock.menu_warehouse_report", "perpetual_inventory_kpi.menu_kpi_shrinkage"),
        { content: "shrinkage by reason", trigger: ".o_pivot_view .o_pivot th.o_pivot_header_cell_closed" },
        { content: "the rows", trigger: ".o_switch_view.o_list", run: "click" },
        { content: "a day's loss in a warehouse", trigger: ".o_list_view .o_data_row .o_data_cell[name=warehouse_id]:not(:empty)" },

        ...menu("stock.menu_stock_root", "perpetual_inventory.menu_counting", "perpetual_inventory.menu_stock_receiving_discrepancy"),
        { content: "the receiving discrepancies", trigger: ".o_last_breadcrumb_item:contains(Receiving Discrepancies)" },
        ...menu("stock.menu_stock_root", "perpetual_inventory.menu_counting", "perpetual_inventory.menu_stock_operation_scan_pick_errors"),
        { content: "the pick errors caught", trigger: ".o_last_breadcrumb_item:contains(Pick Errors Caught)" },

        ...menu("stock.menu_stock_root", "stock.menu_stock_config_settings", "stock.menu_action_warehouse_form"),
        { content: "open a warehouse", trigger: ".o_list_view .o_data_row:first .o_data_cell[name=name]", run: "click" },
        { content: "its counters", trigger: ".o_form_view .o_field_widget[name=count_counter_ids]" },
        { content: "its counting calendar", trigger: ".o_form_view .o_field_widget[name=count_calendar_id]" },
        { content: "cap each counter's day", trigger: ".o_field_widget[name=count_capacity] input", run: "edit 40" },
        { content: "save", trigger: ".o_form_button_save", run: "click" },
        { content: "saved", trigger: ".o_form_view .o_form_saved" },
    ],
});
