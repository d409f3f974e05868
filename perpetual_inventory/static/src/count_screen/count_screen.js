/** @odoo-module **/

import { Component, onWillStart, useEffect, useRef, useState } from "@odoo/owl";
import { BarcodeScanner } from "@barcodes/components/barcode_scanner";
import { ConfirmationDialog } from "@web/core/confirmation_dialog/confirmation_dialog";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { Mutex } from "@web/core/utils/concurrency";
import { useBus, useService } from "@web/core/utils/hooks";
import { url } from "@web/core/utils/urls";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";

/** Odoo's camera scanner (barcodes addon), as a compact button for the Count screen's header. */
export class CountCameraButton extends BarcodeScanner {
    static template = "perpetual_inventory.CountCameraButton";
}

/**
 * The Count screen: a counter scans a location, then products (or GS1 codes,
 * lots and serials); each scan is one server call returning the counted line.
 * It is blind: the server never sends expected quantities. Where the counter is
 * (the current location) and whether they can undo come from the server's scan log,
 * so that a reload takes up where they were. Messages, errors too, show in the
 * screen's own feedback line, each replacing the one before.
 *
 * Every call that changes a count goes through one queue, so that a burst from a
 * wedge scanner is sent one scan after the other, in the order scanned: each scan
 * needs the location (or tracked product) the previous one set.
 */
