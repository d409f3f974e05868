#!/usr/bin/env bash
# Backs up one Odoo database: a pg_dump of the database plus its filestore, in one folder.
#
#   bash scripts/backup.sh <database> [<backups folder, default ./backups>]
#
# Prints the folder it wrote, <backups folder>/<database>-<UTC date and time>/ holding
# database.dump (pg_dump custom format) and filestore.tar.gz. Restore it with
# scripts/restore.sh. With PGHOST set, the database is read from that server (libpq's
# PGHOST, PGPORT, PGUSER, PGPASSWORD) and the filestore from ODOO_DATA_DIR; otherwise
# from the private cluster and the data folder of scripts/run.sh.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

[ $# -ge 1 ] || die "usage: bash scripts/backup.sh <database> [<backups folder>]"
DB=$1
DEST_ROOT=${2:-$REPO/backups}
use_backup_server
db_exists "$DB" || die "there is no database $DB to back up."

DEST=$DEST_ROOT/$DB-$(date -u +%Y%m%d-%H%M%S)
mkdir -p "$DEST"
say "Dumping database $DB"
"$PG_BIN/pg_dump" "${PG_CONN[@]}" --format=custom --no-owner --file="$DEST/database.dump" "$DB"
FILESTORE=$ODOO_DATA_DIR/filestore/$DB
say "Archiving its filestore $FILESTORE"
if [ -d "$FILESTORE" ]; then
    tar -czf "$DEST/filestore.tar.gz" -C "$FILESTORE" .
else
    tar -czf "$DEST/filestore.tar.gz" --files-from /dev/null  # a database without attachments
fi
echo "$DEST"
