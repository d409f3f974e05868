from .jobs import replica_env, try_job_lock
