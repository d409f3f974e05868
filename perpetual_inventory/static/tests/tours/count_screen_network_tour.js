/** @odoo-module **/

import { ConnectionLostError, rpc } from "@web/core/network/rpc";
import { registry } from "@web/core/registry";
import { countedQuantityStep, typeBarcode } from "./scan_tour_helpers";

const BEANS = "2999900000013";
const TEA = "2999900000020";

function burst(...barcodes) {
    return {
        content: `a burst of scans: ${barcodes.join(", ")}`,
        trigger: ".o_pi_count_screen",
        run: () => barcodes.forEach(typeBarcode),
    };
}

const checkQuantity = countedQuantityStep;

/**
 * The worst network there is: every request of the Count screen reaches the server,
 * which records it, and every answer is lost on the way back.
 */
function cutNetwork() {
    return {
        content: "the network drops every answer from now on",
        trigger: ".o_pi_count_screen",
        run() {
            const send = rpc._rpc;
            window.__piRestoreRpc = () => (rpc._rpc = send);
            rpc._rpc = function (url, params, settings) {
                const call = send.call(this, url, params, settings);
                if (!url.includes("stock.count.scanner")) {
                    return call;
                }
                return call.then(() => {
                    throw new ConnectionLostError(url);
                });
            };
        },
    };
}

function waiting(count) {
    return {
        content: `${count} scans wait for the server, shown on the screen`,
        trigger: `.o_pi_pending.o_pi_offline .o_pi_pending_count:contains('${count}')`,
    };
}

registry.category("web_tour.tours").add("perpetual_inventory_count_network_tour", {
    steps: () => [
        { trigger: ".o_pi_location_name:contains('A-01')" },
        burst("PITEST-A01", BEANS),
        { trigger: ".o_pi_feedback_success:contains('Espresso Beans: 1')" },
        cutNetwork(),
        burst(BEANS, BEANS, TEA),
        waiting(3),
        {
            content: "the network is back",
            trigger: ".o_pi_offline",
            run: () => window.__piRestoreRpc(),
        },
        { content: "every waiting scan was sent", trigger: ".o_pi_feedback_success:contains('Green Tea: 1')" },
        { trigger: ".o_pi_count_header:not(:has(.o_pi_pending))" },
        checkQuantity("Espresso Beans", "3"),
        checkQuantity("Green Tea", "1"),
        cutNetwork(),
        burst(BEANS, TEA),
        waiting(2),
        {
            content: "the counter reloads the page while two scans wait",
            trigger: ".o_pi_offline",
            run: () => window.location.reload(),
        },
        { content: "after the reload, the waiting scans are sent", trigger: ".o_pi_feedback_success:contains('Green Tea: 2')" },
        { trigger: ".o_pi_count_header:not(:has(.o_pi_pending))" },
        checkQuantity("Espresso Beans", "4"),
        checkQuantity("Green Tea", "2"),
    ],
});
