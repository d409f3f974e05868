from odoo import models
from odoo.tools import float_compare


class StockMove(models.Model):
    _inherit = "stock.move"

    def _action_done(self, cancel_backorder=False):
        short_picks = self._short_picked()
        short_bins = short_picks._short_bins()  # read before validation drops unpicked lines
        moves = super()._action_done(cancel_backorder=cancel_backorder)
        moves._queue_exception_counts(short_picks, short_bins)
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
                    move._leaving_qty(), move.product_uom_qty, precision_rounding=move.product_uom.rounding
                )
                < 0
            )
        )

    def _leaving_qty(self):
        """What validation takes out: of a move picked by scan (Operations screen), its picked
        lines only; Odoo drops the reserved lines left unpicked."""
        self.ensure_one()
        return self._get_picked_quantity() if self.picked else self.quantity

    def _short_bins(self):
        """{move id: bins} where moves picked by scan left reserved stock unpicked: the
        picker found less there than the system shows."""
        return {
            move.id: move.move_line_ids.filtered(lambda line: not line.picked and line.quantity).location_id
            for move in self
            if move.picked
        }

    def _queue_exception_counts(self, short_picks, short_bins=None):
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
        entries += short_picks._short_pick_entries(short_bins or {})
        if entries:
            self.env["stock.count.exception"]._queue(entries)

    def _short_pick_entries(self, short_bins):
        """Count entries where these short picks left stock the system still shows: the bins
        a scanned pick left unpicked, else anywhere under the move's source location."""
        if not self:
            return []
        where = {move: short_bins.get(move.id) or move.location_id for move in self}
        locations = self.env["stock.location"].union(*where.values())
        quants = (
            self.env["stock.quant"]
            .sudo()
            .search(
                [
                    ("product_id", "in", self.product_id.ids),
                    ("location_id", "child_of", locations.ids),
                    ("quantity", ">", 0),
                ]
            )
        )
        entries = []
        for move in self:
            paths = where[move].mapped("parent_path")
            for quant in quants.filtered(
                lambda q, move=move, paths=paths: (
                    q.product_id == move.product_id and q.location_id.parent_path.startswith(tuple(paths))
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
