/** @odoo-module **/

import { onMounted, onWillUnmount, reactive, useState } from "@odoo/owl";
import { browser } from "@web/core/browser/browser";
import { ConnectionAbortedError, ConnectionLostError } from "@web/core/network/rpc";
import { _t } from "@web/core/l10n/translation";
import { user } from "@web/core/user";
import { session } from "@web/session";

// Waits between two attempts while the server does not answer (ms), the last one repeated.
const RETRY_DELAYS = [500, 1000, 2000, 3000];

/** A random (version 4) UUID; crypto.randomUUID needs https, getRandomValues does not. */
export function makeRequestId() {
    const bytes = window.crypto.getRandomValues(new Uint8Array(16));
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function isConnectionError(error) {
    return error instanceof ConnectionLostError || error instanceof ConnectionAbortedError;
}

/**
 * The requests of a scanning screen, sent one after the other in the order made.
 *
 * Each request gets an id made here; the server keeps the answer under it, so that a
 * request sent again (its answer was lost) is answered the first way and changes
 * nothing. A request leaves the queue only once answered: when the connection drops,
 * it is sent again, still first, until the server answers; the queue is kept in the
 * browser's storage (per database, user and screen), so that a reload sends what was
 * waiting. `state.pending` tells how many requests wait, `state.offline` whether the
 * last attempt found no server.
 *
 * The screen gives `send(item)`, which makes the call for an item ({id, kind, params})
 * and returns the server's answer, and `onAnswer(item, answer)`, which shows it.
 */
export class ScanQueue {
    constructor(screenKey, { send, onAnswer }) {
        this.storageKey = `perpetual_inventory.scan_queue/${session.db}/${user.userId}/${screenKey}`;
        this.send = send;
        this.onAnswer = onAnswer;
        this.items = this.restore();
        this.state = reactive({ pending: this.items.length, offline: false });
        this.waiting = new Map(); // item id -> resolve of push()'s promise
        this.attempts = 0;
        this.timer = null;
        this.running = null;
        this.flushNow = () => this.flush();
    }

    restore() {
        try {
            const items = JSON.parse(browser.localStorage.getItem(this.storageKey) || "[]");
            return Array.isArray(items) ? items.filter((item) => item && item.id && item.kind) : [];
        } catch {
            return [];
        }
    }

    save() {
        if (this.items.length) {
            browser.localStorage.setItem(this.storageKey, JSON.stringify(this.items));
        } else {
            browser.localStorage.removeItem(this.storageKey);
        }
        this.state.pending = this.items.length;
    }

    /**
     * Queue a request of `kind` with `params` (plain data: it is stored) and send the
     * queue. Resolves with the server's answer once it came.
     */
    push(kind, params = {}) {
        const item = { id: makeRequestId(), kind, params };
        this.items.push(item);
        this.save();
        const answered = new Promise((resolve) => this.waiting.set(item.id, resolve));
        this.flush();
        return answered;
    }

    /** Send what waits, first to last; resolves once the queue is empty or the server away. */
    flush() {
        if (!this.running) {
            browser.clearTimeout(this.timer);
            this.timer = null;
            this.running = this.sendAll().finally(() => (this.running = null));
        }
        return this.running;
    }

    async sendAll() {
        while (this.items.length) {
            const item = this.items[0];
            let answer;
            try {
                answer = await this.send(item);
            } catch (error) {
                if (isConnectionError(error)) {
                    this.retryLater();
                    return;
                }
                // The server failed on it: retrying would fail again.
                answer = { type: "error", message: error.data?.message || error.message || _t("Server error") };
            }
            this.attempts = 0;
            this.state.offline = false;
            this.items.shift();
            this.save();
            await this.onAnswer(item, answer || {});
            this.waiting.get(item.id)?.(answer);
            this.waiting.delete(item.id);
        }
    }

    retryLater() {
        this.state.offline = true;
        const delay = RETRY_DELAYS[Math.min(this.attempts, RETRY_DELAYS.length - 1)];
        this.attempts++;
        this.timer = browser.setTimeout(this.flushNow, delay);
    }

    stop() {
        browser.clearTimeout(this.timer);
        this.timer = null;
    }
}

/**
 * A ScanQueue for the component's screen: what a reload left waiting is sent once the
 * screen is mounted (the screen loaded its data before), and at once when the browser
 * says it is back online.
 */
export function useScanQueue(screenKey, handlers) {
    const queue = new ScanQueue(screenKey, handlers);
    queue.state = useState(queue.state);
    onMounted(() => {
        browser.addEventListener("online", queue.flushNow);
        queue.flush();
    });
    onWillUnmount(() => {
        browser.removeEventListener("online", queue.flushNow);
        queue.stop();
    });
    return queue;
}
