from .concurrency import lock_or_retry, retry_transaction
