#!/bin/bash
# The streaming replica: on first start, copy the primary with pg_basebackup
# (-R writes standby.signal and the connection to the primary), then run as a hot standby.
set -euo pipefail
if [ ! -s "$PGDATA/PG_VERSION" ]; then
    until pg_basebackup --host=db --username=replicator --pgdata="$PGDATA" \
            --wal-method=stream --write-recovery-conf --checkpoint=fast; do
        echo "waiting for the primary..." >&2
        rm -rf "${PGDATA:?}"/*
        sleep 2
    done
    chmod 700 "$PGDATA"
fi
exec postgres -c hot_standby=on
