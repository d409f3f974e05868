/** @odoo-module **/

import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("perpetual_inventory_kpi_dashboard_tour", {
    steps: () => [
        {
            content: "the record accuracy tile shows the last day against its target",
            trigger: ".o_pi_kpi_tile_record_accuracy .o_pi_kpi_value:contains('50.0 %')",
        },
        { trigger: ".o_pi_kpi_tile_record_accuracy.o_pi_kpi_red" },
        { trigger: ".o_pi_kpi_tile_record_accuracy .o_pi_kpi_target:contains('98.0 %')" },
        { content: "open the count lines behind it", trigger: ".o_pi_kpi_tile_record_accuracy", run: "click" },
        { content: "the decided count lines of the day", trigger: ".o_list_view .o_data_row:nth-child(2)" },
        { trigger: ".o_breadcrumb:contains('Counted Lines')" },
    ],
});
