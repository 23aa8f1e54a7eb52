#!/usr/bin/env bash
# Start a throw-away PostgreSQL 15 on 127.0.0.1:5432 for the test suite (CI and developers, as root).
# Superuser postgres / password postgres. Idempotent: does nothing when a server already answers.
set -euo pipefail
BIN=/usr/lib/postgresql/15/bin
DATA=${PGDATA_DIR:-/var/lib/postgresql/levensfase-test}
PORT=${PGPORT:-5432}
if "$BIN/pg_isready" -q -h 127.0.0.1 -p "$PORT"; then
  if PGPASSWORD=postgres psql -q -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -c 'select 1' >/dev/null 2>&1; then
    echo "PostgreSQL already answers on 127.0.0.1:$PORT"
    exit 0
  fi
  echo "Another PostgreSQL answers on 127.0.0.1:$PORT without the test login postgres/postgres; stop it first." >&2
  exit 1
fi
mkdir -p "$DATA" /var/run/postgresql
chown postgres:postgres "$DATA" /var/run/postgresql
if [ ! -f "$DATA/PG_VERSION" ]; then
  pwfile=$(mktemp)
  echo postgres > "$pwfile"
  chown postgres "$pwfile"
  su postgres -c "$BIN/initdb -D '$DATA' -U postgres --pwfile='$pwfile' -A scram-sha-256 -E UTF8 --locale=C.UTF-8" >/dev/null
  rm -f "$pwfile"
fi
su postgres -c "$BIN/pg_ctl -D '$DATA' -l '$DATA/server.log' -w -o \"-c listen_addresses=127.0.0.1 -p $PORT -c fsync=off -c synchronous_commit=off -c full_page_writes=off\" start" >/dev/null
"$BIN/pg_isready" -h 127.0.0.1 -p "$PORT"
