"""Managers stopped implying Counter in 18.0.1.0.0's life: a database installed before
that keeps its managers in the Counter group, which hides costs and stock from them.
Nobody who manages is a blind counter: take Counter from every Manager."""

import logging

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    cr.execute("""
        DELETE FROM res_groups_users_rel counters
         USING ir_model_data counter, ir_model_data manager, res_groups_users_rel managers
         WHERE counter.module = 'perpetual_inventory' AND counter.name = 'group_counter'
           AND manager.module = 'perpetual_inventory' AND manager.name = 'group_manager'
           AND counters.gid = counter.res_id
           AND managers.gid = manager.res_id AND managers.uid = counters.uid
    """)
    if cr.rowcount:
        _logger.info("Counter group taken from %s managers", cr.rowcount)
