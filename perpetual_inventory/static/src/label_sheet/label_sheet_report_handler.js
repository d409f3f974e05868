/** @odoo-module **/

import { registry } from "@web/core/registry";
import { download } from "@web/core/network/download";
import { user } from "@web/core/user";
import { getReportUrl } from "@web/webclient/actions/reports/utils";

/**
 * Label sheets are drawn as PDF by the server (reportlab), never by wkhtmltopdf: download
 * them straight away, without the wkhtmltopdf check that would fall back to an HTML page
 * when wkhtmltopdf is missing or broken. The print action marks them with `label_sheet`.
 */
async function labelSheetReportHandler(action, options, env) {
    if (action.report_type !== "qweb-pdf" || !action.context?.label_sheet) {
        return false;
    }
    env.services.ui.block();
    try {
        await download({
            url: "/report/download",
            data: {
                data: JSON.stringify([getReportUrl(action, "pdf"), action.report_type]),
                context: JSON.stringify({ ...user.context, ...action.context }),
            },
        });
    } finally {
        env.services.ui.unblock();
    }
    options.onClose?.();
    return true;
}

registry.category("ir.actions.report handlers").add("perpetual_inventory_label_sheet", labelSheetReportHandler);
