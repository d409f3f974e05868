from .concurrency import lock_or_retry, retry_transaction
from .inputs import check_date, check_field_values, check_number, check_record_id
from .jobs import replica_env, try_job_lock
