/** @odoo-module **/

import { Component, onWillUnmount } from "@odoo/owl";
import { browser } from "@web/core/browser/browser";
import { _t } from "@web/core/l10n/translation";

// An EPC as an RFID reader in keyboard-wedge mode types it: 96 bits or more in hexadecimal
// (whole 16-bit words). Product barcodes are shorter, and GS1 codes of digits that long
// begin with an application identifier (01, 10, 21...), not with an EPC header (3x),
// unless they hold a letter no GS1 number has.
const EPC = /^[0-9A-F]{24,}$/i;

export function looksLikeEpc(code) {
    return EPC.test(code) && code.length % 4 === 0 && (/[A-F]/i.test(code) || code.startsWith("3"));
}

// A trigger pull types its tags one line after the other: a read ends when no tag came
// for this long (ms), or when it holds this many tags (the server takes up to 5 000).
const QUIET_AFTER_READ = 150;
const MAX_TAGS_PER_CALL = 1000;

/**
 * Collect the EPCs a reader types into reads: `take(code)` keeps an EPC (and returns
 * true) or leaves any other barcode to the screen (false), after the read in progress;
 * `onRead(text)` gets each read, its EPCs one per line, once the reader paused.
 */
export function useRfidReads(onRead) {
    let epcs = [];
    let timer = null;
    const send = () => {
        browser.clearTimeout(timer);
        timer = null;
        if (epcs.length) {
            const read = epcs.join("\n");
            epcs = [];
            onRead(read);
        }
    };
    onWillUnmount(send);
    return {
        take(code) {
            if (!looksLikeEpc(code)) {
                send(); // the tags read before this barcode go first
                return false;
            }
            epcs.push(code.toUpperCase());
            browser.clearTimeout(timer);
            if (epcs.length >= MAX_TAGS_PER_CALL) {
                send();
            } else {
                timer = browser.setTimeout(send, QUIET_AFTER_READ);
            }
            return true;
        },
    };
}

/** The feedback line of an RFID read: what was read and what counted. */
export function rfidReadMessage(read) {
    const parts = [
        _t("RFID: %(read)s tag(s) read, %(counted)s counted (%(units)s unit(s))", {
            read: read.tags_read,
            counted: read.tags_counted,
            units: read.units_counted,
        }),
    ];
    if (read.already_counted) {
        parts.push(_t("%s already counted", read.already_counted));
    }
    if (read.moved.length) {
        parts.push(_t("%s moved from another location", read.moved.length));
    }
    if (read.refused.length) {
        parts.push(_t("%s not counted", read.refused.length));
    }
    if (read.read_rate_band) {
        parts.push(read.read_rate_band);
    }
    return parts.join(", ");
}

/** The tags of the last RFID read that did not count, each with its EPC and why. */
export class RfidReadReport extends Component {
    static template = "perpetual_inventory.RfidReadReport";
    static props = { read: { type: [Object, { value: null }] } };
}
