/** @odoo-module **/

/** Keys as a keyboard-wedge scanner types them: the barcode, then Enter. */
export function typeBarcode(barcode) {
    for (const key of [...barcode, "Enter"]) {
        document.body.dispatchEvent(new KeyboardEvent("keydown", { key, bubbles: true }));
    }
}

/** A step that scans one barcode once `screen` (a selector) is there. */
export function scanStep(screen, barcode) {
    return { content: `scan ${barcode}`, trigger: screen, run: () => typeBarcode(barcode) };
}

/** A step waiting for the scanning screen's feedback line: "success" or "error". */
export function feedbackStep(kind, text) {
    return { content: `${kind}: ${text}`, trigger: `.o_pi_feedback_${kind}:contains("${text}")` };
}

/** A step checking that the Count screen shows `value` ("" for nothing counted) for `product`. */
export function countedQuantityStep(product, value) {
    return {
        content: `${product} shows ${value || "nothing counted"}`,
        trigger: `.o_pi_line:contains('${product}') .o_pi_qty_input`,
        run() {
            if (this.anchor.value !== value) {
                throw new Error(`${product} shows "${this.anchor.value}", not "${value}"`);
            }
        },
    };
}
