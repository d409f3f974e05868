/** @odoo-module **/

import { Component, onWillStart, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";

const SPARK_WIDTH = 160;
const SPARK_HEIGHT = 36;

/**
 * The KPI dashboard: one tile per KPI of the last snapshot day, with the day it shows,
 * its target, a 90-day sparkline and a green/amber/red status. Everything comes from one
 * server call; a tile opens the records behind that day's figure.
 */
export class KpiDashboard extends Component {
    static template = "perpetual_inventory_kpi.KpiDashboard";
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({ data: null, warehouseId: false, classId: false });
        onWillStart(() => this.load());
    }

    async load() {
        this.state.data = await this.orm.call("stock.kpi.snapshot", "get_dashboard_data", [], {
            warehouse_id: this.state.warehouseId,
            abc_class_id: this.state.classId,
        });
    }

    async onFilterChange(key, ev) {
        this.state[key] = parseInt(ev.target.value) || false;
        await this.load();
    }

    async openTile(tile) {
        const action = await this.orm.call("stock.kpi.snapshot", "action_open_kpi_records", [
            tile.key, this.state.data.date, this.state.warehouseId, this.state.classId,
        ]);
        this.action.doAction(action);
    }

    openAnalysis() {
        this.action.doAction("perpetual_inventory_kpi.action_stock_kpi_snapshot");
    }

    format(value, unit) {
        if (value === null || value === undefined) {
            return "—";
        }
        if (unit === "%") {
            return `${value.toFixed(1)} %`;
        }
        if (unit === "money") {
            const { symbol, position } = this.state.data.currency;
            const amount = Math.round(value).toLocaleString();
            return position === "before" ? `${symbol} ${amount}` : `${amount} ${symbol}`;
        }
        if (unit === "days") {
            return _t("%s days", value.toFixed(0));
        }
        return value.toFixed(2);
    }

    targetLabel(tile) {
        if (tile.target === null || tile.target === undefined) {
            return tile.better === "higher" ? _t("should rise") : tile.better === "lower" ? _t("should fall") : "";
        }
        return (tile.better === "higher" ? "≥ " : "≤ ") + this.format(tile.target, tile.unit);
    }

    sparkline(trend) {
        const points = trend.map((value, index) => [index, value]).filter(([, value]) => value !== null);
        if (points.length < 2) {
            return "";
        }
        const values = points.map(([, value]) => value);
        const min = Math.min(...values);
        const span = Math.max(...values) - min || 1;
        const step = SPARK_WIDTH / Math.max(trend.length - 1, 1);
        return points
            .map(([index, value]) => {
                const x = (index * step).toFixed(1);
                const y = (SPARK_HEIGHT - 2 - ((value - min) / span) * (SPARK_HEIGHT - 4)).toFixed(1);
                return `${x},${y}`;
            })
            .join(" ");
    }

    get sparkWidth() {
        return SPARK_WIDTH;
    }

    get sparkHeight() {
        return SPARK_HEIGHT;
    }
}

registry.category("actions").add("perpetual_inventory_kpi.dashboard", KpiDashboard);
