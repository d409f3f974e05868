"""Helpers for scheduled jobs that several cron workers or Odoo nodes may run at once.

- ``try_job_lock(cr, "my_job")``: call it first in a cron method and return at once
  when it answers False: another worker or node is running the same job right now.
- ``with replica_env(env) as read_env:``: run heavy reads on the read-only replica
  (``db_replica_host``) when one is configured, on the current cursor otherwise.
"""

import contextlib

from odoo.tools import config

# First key of every advisory lock of the suite, so that they cannot collide with
# the locks of other addons that use the one-key form.
LOCK_NAMESPACE = "perpetual_inventory"


def try_job_lock(cr, job_name):
    """Take the transaction-level PostgreSQL advisory lock of ``job_name``, without waiting.

    Returns False when another transaction holds it. PostgreSQL releases the lock
    when the transaction ends (commit or rollback), so a run that dies half way
    leaves neither a lock nor half-written data behind, and the next run starts
    afresh.
    """
    cr.execute(
        "SELECT pg_try_advisory_xact_lock(hashtext(%s), hashtext(%s))",
        [LOCK_NAMESPACE, job_name],
    )
    return cr.fetchone()[0]


@contextlib.contextmanager
def replica_env(env):
    """Yield an environment like ``env`` on a read-only cursor when a replica is configured.

    That cursor reads the replica's committed data only: use it for reads that
    need not see the current transaction's own changes. Without ``db_replica_host``
    (and inside tests, where everything runs in one transaction) ``env`` itself is
    yielded.
    """
    if config["db_replica_host"] is False or env.registry.test_cr is not None:
        yield env
        return
    with contextlib.closing(env.registry.cursor(readonly=True)) as cr:
        yield env(cr=cr)
