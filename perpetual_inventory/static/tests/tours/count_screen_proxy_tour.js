/** @odoo-module **/

import { registry } from "@web/core/registry";

/** Types ``barcode`` the way a keyboard-wedge scanner does. */
function wedgeScan(barcode) {
    return {
        content: `scan ${barcode}`,
        trigger: ".o_pi_count_screen",
        run() {
            for (const key of [...barcode, "Enter"]) {
                document.body.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true }));
            }
        },
    };
}

/**
 * The Count screen of the demo counter, served through the reverse proxy of
 * `scripts/run.sh --production` (tests/test_production_run.py). It writes nothing:
 * the server under test commits for real.
 */
registry.category("web_tour.tours").add("perpetual_inventory_proxy_tour", {
    steps: () => [
        { content: "the demo counter's list is there", trigger: ".o_pi_location_name:contains('A-01')" },
        wedgeScan("WH-A-01"),
        { content: "the server found the bin", trigger: ".o_pi_current_location:contains('A-01')" },
        wedgeScan("NO-SUCH-PROXY-CODE"),
        { content: "and answers for an unknown code", trigger: ".o_pi_feedback_error:contains('Unknown barcode NO-SUCH-PROXY-CODE')" },
    ],
});
