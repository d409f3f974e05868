from odoo import models
from odoo.tools import float_compare


class StockMove(models.Model):
    _inherit = "stock.move"

    def _action_done(self, cancel_backorder=False):
        short_picks = self._short_picked()
        moves = super()._action_done(cancel_backorder=cancel_backorder)
        moves._queue_exception_counts(short_picks)
        return moves

    def _short_picked(self):
        """Moves out of an internal location that leave with less than asked for."""
        return self.filtered(
            lambda move: (
                not move.is_inventory
                and move.location_id.usage == "internal"
                and move.location_id.warehouse_id.count_counter_ids
                and move.product_id.is_storable
                and float_compare(
                    move.quantity, move.product_uom_qty, precision_rounding=move.product_uom.rounding
                )
                < 0
            )
        )

    def _queue_exception_counts(self, short_picks):
        """Exception counts after these moves: quants gone negative, locations emptied
        (zero confirmation), and short picks where the system still shows stock. Count
        adjustments ask for nothing: they are the outcome of a count."""
        done = self.filtered(lambda move: move.state == "done" and not move.is_inventory)
        sources = done.move_line_ids.location_id.filtered(
            lambda location: location.usage == "internal" and location.warehouse_id.count_counter_ids
        )
        entries = []
        if sources:
            Quant = self.env["stock.quant"].sudo()
            groups = Quant._read_group(
                [("location_id", "in", sources.ids), ("product_id", "in", done.product_id.ids)],
                ["product_id", "location_id", "lot_id"],
                ["quantity:sum"],
            )
            entries += [
                (product, location, lot, "negative", ", ".join(done.mapped("reference")))
                for product, location, lot, quantity in groups
                if quantity < 0
            ]
            stocked = {
                location
                for (location,) in Quant._read_group(
                    [("location_id", "in", sources.ids), ("quantity", ">", 0)], ["location_id"]
                )
            }
            for move_line in done.move_line_ids.filtered(
                lambda ml: ml.location_id in sources and ml.location_id not in stocked
            ):
                entries.append(
                    (
                        move_line.product_id,
                        move_line.location_id,
                        move_line.lot_id,
                        "empty",
                        move_line.reference,
                    )
                )
        entries += short_picks._short_pick_entries()
        if entries:
            self.env["stock.count.exception"]._queue(entries)

    def _short_pick_entries(self):
        if not self:
            return []
        quants = (
            self.env["stock.quant"]
            .sudo()
            .search(
                [
                    ("product_id", "in", self.product_id.ids),
                    ("location_id", "child_of", self.location_id.ids),
                    ("quantity", ">", 0),
                ]
            )
        )
        entries = []
        for move in self:
            for quant in quants.filtered(
                lambda q, move=move: (
                    q.product_id == move.product_id
                    and q.location_id.parent_path.startswith(move.location_id.parent_path)
                )
            ):
                entries.append(
                    (
                        quant.product_id,
                        quant.location_id,
                        quant.lot_id,
                        "short_pick",
                        move.reference or move.name,
                    )
                )
        return entries
