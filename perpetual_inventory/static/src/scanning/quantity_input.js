/** @odoo-module **/

import { Component, useRef } from "@odoo/owl";

/**
 * A quantity typed on a scanning screen: a tap selects it, so that typing replaces it;
 * Enter or leaving the field saves it, once. Escape puts back the shown quantity.
 *
 * `onCommit(value)` saves the typed text (decimal comma read as a point) and resolves
 * to whether it was saved; when it was not, the field shows `value` again.
 */
export class QuantityInput extends Component {
    static template = "perpetual_inventory.QuantityInput";
    static props = {
        value: String, // the quantity shown ("" when none)
        label: String,
        onCommit: Function,
    };

    setup() {
        this.inputRef = useRef("input");
        this.sending = null; // the value on its way to the server
        this.selecting = false;
    }

    onFocus(ev) {
        ev.target.select();
        this.selecting = true;
    }

    onMouseUp(ev) {
        // The mouseup of the tap that focused the field would put the caret in the selection.
        if (this.selecting) {
            ev.preventDefault();
            this.selecting = false;
        }
    }

    onKeydown(ev) {
        if (ev.key === "Enter") {
            ev.preventDefault();
            this.commit();
            ev.target.blur();
        } else if (ev.key === "Escape") {
            ev.target.value = this.props.value;
            ev.target.blur();
        }
    }

    onBlur() {
        this.selecting = false;
        this.commit();
    }

    /** Save the typed quantity unless it is already shown or on its way (Enter, then blur). */
    async commit() {
        const input = this.inputRef.el;
        const value = input.value.trim().replace(",", ".");
        const shown = this.sending ?? this.props.value;
        if (value === "" || value === shown) {
            input.value = shown;
            return;
        }
        this.sending = value;
        try {
            const saved = await this.props.onCommit(value);
            if (!saved && this.inputRef.el) {
                this.inputRef.el.value = this.props.value;
            }
        } finally {
            this.sending = null;
        }
    }
}
