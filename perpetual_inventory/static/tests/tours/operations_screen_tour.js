/** @odoo-module **/

import { registry } from "@web/core/registry";
import { feedbackStep, scanStep, typeBarcode } from "./scan_tour_helpers";

const BEANS = "2999900000013";
const TEA = "2999900000020";

function scan(barcode) {
    return scanStep(".o_pi_operations_screen", barcode);
}

const feedback = feedbackStep;

/** From the landing page on a phone: Inventory, then its menu Operations › Scan Transfers. */
function openOperations() {
    return [
        { content: "the phone's app menu", trigger: ".o_main_navbar .o_menu_toggle", run: "click" },
        { content: "all apps", trigger: ".o_app_menu_sidebar .o_sidebar_topbar a:contains(All Apps)", run: "click" },
        { content: "Inventory", trigger: ".o_app_menu_sidebar .o_app[data-menu-xmlid='stock.menu_stock_root']", run: "click" },
        { content: "Inventory's menu", trigger: ".o_main_navbar .o_menu_toggle", run: "click" },
        {
            content: "Operations › Scan Transfers",
            trigger: ".o_app_menu_sidebar li[data-menu-xmlid='perpetual_inventory.menu_operations_screen']",
            run: "click",
        },
        { content: "the Operations screen", trigger: ".o_pi_operations_screen .o_pi_ops_search" },
    ];
}

/** A warehouse user on a phone: from the landing page to a receipt scanned and validated. */
registry.category("web_tour.tours").add("perpetual_inventory_operations_tour", {
    steps: () => [
        ...openOperations(),
        { content: "the ready transfers, by type", trigger: ".o_pi_ops_group[data-code='incoming'] .o_pi_ops_transfer" },
        { content: "search the purchase order", trigger: ".o_pi_ops_search", run: "edit PO-TOUR-1" },
        {
            content: "only its receipt is left",
            trigger: ".o_pi_ops_transfer:contains(PO-TOUR-1)",
            run() {
                if (document.querySelectorAll(".o_pi_ops_transfer").length !== 1) {
                    throw new Error("the search left other transfers");
                }
            },
        },
        { content: "open it", trigger: ".o_pi_ops_transfer:contains(PO-TOUR-1)", run: "click" },
        { content: "its lines, none done", trigger: ".o_pi_ops_progress:contains('0 / 2')" },
        { trigger: ".o_pi_ops_line:contains('Espresso Beans') .o_pi_ops_demand:contains('2')" },
        scan(BEANS),
        { trigger: ".o_pi_ops_line:contains('Espresso Beans') .o_pi_qty_input:value(1)" },
        { content: "not done yet", trigger: ".o_pi_ops_line:not(.o_pi_ops_line_done):contains('Espresso Beans')" },
        scan("NO-SUCH-CODE"),
        feedback("error", "Unknown barcode NO-SUCH-CODE"),
        scan(BEANS),
        { content: "demand reached: green", trigger: ".o_pi_ops_line_done:contains('Espresso Beans')" },
        {
            content: "Green Tea's quantity cannot be typed before a scan (the receipt's rule)",
            trigger: ".o_pi_ops_line:contains('Green Tea') .o_pi_qty_input",
            run: "edit 1 && press Enter",
        },
        feedback("error", "Scan Green Tea before typing its quantity"),
        scan(TEA),
        { content: "every line done", trigger: ".o_pi_ops_progress:contains('2 / 2')" },
        { content: "validate", trigger: ".o_pi_ops_validate", run: "click" },
        feedback("success", "is done"),
        { content: "back on the list, the receipt gone", trigger: ".o_pi_operations_screen:not(:has(.o_pi_ops_transfer:contains(PO-TOUR-1)))" },
    ],
});

