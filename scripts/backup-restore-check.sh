#!/usr/bin/env bash
# Back up the levensfase PostgreSQL database, restore the backup into a scratch database and check
# that every table came back with the same rows (count and checksum); the scratch database is
# dropped afterwards, the backup file is kept. See docs/deploy.md, "Backups".
#
#   DATABASE_URL=postgres://user:password@host:5432/levensfase scripts/backup-restore-check.sh [BACKUP_FILE]
#
# Exit 0: the backup restores to the same data. Exit 1: a table differs (listed). Exit 2: usage.
# Compare with a quiet database: rows written after pg_dump's snapshot show as a difference.
set -euo pipefail

url="${DATABASE_URL:-}"
case "$url" in
  postgres://*|postgresql://*) ;;
  *) echo "backup-restore-check: set DATABASE_URL=postgres://user:password@host:5432/name" >&2; exit 2 ;;
esac
for tool in pg_dump pg_restore psql; do
  command -v "$tool" >/dev/null || { echo "backup-restore-check: $tool is missing (apt install postgresql-client)" >&2; exit 2; }
done

base="${url%/*}"
name="${url##*/}"
query=""
if [[ "$name" == *\?* ]]; then query="?${name#*\?}"; name="${name%%\?*}"; fi
backup="${1:-$(mktemp -d)/levensfase-$(date +%Y%m%d-%H%M%S).dump}"
scratch="${name}_restore_check_$$"

pg_dump --format=custom --no-owner --no-privileges --file="$backup" "$url"
psql -q "$base/postgres$query" -c "CREATE DATABASE \"$scratch\""
trap 'psql -q "$base/postgres$query" -c "DROP DATABASE IF EXISTS \"$scratch\" WITH (FORCE)"' EXIT
pg_restore --no-owner --no-privileges --exit-on-error --dbname="$base/$scratch$query" "$backup"

# One line per table: name|rows|md5 of all rows in a fixed order.
fingerprint() {
  local database="$1" table
  for table in $(psql -At "$database" -c "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"); do
    psql -At "$database" -c "SELECT '$table', count(*), md5(coalesce(string_agg(t::text, E'\n' ORDER BY t::text), ''))
                              FROM public.\"$table\" t"
  done
}

original="$(fingerprint "$url")"
restored="$(fingerprint "$base/$scratch$query")"
if [ "$original" != "$restored" ]; then
  echo "backup-restore-check: the restored database differs from $name:" >&2
  diff <(echo "$original") <(echo "$restored") >&2 || true
  exit 1
fi
echo "$original" | awk -F'|' '{ printf "%-40s %10d rows\n", $1, $2 }'
echo "OK: $backup restores to the same $(echo "$original" | wc -l) tables of $name"
