/** @odoo-module **/

import { registry } from "@web/core/registry";

/** Keys as a keyboard-wedge scanner types them: the barcode, then Enter. */
function typeBarcode(barcode) {
    for (const key of barcode) {
        document.body.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true }));
    }
    document.body.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
}

/**
 * The first shelf on the counter's list and its first product without lot, read from
 * the screen (the demo list is built for today): {location, locationBarcode, product, productBarcode}.
 */
function firstShelf() {
    const section = document.querySelector(".o_pi_location");
    const line = [...section.querySelectorAll(".o_pi_line")].find((li) => !li.querySelector(".o_pi_lot"));
    return {
        location: section.querySelector(".o_pi_location_name").textContent.trim(),
        locationBarcode: section.querySelector(".card-header small").textContent.trim(),
        product: line.querySelector(".o_pi_product_name").textContent.trim(),
        productBarcode: line.querySelector("small").textContent.trim(),
    };
}

function scanFromScreen(content, pick) {
    return { content, trigger: ".o_pi_count_screen .o_pi_location", run: () => typeBarcode(pick(firstShelf())) };
}

function fail(message) {
    throw new Error(message);
}

/**
 * The demo counter on a phone: from the Count screen they land on, through the Count
 * menu to Today's Counts; scans, reloads the page, undoes, finishes, and is refused after.
 */
registry.category("web_tour.tours").add("perpetual_inventory_cyclecount_todays_counts_tour", {
    steps: () => [
        { content: "the counter lands on the Count screen", trigger: ".o_pi_count_screen" },
        { content: "back to the Count app", trigger: ".o_pi_back", run: "click" },
        { content: "the app's menu", trigger: ".o_main_navbar .o_menu_toggle", run: "click" },
        {
            content: "Count › Today's Counts",
            trigger: ".o_app_menu_sidebar li[data-menu-xmlid='perpetual_inventory_cyclecount.menu_todays_counts']",
            run: "click",
        },
        {
            content: "today's list, blind",
            trigger: ".o_pi_count_screen .o_pi_location .o_pi_line",
            run() {
                if (document.querySelector(".o_error_dialog, .o_notification")) {
                    fail("Today's Counts opened with an error");
                }
            },
        },
        {
            content: "scan the first shelf",
            trigger: ".o_pi_count_screen .o_pi_location",
            run() {
                const shelf = firstShelf();
                sessionStorage.setItem("pi_tour_shelf", JSON.stringify(shelf));  // kept for after the count
                typeBarcode(shelf.locationBarcode);
            },
        },
        {
            content: "the shelf is the current location",
            trigger: ".o_pi_current_location",
            run() {
                if (this.anchor.textContent.trim() !== firstShelf().location) {
                    fail(`the current location is ${this.anchor.textContent}`);
                }
            },
        },
        scanFromScreen("scan a product", (shelf) => shelf.productBarcode),
        { trigger: ".o_pi_feedback_success:contains(': 1')" },
        scanFromScreen("scan it again", (shelf) => shelf.productBarcode),
        { trigger: ".o_pi_feedback_success:contains(': 2')" },
        {
            content: "reload the page",
            trigger: ".o_pi_line_last .o_pi_qty_input",
            run() {
                window.location.reload();
            },
        },
        {
            content: "after the reload: still at the shelf, the count kept",
            trigger: ".o_pi_location_current .o_pi_line_counted .o_pi_qty_input",
            run() {
                const shelf = firstShelf();
                const current = document.querySelector(".o_pi_current_location").textContent.trim();
                if (current !== shelf.location || this.anchor.value !== "2") {
                    fail(`after the reload: at "${current}", counted "${this.anchor.value}"`);
                }
            },
        },
        { content: "undo is still there", trigger: ".o_pi_undo:enabled", run: "click" },
        { trigger: ".o_pi_feedback_success:contains('Last step undone')" },
        {
            content: "the second scan is taken back",
            trigger: ".o_pi_location_current .o_pi_line_counted .o_pi_qty_input",
            run() {
                if (this.anchor.value !== "1") {
                    fail(`after undo: "${this.anchor.value}"`);
                }
            },
        },
        { content: "what was not scanned is not there", trigger: ".o_pi_finish_location:enabled", run: "click" },
        { trigger: ".modal .btn-primary:contains('Finish location')", run: "click" },
        { trigger: ".o_pi_feedback_success:contains('Location finished')" },
        { content: "finish the count", trigger: ".o_pi_finish_session", run: "click" },
        { content: "asked to confirm: counts are final", trigger: ".modal:contains('can no longer scan, change or undo')" },
        { trigger: ".modal .btn-primary", run: "click" },
        { content: "the screen shows the count finished", trigger: ".o_pi_session_finished" },
        { trigger: ".o_pi_undo:disabled" },
        {
            content: "scanning the shelf again",
            trigger: ".o_pi_count_screen",
            run: () => typeBarcode(JSON.parse(sessionStorage.getItem("pi_tour_shelf")).locationBarcode),
        },
        { content: "is refused: the count is final", trigger: ".o_pi_feedback_error:contains('You finished your part of')" },
    ],
});