/** A pick: a product before its bin, then the wrong product, then the right one, short: Odoo asks about the backorder. */
registry.category("web_tour.tours").add("perpetual_inventory_operations_pick_tour", {
    steps: () => [
        ...openOperations(),
        { content: "the pick is ready", trigger: ".o_pi_ops_group[data-code='outgoing'] .o_pi_ops_transfer:contains(SO-TOUR-2)" },
        scan("SO-TOUR-2"),
        { content: "the sales order's pick opens", trigger: ".o_pi_ops_progress:contains('0 / 1')" },
        { trigger: ".o_pi_ops_current:contains('Scan the location you take from')" },
        scan(BEANS),
        feedback("error", "Scan the source location first."),
        scan("PITEST-A01"),
        { content: "at the bin", trigger: ".o_pi_ops_current_location:contains('A-01')" },
        scan(TEA),
        feedback("error", "Green Tea is not in this transfer."),
        scan(BEANS),
        scan(BEANS),
        scan(BEANS),
        { trigger: ".o_pi_ops_line:contains('Espresso Beans') .o_pi_qty_input:value(3)" },
        { content: "one short: not done", trigger: ".o_pi_ops_line:not(.o_pi_ops_line_done):contains('Espresso Beans')" },
        { content: "validate", trigger: ".o_pi_ops_validate", run: "click" },
        { content: "Odoo asks about the backorder", trigger: ".modal button[name=process]", run: "click" },
        feedback("success", "is done"),
        { content: "the backorder waits on the list", trigger: ".o_pi_ops_transfer:contains(SO-TOUR-2):contains('0 / 1')" },
    ],
});

/** A bin-to-bin move started from scratch by scanning the bin on the list. */
registry.category("web_tour.tours").add("perpetual_inventory_operations_internal_tour", {
    steps: () => [
        ...openOperations(),
        scan("PITEST-A01"),
        { content: "a new internal transfer from A-01", trigger: ".o_pi_ops_current_location:contains('A-01')" },
        scan(BEANS),
        scan(BEANS),
        { trigger: ".o_pi_ops_line:contains('Espresso Beans') .o_pi_qty_input:value(2)" },
        { content: "a reload", trigger: ".o_pi_ops_transfer_name", run: () => window.location.reload() },
        { content: "the same transfer is open again", trigger: ".o_pi_ops_line:contains('Espresso Beans') .o_pi_qty_input:value(2)" },
        { trigger: ".o_pi_ops_current_location:contains('A-01')" },
        scan("PITEST-B01"),
        feedback("success", "put in"),
        { trigger: ".o_pi_ops_line:contains('Espresso Beans') .o_pi_ops_locations:contains('B-01')" },
        { content: "validate", trigger: ".o_pi_ops_validate", run: "click" },
        feedback("success", "is done"),
    ],
});

// SGTIN-96 tags of Espresso Beans (serials 1-3) and Green Tea (serial 1); the GS1 standard's
// example tag, whose GTIN no product has.
const BEANS_TAGS = ["3034B7197000004000000001", "3034B7197000004000000002", "3034B7197000004000000003"];
const TEA_TAG = "3034B7197000008000000001";
const UNKNOWN_TAG = "3074257BF7194E4000001A85";

/** A tagged delivery received against its purchase order by one RFID read. */
registry.category("web_tour.tours").add("perpetual_inventory_operations_rfid_tour", {
    steps: () => [
        ...openOperations(),
        { content: "open the receipt", trigger: ".o_pi_ops_transfer:contains(PO-TOUR-3)", run: "click" },
        { content: "its lines, none done", trigger: ".o_pi_ops_progress:contains('0 / 2')" },
        {
            content: "one trigger pull of a reader in keyboard-wedge mode",
            trigger: ".o_pi_operations_screen",
            run: () => [...BEANS_TAGS, BEANS_TAGS[0], TEA_TAG, UNKNOWN_TAG, BEANS_TAGS[2]].forEach(typeBarcode),
        },
        feedback("error", "RFID: 5 tag(s) read, 4 counted (4 unit(s)), 1 not counted"),
        { content: "the unknown tag is listed", trigger: `.o_pi_rfid_refused:contains('${UNKNOWN_TAG}'):contains('80614141123458')` },
        { content: "every line done", trigger: ".o_pi_ops_progress:contains('2 / 2')" },
        { content: "validate", trigger: ".o_pi_ops_validate", run: "click" },
        feedback("success", "is done"),
    ],
});

