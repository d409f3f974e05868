from .concurrency import lock_or_retry, retry_transaction
from .jobs import replica_env, try_job_lock
