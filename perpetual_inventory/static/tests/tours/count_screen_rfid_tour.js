/** @odoo-module **/

import { registry } from "@web/core/registry";
import { countedQuantityStep, feedbackStep, scanStep, typeBarcode } from "./scan_tour_helpers";

// SGTIN-96 tags of Espresso Beans (GTIN 02999900000013, serials 1-3) and Green Tea
// (02999900000020, serial 1), and a GIAI-96 tag (an asset, not a product).
const BEANS_TAGS = ["3034B7197000004000000001", "3034B7197000004000000002", "3034B7197000004000000003"];
const TEA_TAG = "3034B7197000008000000001";
const ASSET_TAG = "3414257BF400000000000001";

/** A trigger pull of a reader in keyboard-wedge mode: tags typed line after line, repeated. */
function pullTrigger(tags) {
    return {
        content: `an RFID read of ${tags.length} tags`,
        trigger: ".o_pi_count_screen",
        run: () => tags.forEach(typeBarcode),
    };
}

registry.category("web_tour.tours").add("perpetual_inventory_count_rfid_tour", {
    steps: () => [
        { content: "the count list is there", trigger: ".o_pi_location_name:contains('A-01')" },
        scanStep(".o_pi_count_screen", "PITEST-A01"),
        { trigger: ".o_pi_current_location:contains('A-01')" },
        pullTrigger([...BEANS_TAGS, BEANS_TAGS[0], TEA_TAG, BEANS_TAGS[1], ASSET_TAG, BEANS_TAGS[0]]),
        feedbackStep("error", "RFID: 5 tag(s) read, 4 counted (4 unit(s)), 1 not counted"),
        { content: "the asset tag is listed with why", trigger: `.o_pi_rfid_refused:contains('${ASSET_TAG}'):contains('not a product tag')` },
        countedQuantityStep("Espresso Beans", "3"),
        countedQuantityStep("Green Tea", "1"),
        pullTrigger([BEANS_TAGS[2], TEA_TAG]),
        feedbackStep("success", "RFID: 2 tag(s) read, 0 counted (0 unit(s)), 2 already counted"),
        countedQuantityStep("Espresso Beans", "3"),
        { content: "take the first read back", trigger: ".o_pi_undo:enabled", run: "click" },
        feedbackStep("success", "Last step undone"),
        countedQuantityStep("Espresso Beans", ""),
        countedQuantityStep("Green Tea", ""),
        pullTrigger(BEANS_TAGS.slice(0, 2)),
        feedbackStep("success", "RFID: 2 tag(s) read, 2 counted (2 unit(s))"),
        countedQuantityStep("Espresso Beans", "2"),
    ],
});
