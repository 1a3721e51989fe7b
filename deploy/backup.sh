#!/bin/sh
# Back up the Off-Ramps database: one pg_dump file in PostgreSQL's custom format, which
# deploy/restore.sh (pg_restore) reads. Prints the file's path.
#
#   DATABASE_URL=postgres://... deploy/backup.sh [DIRECTORY]
#
# DIRECTORY defaults to $BACKUP_DIR, else /var/backups/off-ramps. Files older than
# $BACKUP_KEEP_DAYS days (14 unless set; 0 keeps all) are deleted there. The dump is written
# under a temporary name and renamed when complete, so a file with the final name is whole.
# Uploaded HSDS packages (HSDS_UPLOAD_DIR) only wait for their import: they need no backup.
set -eu

: "${DATABASE_URL:?Set DATABASE_URL to the database to back up.}"
case "$DATABASE_URL" in
    postgres://* | postgresql://*) ;;
    *) echo "backup.sh backs up PostgreSQL; DATABASE_URL is not a postgres:// URL." >&2; exit 2 ;;
esac
directory="${1:-${BACKUP_DIR:-/var/backups/off-ramps}}"
keep_days="${BACKUP_KEEP_DAYS:-14}"

mkdir -p "$directory"
file="$directory/off-ramps-$(date -u +%Y%m%dT%H%M%SZ).dump"
umask 077  # the dump holds every account's password hash and the confidential addresses
pg_dump --format=custom --no-owner --no-privileges --file="$file.partial" "$DATABASE_URL"
mv "$file.partial" "$file"

if [ "$keep_days" -gt 0 ]; then
    find "$directory" -maxdepth 1 -name 'off-ramps-*.dump' -mtime "+$keep_days" -delete
fi
echo "$file"
