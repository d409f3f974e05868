/** @odoo-module **/

import { BarcodeScanner } from "@barcodes/components/barcode_scanner";

/** Odoo's camera scanner (barcodes addon), as a compact button for a scanning screen's header. */
export class ScanCameraButton extends BarcodeScanner {
    static template = "perpetual_inventory.ScanCameraButton";
}
