from psycopg2 import errors as pgerrors

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import mute_logger


class AccountMove(models.Model):
    _inherit = "account.move"

    stock_valuation_layer_count = fields.Integer(compute="_compute_stock_valuation_layer_count")

    def _compute_stock_valuation_layer_count(self):
        for move in self:
            # Counted for anyone who reads the entry; the layers open for inventory admins.
            move.stock_valuation_layer_count = len(move.sudo().stock_valuation_layer_ids)

    def _stock_account_prepare_anglo_saxon_out_lines_vals(self):
        # COGS was booked when the goods left: the invoice must not book it again.
        invoiced_at_delivery = self.filtered(lambda move: move.company_id._books_cogs_at_delivery())
        return super(
            AccountMove, self - invoiced_at_delivery
        )._stock_account_prepare_anglo_saxon_out_lines_vals()

    # ------------------------------------------------------------------
    # Numbering many stock entries at once
    # ------------------------------------------------------------------
    # Odoo numbers entries one at a time: for each, it looks up the journal's last number
    # (three queries), writes the next one in a savepoint, then splits it. A count books
    # thousands of entries into one journal on one day: with ``perpetual_batch_numbering``
    # in the context, the first entry of each journal and day is numbered by Odoo's own
    # method and the others get the numbers right after it, in one write. The numbers are
    # the ones Odoo would give; if another transaction took one meanwhile, the rest are
    # numbered one by one, as Odoo does.

    def _compute_name(self):  # pylint: disable=missing-return
        if not self.env.context.get("perpetual_batch_numbering") or not self._numbered_in_batch():
            return super()._compute_name()
        ordered = self.sorted(lambda move: (move.date, move.ref or "", move._origin.id))
        for entries in ordered.grouped(lambda move: (move.date, move.journal_id)).values():
            first, others = entries[:1], entries[1:]
            super(AccountMove, first)._compute_name()
            if not others:
                continue
            if first.state == "posted":
                others._number_after(first)
            else:
                # Odoo leaves a draft unnumbered once its journal has a number in the period,
                # which the first entry found or just took.
                others.name = "/"
            others._inverse_name()

    def _numbered_in_batch(self):
        """These entries are plain, unnumbered and all in the same state: Odoo would
        number each right after the previous one of its journal and day."""
        states = set(self.mapped("state"))
        return (
            len(states) == 1
            and states <= {"draft", "posted"}
            and not self.env.context.get("is_payment")
            and all(
                move.move_type == "entry"
                and move.date
                and move.journal_id
                and not move.origin_payment_id
                and move.name in (False, "/")
                for move in self
            )
        )

    def _number_after(self, previous):
        """Give these posted entries the numbers following ``previous``'s, in their order."""
        format_string, format_values = previous._get_sequence_format_param(previous.name)
        # The savepoint may be rolled back: everything else is written before it.
        self.flush_recordset()
        try:
            with self.env.cr.savepoint(flush=False), mute_logger("odoo.sql_db"):
                for number, move in enumerate(self, start=format_values["seq"] + 1):
                    move.name = format_string.format(**{**format_values, "seq": number})
                self.flush_recordset(["name"])
        except (pgerrors.ExclusionViolation, pgerrors.UniqueViolation):
            for move in self:
                move._set_next_sequence()
            return
        # What depends on the number (its prefix and rank, the lines' entry name) was
        # computed with the placeholder by the flush above: computed again.
        self.modified(["name"])
        self._compute_split_sequence()
        self.flush_recordset(["sequence_prefix", "sequence_number"])

    def action_open_stock_move(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Stock Move"),
            "res_model": "stock.move",
            "res_id": self.stock_move_id.id,
            "view_mode": "form",
        }

    def action_open_stock_valuation_layers(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Valuation Layers"),
            "res_model": "stock.valuation.layer",
            "domain": [("id", "in", self.stock_valuation_layer_ids.ids)],
            "view_mode": "list,form",
        }

    def _stock_account_anglo_saxon_reconcile_valuation(self, product=False):  # pylint: disable=missing-return
        # Odoo runs this for every valuation layer and every posted stock entry,
        # where it finds nothing: only invoices have interim lines to reconcile.
        invoices = self.filtered(lambda move: move.is_invoice())
        if invoices:
            super(AccountMove, invoices)._stock_account_anglo_saxon_reconcile_valuation(product=product)

    # ------------------------------------------------------------------
    # A stock move's entry is as final as the move
    # ------------------------------------------------------------------
    # Resetting, cancelling, reversing or deleting the entry of a done stock move would
    # leave the stock moved and the general ledger not: they are refused whoever asks.
    # Odoo itself never unposts a stock entry, so no flow needs a way around this rule.

    def _compute_show_reset_to_draft_button(self):  # pylint: disable=missing-return
        super()._compute_show_reset_to_draft_button()
        for move in self:
            if move.stock_move_id and move.state == "posted":
                move.show_reset_to_draft_button = False

    def write(self, vals):
        if vals.get("state") == "draft":
            self.filtered(lambda move: move.state == "posted")._check_stock_entries_kept(_("reset to draft"))
        elif vals.get("state") == "cancel":
            self.filtered(lambda move: move.state != "cancel")._check_stock_entries_kept(_("cancel"))
        return super().write(vals)

    def button_cancel(self):
        # Checked before Odoo resets posted entries to draft on the way to cancelled.
        self.filtered(lambda move: move.state != "cancel")._check_stock_entries_kept(_("cancel"))
        return super().button_cancel()

    def _check_draftable(self):
        self.filtered(lambda move: move.state == "posted")._check_stock_entries_kept(_("reset to draft"))
        return super()._check_draftable()

    def _reverse_moves(self, default_values_list=None, cancel=False):
        self._check_stock_entries_kept(_("reverse"))
        return super()._reverse_moves(default_values_list=default_values_list, cancel=cancel)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_stock_entries(self):
        self.filtered(lambda move: move.state == "posted" or move.posted_before)._check_stock_entries_kept(
            _("delete")
        )

    def _check_stock_entries_kept(self, action):
        """Raise when one of these entries books a stock move: ``action`` names what was asked."""
        stock_entry = self.filtered("stock_move_id")[:1]
        if stock_entry:
            raise UserError(
                _(
                    "You cannot %(action)s %(entry)s: it books %(operation)s, which is done, and the entry "
                    "is as final as the stock move (otherwise stock and the general ledger would differ). "
                    "%(correction)s",
                    action=action,
                    entry=stock_entry.name,
                    operation=stock_entry._stock_operation_name(),
                    correction=stock_entry._stock_correction_hint(),
                )
            )

    def _stock_operation_name(self):
        self.ensure_one()
        stock_move = self.sudo().stock_move_id
        variance = self.env["stock.variance"].sudo().search([("stock_move_id", "=", stock_move.id)], limit=1)
        if variance:
            return _("variance %s", variance.name)
        return stock_move.picking_id.name or stock_move.reference or stock_move.name

    def _stock_correction_hint(self):
        """How to correct the stock and its entry together, by the kind of movement."""
        self.ensure_one()
        stock_move = self.sudo().stock_move_id
        usages = {stock_move.location_id.usage, stock_move.location_dest_id.usage}
        if stock_move.variance_reason_id or stock_move.is_inventory or stock_move.scrap_id:
            return _(
                "To correct it, count the location again (a new count), or open a variance for the "
                "opposite difference: each books its own entry."
            )
        if "customer" in usages:
            return _(
                "To correct it, return the goods: a return on the delivery, or a refund of the "
                "Point of Sale order. The return books its own entry."
            )
        if "supplier" in usages:
            return _(
                "To correct it, return the goods to the vendor (a return on the receipt), or count "
                "the location again. Each books its own entry."
            )
        return _(
            "To correct it, move the goods back with a new transfer, or count the location again. "
            "Each books its own entry."
        )
