#!/usr/bin/env bash
# Start a throwaway PostgreSQL server for the store tests and print its URL on stdout.
# Installs Debian's postgresql package when the server binaries are missing (needs root).
#   export WARTA_TEST_POSTGRES_URL=$(scripts/postgres-test-server.sh)
set -euo pipefail
PORT=${WARTA_PG_PORT:-54329}
ROOT=${WARTA_PG_DIR:-/tmp/warta-pg}

bindir() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }

if [ -z "$(bindir)" ]; then
  echo "installing postgresql (Debian package)..." >&2
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >&2
fi
BIN=$(bindir)
RUN_AS=(su postgres -c)
if [ "$(id -u)" != 0 ]; then RUN_AS=(bash -c); fi

if ! "$BIN/pg_isready" -h "$ROOT" -p "$PORT" -q 2>/dev/null; then
  mkdir -p "$ROOT"
  [ "$(id -u)" = 0 ] && chown postgres "$ROOT"
  if [ ! -d "$ROOT/data" ]; then
    "${RUN_AS[@]}" "$BIN/initdb -D $ROOT/data -A trust -U postgres" >&2
  fi
  "${RUN_AS[@]}" "$BIN/pg_ctl -D $ROOT/data -o '-p $PORT -k $ROOT -c listen_addresses=localhost' -l $ROOT/log -w start" >&2
fi
psql -h "$ROOT" -p "$PORT" -U postgres -tAc "select 1 from pg_database where datname='warta_test'" \
  | grep -q 1 || psql -h "$ROOT" -p "$PORT" -U postgres -qc "create database warta_test" >&2
echo "postgresql://postgres@localhost:$PORT/warta_test"
