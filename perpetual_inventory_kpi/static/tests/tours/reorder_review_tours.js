/** @odoo-module **/

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("perpetual_inventory_kpi_reorder_tour", {
    steps: () => [
        { content: "five days of demand", trigger: ".o_field_widget[name=window_days] input", run: "edit 5" },
        { content: "compute", trigger: "button[name=action_compute]", run: "click" },
        { content: "the beans are suggested", trigger: ".o_data_row:contains('Espresso Beans')" },
        { content: "select every suggestion", trigger: "thead .o_list_record_selector input", run: "click" },
        { content: "apply them", trigger: "button[name=action_apply]", run: "click" },
        { content: "rules created", trigger: ".o_notification:contains('reordering rules created or updated')" },
    ],
});

registry.category("web_tour.tours").add("perpetual_inventory_kpi_review_tour", {
    steps: () => [
        { content: "open the quarter's review", trigger: ".o_data_row:contains('2026 Q2') .o_data_cell[name=name]", run: "click" },
        { content: "its causes are there", trigger: ".o_field_widget[name=reason_line_ids] .o_data_row:contains('Theft')" },
        { content: "the conclusions tab", trigger: ".o_notebook a:contains('Conclusions and Actions')", run: "click" },
        { content: "add an action", trigger: ".o_field_widget[name=action_ids] .o_field_x2many_list_row_add a", run: "click" },
        { content: "what", trigger: ".o_field_widget[name=action_ids] .o_selected_row [name=name] input", run: "edit Lock the cage" },
        { content: "who", trigger: ".o_field_widget[name=action_ids] .o_selected_row [name=owner_id] input", run: "edit Mia" },
        { content: "the manager", trigger: ".o-autocomplete--dropdown-item:contains('Mia Manager')", run: "click" },
        { content: "by when", trigger: ".o_field_widget[name=action_ids] .o_selected_row [name=deadline] input", run: "edit 09/30/2026" },
        { content: "save", trigger: ".o_form_button_save", run: "click" },
        { content: "saved", trigger: ".o_form_saved" },
    ],
});
