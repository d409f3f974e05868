/** @odoo-module **/

import { registry } from "@web/core/registry";

/** A step that types a barcode the way a keyboard-wedge scanner does. */
function scan(barcode) {
    return {
        content: `scan ${barcode}`,
        trigger: ".o_pi_count_screen",
        run() {
            for (const key of barcode) {
                document.body.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true }));
            }
            document.body.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true }));
        },
    };
}

function feedback(kind, text) {
    return { content: `${kind}: ${text}`, trigger: `.o_pi_feedback_${kind}:contains("${text}")` };
}

registry.category("web_tour.tours").add("perpetual_inventory_count_tour", {
    steps: () => [
        { content: "the count list is there", trigger: ".o_pi_location_name:contains('A-01')" },
        scan("PITEST-A01"),
        { trigger: ".o_pi_current_location:contains('A-01')" },
        scan("2999900000013"),
        feedback("success", "Espresso Beans: 1"),
        scan("2999900000013"),
        feedback("success", "Espresso Beans: 2"),
        scan("2999900000013"),
        feedback("success", "Espresso Beans: 3"),
        { content: "take back the third scan", trigger: ".o_pi_undo:enabled", run: "click" },
        feedback("success", "Last scan undone"),
        { trigger: ".o_pi_line:contains('Espresso Beans') .o_pi_qty:contains('2')" },
        { content: "tap the Green Tea quantity", trigger: ".o_pi_line:contains('Green Tea') .o_pi_qty", run: "click" },
        { trigger: ".o_pi_line:contains('Green Tea') .o_pi_qty_input", run: "edit 7 && press Enter" },
        feedback("success", "Green Tea: 7"),
        { content: "finish the location", trigger: ".o_pi_finish_location:enabled", run: "click" },
        feedback("success", "Location finished"),
        { content: "finish the count", trigger: ".o_pi_finish_session", run: "click" },
        feedback("success", "Count finished"),
        { trigger: ".o_pi_nothing" },
    ],
});

registry.category("web_tour.tours").add("perpetual_inventory_count_errors_tour", {
    steps: () => [
        { trigger: ".o_pi_location_name:contains('A-01')" },
        scan("PITEST-A01"),
        { trigger: ".o_pi_current_location:contains('A-01')" },
        scan("NO-SUCH-CODE"),
        feedback("error", "Unknown barcode NO-SUCH-CODE"),
        scan("PITEST-Z99"),
        feedback("error", "is not part of your counts"),
        scan("PITEST-FOREIGN"),
        feedback("error", "belongs to another company"),
        { content: "still at A-01, nothing counted", trigger: ".o_pi_current_location:contains('A-01')" },
        { trigger: ".o_pi_location:not(:has(.o_pi_line_counted))" },
    ],
});
