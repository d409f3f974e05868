/** @odoo-module **/

import { Component, onWillStart, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useBus, useService } from "@web/core/utils/hooks";
import { url } from "@web/core/utils/urls";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";

/**
 * The Count screen: a counter scans a location, then products (or GS1 codes,
 * lots and serials); each scan is one server call returning the counted line.
 * It is blind: the server never sends expected quantities.
 */
export class CountScreen extends Component {
    static template = "perpetual_inventory.CountScreen";
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.notification = useService("notification");
        this.action = useService("action");
        this.sessionId = this.props.action.context.active_model === "stock.count.session"
            ? this.props.action.context.active_id
            : false;
        this.state = useState({
            sessions: [],
            locations: [],
            current: null,          // {session_id, location_id, location_name}
            pendingProduct: null,   // tracked product waiting for its lot/serial
            feedback: null,         // {type: "success"|"error", message}
            lastLineId: null,
            editingLineId: null,
            manualBarcode: "",
            undoableSteps: 0,       // steps taken here; the server decides what undo takes back
        });
        const barcode = useService("barcode");
        useBus(barcode.bus, "barcode_scanned", (ev) => this.onBarcodeScanned(ev.detail.barcode));
        onWillStart(async () => {
            await this.load();
            const extension = new Audio().canPlayType("audio/ogg") ? "ogg" : "mp3";
            this.sounds = {
                error: new Audio(url(`/barcodes/static/src/audio/error.${extension}`)),
                success: new Audio(url(`/mail/static/src/audio/ting.${extension}`)),
            };
        });
    }

    async load() {
        const data = await this.orm.call("stock.count.scanner", "get_screen_data", [], {
            session_id: this.sessionId,
        });
        this.state.sessions = data.sessions;
        this.state.locations = data.locations;
    }

    get sessionIds() {
        return this.state.sessions.map((session) => session.id);
    }

    get currentLocation() {
        const current = this.state.current;
        return current && this.state.locations.find(
            (group) => group.location_id === current.location_id && group.session_id === current.session_id
        );
    }

    isCurrent(group) {
        const current = this.state.current;
        return current && group.location_id === current.location_id && group.session_id === current.session_id;
    }

    countedLines(group) {
        return group.lines.filter((line) => line.state === "counted").length;
    }

    playSound(type) {
        const sound = this.sounds?.[type];
        if (sound) {
            sound.currentTime = 0;
            sound.play().catch(() => {});
        }
    }

    showFeedback(type, message) {
        this.state.feedback = { type, message };
        this.playSound(type);
        if (type === "error") {
            this.notification.add(message, { type: "danger" });
        }
    }

    async onBarcodeScanned(barcode) {
        const current = this.state.current;
        const result = await this.orm.call("stock.count.scanner", "scan", [barcode], {
            session_id: current?.session_id || false,
            location_id: current?.location_id || false,
            pending_product_id: this.state.pendingProduct?.id || false,
            session_ids: this.sessionIds,
        });
        this.applyResult(result);
    }

    applyResult(result) {
        if (result.type === "error") {
            this.state.pendingProduct = null;
            this.showFeedback("error", result.message);
        } else if (result.type === "location") {
            this.state.current = result;
            this.state.pendingProduct = null;
            if (!this.currentLocation) {
                this.state.locations.push({ ...result, lines: [] });
            }
            this.showFeedback("success", _t("Location %s", result.location_name));
        } else if (result.type === "need_lot") {
            this.state.pendingProduct = { id: result.product_id, name: result.product_name };
            this.showFeedback("success", _t("Scan the lot or serial number of %s", result.product_name));
        } else if (result.type === "line") {
            this.state.pendingProduct = null;
            this.upsertLine(result.line);
            this.state.undoableSteps++;
            const found = result.line.is_found_stock ? _t(" (found stock)") : "";
            this.showFeedback("success", `${result.line.product_name}: ${result.line.counted_qty}${found}`);
        } else if (result.type === "undone") {
            for (const group of this.state.locations) {
                group.lines = group.lines.filter((line) => !result.removed_line_ids.includes(line.id));
            }
            for (const line of result.lines) {
                this.upsertLine(line);
            }
            this.state.undoableSteps = Math.max(this.state.undoableSteps - 1, 0);
            this.showFeedback("success", _t("Last scan undone"));
        }
    }

    upsertLine(line) {
        let group = this.state.locations.find(
            (g) => g.location_id === line.location_id && g.session_id === line.session_id
        );
        if (!group) {
            group = { location_id: line.location_id, session_id: line.session_id, location_name: "", lines: [] };
            this.state.locations.push(group);
        }
        const index = group.lines.findIndex((l) => l.id === line.id);
        if (index >= 0) {
            group.lines[index] = line;
        } else {
            group.lines.push(line);
        }
        this.state.lastLineId = line.id;
    }

    async onManualSubmit(ev) {
        ev.preventDefault();
        const barcode = this.state.manualBarcode.trim();
        this.state.manualBarcode = "";
        if (barcode) {
            await this.onBarcodeScanned(barcode);
        }
    }

    startEditing(line) {
        this.state.editingLineId = line.id;
    }

    async onQuantityKeydown(ev, line) {
        if (ev.key === "Enter") {
            await this.saveQuantity(ev.target.value, line);
        } else if (ev.key === "Escape") {
            this.state.editingLineId = null;
        }
    }

    async saveQuantity(value, line) {
        this.state.editingLineId = null;
        const result = await this.orm.call("stock.count.scanner", "set_quantity", [line.id, value]);
        this.applyResult(result);
    }

    async onUndo() {
        const result = await this.orm.call("stock.count.scanner", "undo", [this.sessionIds]);
        this.applyResult(result);
    }

    async onFinishLocation() {
        const current = this.state.current;
        if (!current) {
            return;
        }
        const result = await this.orm.call("stock.count.scanner", "finish_location", [
            current.session_id, current.location_id,
        ]);
        if (result.type === "error") {
            this.showFeedback("error", result.message);
            return;
        }
        await this.load();
        this.state.current = null;
        this.state.undoableSteps++;
        this.showFeedback("success", _t("Location finished: %s line(s) not found, counted 0", result.zeroed));
    }

    async onFinishSession(sessionId) {
        const result = await this.orm.call("stock.count.scanner", "finish_session", [sessionId]);
        if (result.type === "error") {
            this.showFeedback("error", result.message);
            return;
        }
        await this.load();
        this.state.current = null;
        this.state.undoableSteps = 0;
        this.showFeedback("success", result.others_waiting
            ? _t("Your part is done; other counters are still counting.")
            : _t("Count finished. Thank you!"));
    }

    get canUndo() {
        return this.state.undoableSteps > 0;
    }
}

registry.category("actions").add("perpetual_inventory.count_screen", CountScreen);
