/** @odoo-module **/

import { Component, onWillStart, useState } from "@odoo/owl";
import { browser } from "@web/core/browser/browser";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useDebounced } from "@web/core/utils/timing";
import { useService } from "@web/core/utils/hooks";
import { user } from "@web/core/user";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";
import { session } from "@web/session";
import { ScanFeedback, useScanFeedback } from "../scanning/feedback";
import { ManualEntry, useWedgeScanner } from "../scanning/manual_entry";
import { QuantityInput } from "../scanning/quantity_input";
import { RfidReadReport, rfidReadMessage, useRfidReads } from "../scanning/rfid";
import { useScanQueue } from "../scanning/scan_queue";

const SCANNER = "stock.operation.scanner";

/**
 * The Operations screen: a warehouse user's ready receipts, picks and internal
 * transfers, then one transfer scanned line by line (source location, products, lots,
 * destination), the way the Count screen counts. On a customer return, a scanned item
 * can be marked damaged: it is received, then written off when the return is validated.
 *
 * On the list, a scan opens the transfer whose reference or order (PO / SO number) it
 * is, or starts an internal transfer from the location scanned. Inside a transfer,
 * every scan, typed quantity, undo and Validate goes through the scan queue: in order,
 * each with its own request id, kept until the server answered (nothing lost or done
 * twice on a dropped connection). The server applies the operation type's scan rules
 * and says what each scan did; the screen shows it.
 */