export class CountScreen extends Component {
    static template = "perpetual_inventory.CountScreen";
    static components = { CountCameraButton };
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.dialog = useService("dialog");
        this.queue = new Mutex();
        this.rootRef = useRef("root");
        // The counts the screen was opened on (a session's button, Today's Counts), or all.
        const context = this.props.action.context || {};
        this.openedOn = context.active_model === "stock.count.session"
            ? context.active_ids || [context.active_id]
            : null;
        this.state = useState({
            sessions: [],
            locations: [],
            current: null,          // {session_id, location_id, location_name}
            pendingProduct: null,   // tracked product waiting for its lot/serial
            feedback: null,         // {type: "success"|"error", message}
            lastLineId: null,
            manualBarcode: "",
            canUndo: false,         // the server decides what undo takes back
        });
        const barcode = useService("barcode");
        useBus(barcode.bus, "barcode_scanned", (ev) => this.onBarcodeScanned(ev.detail.barcode));
        useEffect(
            () => this.scrollToCurrentLocation(),
            () => [this.state.current?.session_id, this.state.current?.location_id]
        );
        onWillStart(async () => {
            await this.load();
            const extension = new Audio().canPlayType("audio/ogg") ? "ogg" : "mp3";
            this.sounds = {
                error: new Audio(url(`/barcodes/static/src/audio/error.${extension}`)),
                success: new Audio(url(`/mail/static/src/audio/ting.${extension}`)),
            };
        });
    }

    /** Show the current location just below the sticky header. */
    scrollToCurrentLocation() {
        const root = this.rootRef.el;
        const section = root?.querySelector(".o_pi_location_current");
        if (section) {
            const header = root.querySelector(".o_pi_count_header");
            section.style.scrollMarginTop = `${header.offsetHeight + 8}px`;
            section.scrollIntoView({ block: "start" });
        }
    }

    async load() {
        const data = await this.orm.call("stock.count.scanner", "get_screen_data", [], {
            session_ids: this.openedOn,
        });
        this.state.sessions = data.sessions;
        this.state.locations = data.locations;
        this.setCurrent(data.current || null);
        this.state.canUndo = data.can_undo;
    }

    setCurrent(current) {
        this.state.current = current;
        if (current && !this.currentLocation) {
            this.state.locations.push({ ...current, lines: [] });
        }
    }

    get openSessions() {
        return this.state.sessions.filter((session) => !session.finished);
    }

    get finishedSessions() {
        return this.state.sessions.filter((session) => session.finished);
    }

    get sessionIds() {
        return this.state.sessions.map((session) => session.id);
    }

    get currentLocation() {
        return this.state.locations.find((group) => this.isCurrent(group));
    }

    isCurrent(group) {
        const current = this.state.current;
        return Boolean(current) && group.location_id === current.location_id && group.session_id === current.session_id;
    }

    countedLines(group) {
        return group.lines.filter((line) => line.state === "counted").length;
    }

    shownQuantity(line) {
        return line.state === "counted" ? String(line.counted_qty) : "";
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
    }

    /** Run a step after the ones already waiting, in order. */
    enqueue(step) {
        return this.queue.exec(step);
    }

    /** Ask the counter a question; resolves to true when they confirm. */
    ask(body, confirmLabel) {
        return new Promise((resolve) => {
            this.dialog.add(ConfirmationDialog, {
                title: _t("Please confirm"),
                body,
                confirmLabel,
                confirm: () => resolve(true),
                cancel: () => resolve(false),
            }, { onClose: () => resolve(false) });
        });
    }

    /**
     * Call the server; when it doubts a quantity (far above what is plausible), ask the
     * counter and call again with `confirmed` once they confirm.
     */
    async callConfirming(method, args, kwargs = {}) {
        let result = await this.orm.call("stock.count.scanner", method, args, kwargs);
        if (result.type === "confirm") {
            this.playSound("error");
            if (!(await this.ask(result.message, _t("Yes, count it")))) {
                return { type: "error", message: _t("Nothing was counted.") };
            }
            result = await this.orm.call("stock.count.scanner", method, args, { ...kwargs, confirmed: true });
        }
        return result;
    }

    onBarcodeScanned(barcode) {
        return this.enqueue(() => this.scan(barcode));
    }

    async scan(barcode) {
        const current = this.state.current;
        const result = await this.callConfirming("scan", [barcode], {
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
            this.setCurrent(result);
            this.state.pendingProduct = null;
            this.showFeedback("success", _t("Location %s", result.location_name));
        } else if (result.type === "need_lot") {
            this.state.pendingProduct = { id: result.product_id, name: result.product_name };
            this.showFeedback("success", _t("Scan the lot or serial number of %s", result.product_name));
        } else if (result.type === "line") {
            this.state.pendingProduct = null;
            this.upsertLine(result.line);
            this.state.canUndo = true;
            const found = result.line.is_found_stock ? _t(" (found stock)") : "";
            this.showFeedback("success", `${result.line.product_name}: ${result.line.counted_qty}${found}`);
        } else if (result.type === "undone") {
            for (const group of this.state.locations) {
                group.lines = group.lines.filter((line) => !result.removed_line_ids.includes(line.id));
            }
            for (const line of result.lines) {
                this.upsertLine(line);
            }
            this.state.canUndo = result.can_undo;
            this.showFeedback("success", _t("Last step undone"));
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

    // Typing a quantity: a tap selects it, so that typing replaces it; Enter or leaving
    // the field saves it, once.

    onQuantityFocus(ev) {
        ev.target.select();
        this.selectingInput = ev.target;
    }

    onQuantityMouseUp(ev) {
        // The mouseup of the tap that focused the field would put the caret in the selection.
        if (this.selectingInput === ev.target) {
            ev.preventDefault();
            this.selectingInput = null;
        }
    }

    onQuantityKeydown(ev, line) {
        if (ev.key === "Enter") {
            ev.preventDefault();
            this.commitQuantity(ev.target, line);
            ev.target.blur();
        } else if (ev.key === "Escape") {
            ev.target.value = this.shownQuantity(line);
            ev.target.blur();
        }
    }

    onQuantityBlur(ev, line) {
        this.selectingInput = null;
        this.commitQuantity(ev.target, line);
    }

    /** Save the typed quantity unless it is already shown or on its way (Enter, then blur). */
    commitQuantity(input, line) {
        const value = input.value.trim().replace(",", ".");
        if (value === "" || value === (input.dataset.sending ?? this.shownQuantity(line))) {
            input.value = input.dataset.sending ?? this.shownQuantity(line);
            return;
        }
        input.dataset.sending = value;
        return this.enqueue(() => this.saveQuantity(line, value, input));
    }

    async saveQuantity(line, value, input) {
        try {
            const result = await this.callConfirming("set_quantity", [line.id, value]);
            if (result.type === "error") {
                input.value = this.shownQuantity(line);
            }
            this.applyResult(result);
        } finally {
            delete input.dataset.sending;
        }
    }

    onUndo() {
        return this.enqueue(async () => {
            this.applyResult(await this.orm.call("stock.count.scanner", "undo", [this.sessionIds]));
        });
    }

    async onFinishLocation() {
        const current = this.state.current;
        if (!current) {
            return;
        }
        const group = this.currentLocation;
        const open = group ? group.lines.length - this.countedLines(group) : 0;
        const question = open
            ? _t("Finish %(location)s? %(count)s line(s) not scanned will be counted 0. You can undo it.", {
                location: current.location_name,
                count: open,
            })
            : _t("Finish %(location)s? Every line here is counted.", { location: current.location_name });
        const confirmed = await this.ask(question, _t("Finish location"));
        if (confirmed) {
            await this.enqueue(() => this.finishLocation(current));
        }
    }

    async finishLocation(current) {
        const result = await this.orm.call("stock.count.scanner", "finish_location", [
            current.session_id, current.location_id,
        ]);
        if (result.type === "error") {
            this.showFeedback("error", result.message);
            return;
        }
        await this.load();
        this.state.current = null;
        this.showFeedback("success", _t("Location finished: %s line(s) not found, counted 0", result.zeroed));
    }

    async onFinishSession(session) {
        const confirmed = await this.ask(
            _t("Finish %s? Your counts are then final: you can no longer scan, change or undo them.", session.name),
            _t("Finish count")
        );
        if (confirmed) {
            await this.enqueue(() => this.finishSession(session.id));
        }
    }

    async finishSession(sessionId) {
        const result = await this.orm.call("stock.count.scanner", "finish_session", [sessionId]);
        if (result.type === "error") {
            this.showFeedback("error", result.message);
            return;
        }
        await this.load();
        this.showFeedback("success", result.others_waiting
            ? _t("Your part is done; other counters are still counting.")
            : _t("Count finished. Thank you!"));
    }

    /** Back to where the counter came from, or to their list of count lines. */
    onBack() {
        if (this.env.config.breadcrumbs?.length > 1) {
            return this.action.restore();
        }
        return this.action.doAction("perpetual_inventory.action_my_count_lines", { clearBreadcrumbs: true });
    }
}

registry.category("actions").add("perpetual_inventory.count_screen", CountScreen);
