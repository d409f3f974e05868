#!/usr/bin/env bash
# Restores a backup of scripts/backup.sh into a new database, with its filestore.
#
#   bash scripts/restore.sh <backup folder> <new database>
#
# The database must not exist yet: restore next to the running one, check it, then
# switch Odoo to it (-d / db_filter). Same servers as scripts/backup.sh.
source "$(dirname "${BASH_SOURCE[0]}")/common.sh"

[ $# -eq 2 ] || die "usage: bash scripts/restore.sh <backup folder> <new database>"
SRC=$1
DB=$2
[ -f "$SRC/database.dump" ] && [ -f "$SRC/filestore.tar.gz" ] \
    || die "$SRC is not a backup of scripts/backup.sh (database.dump and filestore.tar.gz expected)."
use_backup_server
db_exists "$DB" && die "the database $DB exists already: restore into a new name."
FILESTORE=$ODOO_DATA_DIR/filestore/$DB
[ -e "$FILESTORE" ] && die "the filestore $FILESTORE exists already: restore into a new name."

say "Restoring database $DB"
psql_admin -c "CREATE DATABASE \"$DB\" ENCODING 'UTF8' TEMPLATE template0"
if ! "$PG_BIN/pg_restore" "${PG_CONN[@]}" --no-owner --exit-on-error --dbname="$DB" "$SRC/database.dump"; then
    psql_admin -c "DROP DATABASE IF EXISTS \"$DB\""
    die "restoring $SRC/database.dump failed; the database $DB was removed."
fi
say "Restoring its filestore into $FILESTORE"
mkdir -p "$FILESTORE"
tar -xzf "$SRC/filestore.tar.gz" -C "$FILESTORE"
say "Restored $DB. Start Odoo on it, e.g. bash scripts/run.sh with PI_DB=$DB."
