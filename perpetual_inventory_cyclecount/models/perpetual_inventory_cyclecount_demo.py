"""Demo cycle counting: the demo company classified, both warehouses on a daily count
with the demo counters, today's counts and a year's schedule. Called from demo XML."""

from odoo import Command, api, fields, models


class PerpetualInventoryCyclecountDemo(models.AbstractModel):
    _name = "perpetual.inventory.cyclecount.demo"
    _description = "Perpetual Inventory cycle counting demo data"

    @api.model
    def _setup_cycle_counting(self):
        ref = self.env.ref
        company = ref("base.main_company")
        counters = ref("perpetual_inventory.user_counter") | ref("perpetual_inventory.user_counter_2")
        manager = ref("perpetual_inventory.user_manager")
        ref("stock.warehouse0").write(
            {
                "count_counter_ids": [Command.set(counters.ids)],
                "count_responsible_id": manager.id,
                "count_calendar_id": company.resource_calendar_id.id,
            }
        )
        ref("perpetual_inventory.warehouse_shop").write(
            {
                "count_counter_ids": [Command.set(counters.ids)],
                "count_responsible_id": manager.id,
                "count_calendar_id": ref("perpetual_inventory_cyclecount.calendar_shop_every_day").id,
                "count_capacity": 20,
            }
        )
        self.env["product.product"]._classify_abc(company)
        self._queue_shop_short_picks()
        self.env["stock.warehouse"]._cron_build_cycle_counts()
        # The variance waiting for approval asks for a recount: it joins the next daily count.
        waiting = self.env["stock.variance"].search(
            [("company_id", "=", company.id), ("state", "=", "to_approve")], limit=1
        )
        if waiting:
            waiting.with_user(manager).action_request_recount()
        return fields.Date.context_today(self)

    @api.model
    def _queue_shop_short_picks(self):
        """This morning two sales at the shop found the shelf empty: both items join today's
        count, so that the demo counters have a list whatever the day's share of the cycle
        (the shop's 38 items need less than one line a day)."""
        floor = self.env.ref("perpetual_inventory.location_shop_floor")
        quants = self.env["stock.quant"].search(
            [("location_id", "=", floor.id), ("quantity", ">", 0)], order="quantity, id", limit=2
        )
        self.env["stock.count.exception"]._queue(
            [(quant.product_id, floor, quant.lot_id, "short_pick", "Shop POS") for quant in quants]
        )
