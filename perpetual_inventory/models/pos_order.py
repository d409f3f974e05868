import logging

import psycopg2

from odoo import api, models

from ..tools import lock_or_retry

_logger = logging.getLogger(__name__)


class PosOrder(models.Model):
    _inherit = "pos.order"

    def init(self):
        # The same order sent twice (two tabs, a retry after a timeout) is one order.
        try:
            with self.env.cr.savepoint():
                self.env.cr.execute("""
                    CREATE UNIQUE INDEX IF NOT EXISTS pos_order_unique_uuid
                        ON pos_order (uuid) WHERE uuid IS NOT NULL
                """)
        except psycopg2.errors.UniqueViolation:
            _logger.warning(
                "pos_order holds orders saved twice (same uuid): not indexed as unique; "
                "the advisory lock of sync_from_ui still prevents new ones."
            )

    @api.model
    def sync_from_ui(self, orders):
        # Two clients sending the same order at the same moment: the second one waits for
        # the first, then starts again and finds the order saved, so it books nothing.
        for uuid in sorted({order.get("uuid") for order in orders if order.get("uuid")}):
            lock_or_retry(self.env.cr, f"pos.order:{uuid}")
        return super().sync_from_ui(orders)

    def _prepare_aml_values_list_per_nature(self):
        values = super()._prepare_aml_values_list_per_nature()
        if self.company_id._books_cogs_at_delivery():
            # Invoicing an order after its session closed must not book COGS again.
            values.pop("stock", None)
        return values

    def _create_order_picking(self):
        # Mark the COGS lines when they are created: writing them once posted
        # costs a full journal item write per order.
        return super(PosOrder, self.with_context(perpetual_cogs_source="pos"))._create_order_picking()
