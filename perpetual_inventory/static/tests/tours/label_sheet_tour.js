/** @odoo-module **/

import { registry } from "@web/core/registry";

// Manager: Inventory > Products > Products, a product in the list, Print > Barcode Labels.
registry.category("web_tour.tours").add("perpetual_inventory_label_sheet_tour", {
    steps: () => [
        { content: "the apps", trigger: ".o_navbar_apps_menu button", run: "click" },
        { content: "open Inventory", trigger: ".o_app[data-menu-xmlid='stock.menu_stock_root']", run: "click" },
        {
            content: "open Products",
            trigger: ".o_menu_sections [data-menu-xmlid='stock.menu_stock_inventory_control']",
            run: "click",
        },
        {
            content: "the products",
            trigger: ".dropdown-item[data-menu-xmlid='stock.menu_product_variant_config_stock']",
            run: "click",
        },
        { content: "the products, loaded", trigger: ".o_kanban_view .o_kanban_record" },
        { content: "as a list", trigger: ".o_switch_view.o_list", run: "click" },
        { content: "the list, loaded", trigger: ".o_list_view .o_data_row" },
        {
            content: "choose the espresso beans",
            trigger: ".o_data_row:contains(Espresso Beans 1 kg) .o_list_record_selector input",
            run: "click",
        },
        {
            content: "the Print menu (the browser's list of requests emptied first: it keeps only 250)",
            trigger: ".o_cp_action_menus button:has(.fa-print)",
            run: (helpers) => {
                performance.clearResourceTimings();
                helpers.click();
            },
        },
        {
            content: "print their barcode labels",
            trigger: ".o-dropdown-item:contains(Barcode Labels (A4, 3 x 8))",
            run: "click",
        },
        {
            content: "the sheet is downloaded, the list stays",
            trigger: ".o_list_view .o_data_row.o_data_row_selected:contains(Espresso Beans 1 kg)",
            run: async () => {
                const downloaded = () =>
                    performance.getEntriesByType("resource").some((entry) => entry.name.endsWith("/report/download"));
                for (let attempt = 0; attempt < 100 && !downloaded(); attempt++) {
                    await new Promise((resolve) => setTimeout(resolve, 100));
                }
                if (!downloaded()) {
                    throw new Error("The label sheet was not downloaded.");
                }
            },
        },
    ],
});
