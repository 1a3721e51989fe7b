#!/bin/sh
# Restore an Off-Ramps backup made by deploy/backup.sh.
#
#   DATABASE_URL=postgres://.../new_database deploy/restore.sh FILE [--replace]
#
# Restores into the database DATABASE_URL names: a fresh, empty one (`createdb NAME`), the
# safe way. --replace first drops what the backup holds from a database in use: stop the
# web servers and workers first (README "Backups and restore"). Everything happens in one
# transaction: on any error nothing is restored.
set -eu

: "${DATABASE_URL:?Set DATABASE_URL to the database to restore into.}"
file="${1:?Name the backup file to restore.}"
[ -f "$file" ] || { echo "No such backup file: $file" >&2; exit 2; }
clean=""
if [ "${2:-}" = "--replace" ]; then
    clean="--clean --if-exists"
elif [ -n "${2:-}" ]; then
    echo "Unknown option: $2 (only --replace)" >&2
    exit 2
fi

# shellcheck disable=SC2086
pg_restore --single-transaction --exit-on-error --no-owner --no-privileges $clean \
    --dbname="$DATABASE_URL" "$file"
echo "Restored $file."
