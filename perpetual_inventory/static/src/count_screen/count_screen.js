/** @odoo-module **/

import { Component, onWillStart, useEffect, useRef, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";
import { askConfirmation, playSound, ScanFeedback, useScanFeedback } from "../scanning/feedback";
import { ManualEntry, useWedgeScanner } from "../scanning/manual_entry";
import { QuantityInput } from "../scanning/quantity_input";
import { RfidReadReport, rfidReadMessage, useRfidReads } from "../scanning/rfid";
import { useScanQueue } from "../scanning/scan_queue";

/**
 * The Count screen: a counter scans a location, then products (or GS1 codes,
 * lots and serials); each scan is one server call returning the counted line.
 * It is blind: the server never sends expected quantities. Where the counter is
 * (the current location) and whether they can undo come from the server's scan log,
 * so that a reload takes up where they were. Messages, errors too, show in the
 * screen's own feedback line, each replacing the one before.
 *
 * Every call that changes a count goes through the scan queue, so that a burst from a
 * wedge scanner is sent one scan after the other, in the order scanned (each scan
 * needs the location or tracked product the previous one set), and so that nothing
 * is lost or counted twice when the connection drops: each call carries the id the
 * queue made for it, and waits in the queue (and the browser's storage) until answered.
 */
export class CountScreen extends Component {
    static template = "perpetual_inventory.CountScreen";
    static components = { ManualEntry, QuantityInput, RfidReadReport, ScanFeedback };
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.dialog = useService("dialog");
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
            lastLineId: null,
            canUndo: false,         // the server decides what undo takes back
            rfidRead: null,         // the answer to the last RFID read
        });
        this.feedback = useScanFeedback();
        this.queue = useScanQueue("count", {
            send: (item) => this.send(item),
            onAnswer: (item, answer) => this.onAnswer(item, answer),
        });
        // An RFID reader types tags as a scanner types barcodes: its reads go out whole.
        this.rfid = useRfidReads((read) => this.queue.push("rfid", { read }));
        useWedgeScanner((barcode) => this.onBarcodeScanned(barcode));
        useEffect(
            () => this.scrollToCurrentLocation(),
            () => [this.state.current?.session_id, this.state.current?.location_id]
        );
        onWillStart(() => this.load());
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

    showFeedback(type, message) {
        this.feedback.show(type, message);
    }

    /**
     * Call the server; when it doubts a quantity (far above what is plausible), ask the
     * counter and call again with `confirmed` once they confirm (a request of its own).
     */
    async callConfirming(method, args, kwargs) {
        let result = await this.orm.call("stock.count.scanner", method, args, kwargs);
        if (result.type === "confirm") {
            playSound("error");
            if (!(await askConfirmation(this.dialog, result.message, _t("Yes, count it")))) {
                return { type: "error", message: _t("Nothing was counted.") };
            }
            result = await this.orm.call("stock.count.scanner", method, args, {
                ...kwargs,
                confirmed: true,
                request_id: `${kwargs.request_id}/confirmed`,
            });
        }
        return result;
    }

    /** The server call for a queued request, made when its turn comes. */
    send(item) {
        const params = item.params;
        const request = { request_id: item.id };
        const current = this.state.current;
        switch (item.kind) {
            case "scan":
                return this.callConfirming("scan", [params.barcode], {
                    ...request,
                    session_id: current?.session_id || false,
                    location_id: current?.location_id || false,
                    pending_product_id: this.state.pendingProduct?.id || false,
                    session_ids: this.sessionIds,
                });
            case "rfid":
                return this.orm.call("stock.count.scanner", "scan_epcs", [params.read], {
                    ...request,
                    session_id: current?.session_id || false,
                    location_id: current?.location_id || false,
                });
            case "quantity":
                return this.callConfirming("set_quantity", [params.line_id, params.value], request);
            case "undo":
                return this.orm.call("stock.count.scanner", "undo", [this.sessionIds], request);
            case "finish_location":
                return this.orm.call("stock.count.scanner", "finish_location",
                    [params.session_id, params.location_id], request);
            case "finish_session":
                return this.orm.call("stock.count.scanner", "finish_session", [params.session_id], request);
        }
        return Promise.resolve({ type: "error", message: _t("Unknown request: reload the screen.") });
    }

    async onAnswer(item, result) {
        if (result.type === "error") {
            this.state.pendingProduct = null;
            this.showFeedback("error", result.message);
        } else if (item.kind === "finish_location") {
            await this.load();
            this.state.current = null;
            this.showFeedback("success", _t("Location finished: %s line(s) not found, counted 0", result.zeroed));
        } else if (item.kind === "finish_session") {
            await this.load();
            this.showFeedback("success", result.others_waiting
                ? _t("Your part is done; other counters are still counting.")
                : _t("Count finished. Thank you!"));
        } else {
            this.applyResult(result);
        }
    }

    onBarcodeScanned(barcode) {
        if (this.rfid.take(barcode)) {
            return;
        }
        return this.queue.push("scan", { barcode });
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
        } else if (result.type === "rfid") {
            result.lines.forEach((line) => this.upsertLine(line));
            this.state.canUndo = this.state.canUndo || result.tags_counted > 0;
            this.state.rfidRead = result;
            const clean = !result.refused.length && !result.moved.length;
            this.showFeedback(clean ? "success" : "error", rfidReadMessage(result));
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

    /** Queue a typed quantity; resolves to whether it was saved. */
    async saveQuantity(line, value) {
        const result = await this.queue.push("quantity", { line_id: line.id, value });
        return result?.type === "line";
    }

    onUndo() {
        return this.queue.push("undo");
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
        if (await askConfirmation(this.dialog, question, _t("Finish location"))) {
            await this.queue.push("finish_location", {
                session_id: current.session_id,
                location_id: current.location_id,
            });
        }
    }

    async onFinishSession(session) {
        const confirmed = await askConfirmation(
            this.dialog,
            _t("Finish %s? Your counts are then final: you can no longer scan, change or undo them.", session.name),
            _t("Finish count")
        );
        if (confirmed) {
            await this.queue.push("finish_session", { session_id: session.id });
        }
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