// Demo data: Green Tea and Olive Oil of the receipt of PO-DEMO-0001.
const DEMO_TEA = "2000000000039";
const DEMO_OLIVE_OIL = "2000000000091";

/** A scanned line whose remaining quantity is typed: tap the quantity, type, Enter. */
function typeQuantity(product, quantity) {
    return [
        { trigger: `.o_pi_ops_line:contains('${product}') .o_pi_qty_input:value(1)` },
        {
            content: `${product}: ${quantity} typed`,
            trigger: `.o_pi_ops_line:contains('${product}') .o_pi_qty_input`,
            run: `edit ${quantity} && press Enter`,
        },
        { content: `${product} done`, trigger: `.o_pi_ops_line_done:contains('${product}')` },
    ];
}

/** The demo warehouse user lands on the Operations screen and receives a demo purchase order. */
registry.category("web_tour.tours").add("perpetual_inventory_operations_demo_tour", {
    steps: () => [
        { content: "the landing page is the Operations screen", trigger: ".o_pi_operations_screen .o_pi_ops_search" },
        { content: "the demo picks wait", trigger: ".o_pi_ops_group[data-code='outgoing'] .o_pi_ops_transfer:contains(SO-DEMO-0001)" },
        { content: "the demo receipts wait", trigger: ".o_pi_ops_group[data-code='incoming'] .o_pi_ops_transfer:contains(PO-DEMO-0002)" },
        scan("PO-DEMO-0001"),
        { content: "the purchase order's receipt opens", trigger: ".o_pi_ops_progress:contains('0 / 2')" },
        scan(DEMO_TEA),
        ...typeQuantity("Green Tea", 24),
        scan(DEMO_OLIVE_OIL),
        ...typeQuantity("Olive Oil", 12),
        { content: "every line done", trigger: ".o_pi_ops_progress:contains('2 / 2')" },
        { content: "validate", trigger: ".o_pi_ops_validate", run: "click" },
        feedback("success", "is done"),
        { content: "back on the list, the receipt gone", trigger: ".o_pi_operations_screen:not(:has(.o_pi_ops_transfer:contains(PO-DEMO-0001)))" },
    ],
});

/** Scan the product of the transfer's only line, whatever the demo chose to return. */
function scanTheLineProduct() {
    return {
        content: "scan the returned product",
        trigger: ".o_pi_ops_line[data-barcode]",
        run() {
            typeBarcode(this.anchor.dataset.barcode);
        },
    };
}

/** The demo warehouse user receives the café's return on a phone: one unit back to stock, one damaged. */
registry.category("web_tour.tours").add("perpetual_inventory_operations_return_tour", {
    steps: () => [
        { content: "the landing page is the Operations screen", trigger: ".o_pi_operations_screen .o_pi_ops_search" },
        { content: "search the customer returns", trigger: ".o_pi_ops_search", run: "edit Return of" },
        {
            content: "open the café's return",
            trigger: ".o_pi_ops_group[data-code='incoming'] .o_pi_ops_transfer:contains(Return of)",
            run: "click",
        },
        { content: "its line, nothing scanned", trigger: ".o_pi_ops_progress:contains('0 / 1')" },
        { content: "nothing scanned, nothing to mark damaged", trigger: ".o_pi_ops_line .o_pi_ops_damaged:disabled" },
        scanTheLineProduct(),
        { trigger: ".o_pi_ops_line .o_pi_qty_input:value(1)" },
        scanTheLineProduct(),
        { content: "both units scanned", trigger: ".o_pi_ops_line_done .o_pi_qty_input:value(2)" },
        { content: "the second one is damaged", trigger: ".o_pi_ops_line .o_pi_ops_damaged:enabled", run: "click" },
        feedback("success", "1 of 2 damaged"),
        { content: "the line says so", trigger: ".o_pi_ops_line .o_pi_ops_damaged_qty:contains('1 damaged')" },
        { content: "validate", trigger: ".o_pi_ops_validate", run: "click" },
        feedback("success", "is done"),
        {
            content: "back on the list, the return gone",
            trigger: ".o_pi_operations_screen:not(:has(.o_pi_ops_transfer:contains(Return of)))",
        },
    ],
});
