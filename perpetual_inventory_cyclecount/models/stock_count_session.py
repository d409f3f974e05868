from odoo import _, api, fields, models


class StockCountSession(models.Model):
    _inherit = "stock.count.session"

    warehouse_id = fields.Many2one(
        "stock.warehouse", readonly=True, index="btree_not_null", check_company=True
    )
    schedule_date = fields.Date(
        string="Scheduled For",
        readonly=True,
        index="btree_not_null",
        copy=False,
        help="The day of the daily cycle count this session is.",
    )

    _sql_constraints = [
        (
            "schedule_warehouse_date_uniq",
            "unique(warehouse_id, schedule_date)",
            "A warehouse has one daily cycle count per day.",
        ),
    ]

    def _add_schedule_lines(self, entries):
        """Add lines for [(product, location, lot, reason)] to this day's count; an item
        already open on it keeps its line. Returns {item key: line}."""
        self.ensure_one()
        # Read only the lines of the entries' locations: a daily count has thousands.
        Line = self.env["stock.count.line"].sudo()
        lines_there = Line.search(
            [("session_id", "=", self.id), ("location_id", "in", [entry[1].id for entry in entries])]
        )
        open_lines = {
            (line.product_id.id, line.location_id.id, line.lot_id.id): line
            for line in lines_there.filtered(lambda line: line.state == "to_count")
        }
        counter_of_location = {line.location_id.id: line.counter_id.id for line in lines_there}
        lines_per_counter = {counter.id: 0 for counter in self.counter_ids}
        for counter, count in Line._read_group([("session_id", "=", self.id)], ["counter_id"], ["__count"]):
            lines_per_counter[counter.id] = count
        vals_list, keys = [], []
        for product, location, lot, reason in entries:
            key = (product.id, location.id, lot.id)
            if key in open_lines or key in keys:
                continue
            if location.id not in counter_of_location and lines_per_counter:
                counter_of_location[location.id] = min(lines_per_counter, key=lines_per_counter.get)
            counter_id = counter_of_location.get(location.id, False)
            if counter_id:
                lines_per_counter[counter_id] += 1
            keys.append(key)
            vals_list.append(
                {
                    "session_id": self.id,
                    "product_id": product.id,
                    "location_id": location.id,
                    "lot_id": lot.id,
                    "counter_id": counter_id,
                    "schedule_reason": reason,
                }
            )
        new_lines = self.env["stock.count.line"].sudo().create(vals_list)
        open_lines.update(zip(keys, new_lines))
        self.sudo().location_ids |= new_lines.location_id
        return open_lines

    @api.model
    def action_open_todays_counts(self):
        """Today's counts of the user (one per warehouse), straight in the Count screen."""
        action = self.env["ir.actions.actions"]._for_xml_id("perpetual_inventory.action_count_screen")
        sessions = self.search(
            [
                ("schedule_date", "=", fields.Date.context_today(self)),
                ("state", "in", ("in_progress", "counted")),
                ("counter_ids", "in", self.env.uid),
            ]
        )
        action["context"] = {
            "active_model": "stock.count.session",
            "active_id": sessions[:1].id,
            "active_ids": sessions.ids,
        }
        action["name"] = _("Today's Counts")
        return action
