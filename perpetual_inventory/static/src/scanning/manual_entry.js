/** @odoo-module **/

import { Component, useState } from "@odoo/owl";
import { useBus, useService } from "@web/core/utils/hooks";
import { ScanCameraButton } from "./camera_button";

/** Call `onBarcode(barcode)` for every barcode a keyboard-wedge scanner types. */
export function useWedgeScanner(onBarcode) {
    const barcode = useService("barcode");
    useBus(barcode.bus, "barcode_scanned", (ev) => onBarcode(ev.detail.barcode));
}

/** A barcode typed by hand (or by a scanner into the field), with the camera button. */
export class ManualEntry extends Component {
    static template = "perpetual_inventory.ManualEntry";
    static components = { ScanCameraButton };
    static props = {
        onBarcode: Function,
        placeholder: { type: String, optional: true },
    };

    setup() {
        this.state = useState({ barcode: "" });
    }

    onSubmit(ev) {
        ev.preventDefault();
        const barcode = this.state.barcode.trim();
        this.state.barcode = "";
        if (barcode) {
            this.props.onBarcode(barcode);
        }
    }
}
