"""Two requests doing the same thing at the same moment must produce one result.

Odoo runs each request in a REPEATABLE READ transaction and retries the whole
request when PostgreSQL reports a serialization failure. These helpers turn
"someone else is doing this right now" into such a retry: the retried request
starts with a fresh snapshot and sees what the other one committed.
"""


def retry_transaction(cr, reason):
    """Abort the current transaction with a real serialization failure (SQLSTATE 40001),
    so that Odoo retries the request from the start."""
    cr.execute(
        "DO $$ BEGIN RAISE EXCEPTION USING ERRCODE = 'serialization_failure', MESSAGE = %s; END $$",
        [reason],
    )


def lock_or_retry(cr, key):
    """Hold a transaction-level advisory lock named ``key`` until this transaction ends.

    When another transaction holds it, wait until it is done, then have the request
    retried: its snapshot predates what the other transaction committed."""
    cr.execute("SELECT pg_try_advisory_xact_lock(hashtextextended(%s, 0))", [key])
    if cr.fetchone()[0]:
        return
    cr.execute("SELECT pg_advisory_xact_lock(hashtextextended(%s, 0))", [key])
    retry_transaction(cr, f"{key} was being saved by another request")