export class OperationsScreen extends Component {
    static template = "perpetual_inventory.OperationsScreen";
    static components = { ManualEntry, QuantityInput, RfidReadReport, ScanFeedback };
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({
            groups: [],
            search: "",
            transfer: null, // {id, name, state, code, origin, partner_name, rules}
            lines: [],
            current: null, // {location_id, location_name}: the source location scanned
            canUndo: false,
            lastLineId: null,
            rfidRead: null, // the answer to the last RFID read
        });
        this.feedback = useScanFeedback();
        this.queue = useScanQueue("operations", {
            send: (item) => this.send(item),
            onAnswer: (item, answer) => this.onAnswer(item, answer),
        });
        // An RFID reader types tags as a scanner types barcodes: its reads go out whole.
        this.rfid = useRfidReads((read) =>
            this.queue.push("rfid", { transfer_id: this.state.transfer.id, read })
        );
        useWedgeScanner((barcode) => this.onBarcodeScanned(barcode));
        this.searchLater = useDebounced(() => this.loadTransfers(), 300);
        // The transfer open in this tab, opened again after a reload.
        this.openKey = `perpetual_inventory.operations_open/${session.db}/${user.userId}`;
        onWillStart(async () => {
            const openId = parseInt(browser.sessionStorage.getItem(this.openKey));
            await (openId ? this.openTransfer(openId) : this.loadTransfers());
        });
    }

    // The list of transfers ---------------------------------------------------------

    async loadTransfers() {
        const data = await this.orm.call(SCANNER, "get_transfers", [], { search: this.state.search.trim() || false });
        this.state.groups = data.groups;
    }

    onSearchInput(ev) {
        this.state.search = ev.target.value;
        this.searchLater();
    }

    /** A scan on the list: a transfer or order reference opens it, a location starts one. */
    async openByBarcode(barcode) {
        let answer = await this.orm.call(SCANNER, "open_by_barcode", [barcode]);
        if (!answer.transfer_id) {
            const started = await this.orm.call(SCANNER, "start_internal", [barcode]);
            if (started.transfer_id) {
                answer = started;
            }
        }
        if (answer.transfer_id) {
            await this.openTransfer(answer.transfer_id);
        } else {
            this.feedback.show("error", answer.message);
        }
    }

    async openTransfer(transferId) {
        const data = await this.orm.call(SCANNER, "get_transfer_data", [transferId]);
        if (data.type === "error") {
            browser.sessionStorage.removeItem(this.openKey);
            await this.loadTransfers();
            this.feedback.show("error", data.message);
            return;
        }
        browser.sessionStorage.setItem(this.openKey, String(transferId));
        this.applyTransferData(data);
        this.state.lastLineId = null;
        this.feedback.show("success", _t("%s: scan the first location or product", data.transfer.name));
    }

    applyTransferData(data) {
        this.state.transfer = data.transfer;
        this.state.lines = data.lines;
        this.state.current = data.current;
        this.state.canUndo = data.can_undo;
    }

    async backToList() {
        // What is still queued goes on being sent: each request names its transfer.
        browser.sessionStorage.removeItem(this.openKey);
        this.state.transfer = null;
        this.state.lines = [];
        this.state.rfidRead = null;
        this.feedback.show(null, "");
        await this.loadTransfers();
    }

    formatDate(value) {
        return value ? value.slice(0, 10) : "";
    }

    // One transfer ------------------------------------------------------------------

    scannedText(line) {
        return line.scanned ? String(line.scanned) : "";
    }

    get doneLines() {
        return this.state.lines.filter((line) => line.done).length;
    }

    onBarcodeScanned(barcode) {
        if (!this.state.transfer) {
            return this.openByBarcode(barcode);
        }
        if (this.rfid.take(barcode)) {
            return;
        }
        return this.queue.push("scan", { transfer_id: this.state.transfer.id, barcode });
    }

    async saveQuantity(line, value) {
        const answer = await this.queue.push("quantity", {
            transfer_id: this.state.transfer.id,
            move_id: line.id,
            value,
        });
        return answer?.type === "line";
    }

    /** A customer return: one more scanned unit of the line is damaged (written off at validation). */
    onMarkDamaged(line) {
        return this.queue.push("damaged", { transfer_id: this.state.transfer.id, move_id: line.id });
    }

    canMarkDamaged(line) {
        return this.state.transfer.customer_return && line.scanned > line.damaged;
    }

    onUndo() {
        return this.queue.push("undo", { transfer_id: this.state.transfer.id });
    }

    onValidate() {
        return this.queue.push("validate", { transfer_id: this.state.transfer.id });
    }

    /** The server call for a queued request, made when its turn comes. */
    send(item) {
        const { transfer_id, barcode, move_id, value, read } = item.params;
        const request = { request_id: item.id };
        switch (item.kind) {
            case "scan":
                return this.orm.call(SCANNER, "scan", [transfer_id, barcode], request);
            case "rfid":
                return this.orm.call(SCANNER, "scan_epcs", [transfer_id, read], request);
            case "quantity":
                return this.orm.call(SCANNER, "set_quantity", [transfer_id, move_id, value], request);
            case "damaged":
                return this.orm.call(SCANNER, "mark_damaged", [transfer_id, move_id, 1], request);
            case "undo":
                return this.orm.call(SCANNER, "undo", [transfer_id], request);
            case "validate":
                return this.orm.call(SCANNER, "validate", [transfer_id], request);
        }
        return Promise.resolve({ type: "error", message: _t("Unknown request: reload the screen.") });
    }

    async onAnswer(item, answer) {
        const shown = this.state.transfer?.id === item.params.transfer_id;
        if (answer.type === "error") {
            this.feedback.show("error", answer.message);
            return;
        }
        if (item.kind === "validate") {
            await this.onValidated(item.params.transfer_id, answer);
            return;
        }
        if (answer.type === "rfid") {
            this.onRfidRead(shown, answer);
            return;
        }
        if (shown) {
            // A package scan answers every line it picked.
            (answer.lines || (answer.line ? [answer.line] : [])).forEach((line) => this.upsertLine(line));
            if (answer.type === "location") {
                this.state.current = { location_id: answer.location_id, location_name: answer.location_name };
            }
            this.state.canUndo = true;
            if (item.kind === "undo") {
                // An undo may take back a location or a destination: the server says where we are.
                this.applyTransferData(await this.orm.call(SCANNER, "get_transfer_data", [item.params.transfer_id]));
            }
        }
        this.feedback.show("success", answer.message || "");
    }

    onRfidRead(shown, answer) {
        if (shown) {
            answer.lines.forEach((line) => this.upsertLine(line));
            this.state.canUndo = this.state.canUndo || answer.tags_counted > 0;
            this.state.rfidRead = answer;
        }
        const clean = !answer.refused.length && !answer.moved.length;
        this.feedback.show(clean ? "success" : "error", rfidReadMessage(answer));
    }

    upsertLine(line) {
        const index = this.state.lines.findIndex((l) => l.id === line.id);
        if (index >= 0) {
            this.state.lines[index] = line;
        } else {
            this.state.lines.push(line);
        }
        this.state.lastLineId = line.id;
    }

    async onValidated(transferId, answer) {
        if (answer.type === "action") {
            // Odoo's own wizard (backorder, ...): the transfer is done once it is closed.
            await this.action.doAction(answer.action, {
                onClose: () => this.afterValidation(transferId),
            });
            return;
        }
        await this.afterValidation(transferId, answer.message);
    }

    async afterValidation(transferId, message) {
        const data = await this.orm.call(SCANNER, "get_transfer_data", [transferId]);
        if (data.type !== "error" && data.transfer.state !== "done") {
            if (this.state.transfer?.id === transferId) {
                this.applyTransferData(data);
            }
            this.feedback.show("error", _t("%s is not validated yet.", data.transfer.name));
            return;
        }
        await this.backToList();
        this.feedback.show("success", message || _t("%s is done.", data.transfer?.name || ""));
    }
}

registry.category("actions").add("perpetual_inventory.operations_screen", OperationsScreen);
