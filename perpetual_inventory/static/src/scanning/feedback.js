/** @odoo-module **/

import { Component, useState } from "@odoo/owl";
import { ConfirmationDialog } from "@web/core/confirmation_dialog/confirmation_dialog";
import { _t } from "@web/core/l10n/translation";
import { url } from "@web/core/utils/urls";

let sounds = null;

/** The success and error sounds of the scanning screens (loaded once). */
export function playSound(type) {
    if (!sounds) {
        const extension = new Audio().canPlayType("audio/ogg") ? "ogg" : "mp3";
        sounds = {
            error: new Audio(url(`/barcodes/static/src/audio/error.${extension}`)),
            success: new Audio(url(`/mail/static/src/audio/ting.${extension}`)),
        };
    }
    const sound = sounds[type];
    if (sound) {
        sound.currentTime = 0;
        sound.play().catch(() => {});
    }
}

/**
 * The feedback of a scanning screen: one message at a time, each replacing the one
 * before, with its sound. `feedback.show("success"|"error", message)`.
 */
export function useScanFeedback() {
    const feedback = useState({ type: null, message: "" });
    feedback.show = (type, message) => {
        feedback.type = type;
        feedback.message = message;
        playSound(type);
    };
    return feedback;
}

/** Ask a question in a dialog; resolves to true when the user confirms. */
export function askConfirmation(dialogService, body, confirmLabel) {
    return new Promise((resolve) => {
        dialogService.add(
            ConfirmationDialog,
            {
                title: _t("Please confirm"),
                body,
                confirmLabel,
                confirm: () => resolve(true),
                cancel: () => resolve(false),
            },
            { onClose: () => resolve(false) }
        );
    });
}

/**
 * The feedback line, and below it how many requests wait for the server (a dropped
 * connection: they are sent again, in order, once it answers).
 */
export class ScanFeedback extends Component {
    static template = "perpetual_inventory.ScanFeedback";
    static props = {
        feedback: Object,
        queue: { type: Object, optional: true }, // a ScanQueue's state: {pending, offline}
    };

    setup() {
        // Both change without the screen rendering again: watched here.
        this.feedback = useState(this.props.feedback);
        this.queue = this.props.queue ? useState(this.props.queue) : null;
    }
}
