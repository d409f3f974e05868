/** @odoo-module **/

import { registry } from "@web/core/registry";

const { DateTime } = luxon;

registry.category("web_tour.tours").add("perpetual_inventory_kpi_dashboard_tour", {
    steps: () => {
        // The snapshot days are UTC days; the demo manager reads dates as MM/dd/yyyy.
        const today = DateTime.utc().toFormat("MM/dd/yyyy");
        return [
            {
                content: "the record accuracy tile shows the last day against its target",
                trigger: ".o_pi_kpi_tile_record_accuracy .o_pi_kpi_value:contains('50.0 %')",
            },
            {
                content: "it says which day it shows: today, so far",
                trigger: `.o_pi_kpi_tile_record_accuracy .o_pi_kpi_day:contains('${today}, so far')`,
            },
            {
                content: "a window figure says the days it covers",
                trigger: `.o_pi_kpi_tile_cogs_30 .o_pi_kpi_day:contains('30 days to ${today}, so far')`,
            },
            { trigger: ".o_pi_kpi_tile_record_accuracy.o_pi_kpi_red" },
            { trigger: ".o_pi_kpi_tile_record_accuracy .o_pi_kpi_target:contains('98.0 %')" },
            { content: "open the count lines behind it", trigger: ".o_pi_kpi_tile_record_accuracy", run: "click" },
            { content: "the decided count lines of the day", trigger: ".o_list_view .o_data_row:nth-child(2)" },
            { trigger: ".o_list_view:not(:has(.o_data_row:nth-child(3)))" },
            { trigger: ".o_breadcrumb:contains('Counted Lines')" },
        ];
    },
});
