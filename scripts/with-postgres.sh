#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL cluster:
#   bash scripts/with-postgres.sh npx vitest run src/hub/storage
# Starts a private cluster in a temp dir on 127.0.0.1 (a free port), creates a database,
# exports KEPU_TEST_DATABASE_URL, runs the command, then stops the cluster and deletes the dir.
# Exits with the command's exit code.
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: $0 <command> [args...]" >&2
  exit 2
fi

find_bindir() {
  local dir
  if command -v pg_config >/dev/null 2>&1; then
    dir="$(pg_config --bindir 2>/dev/null || true)"
    if [ -n "$dir" ] && [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return 0
    fi
  fi
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then
      echo "$dir"
      return 0
    fi
  done
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(command -v initdb)"
    return 0
  fi
  return 1
}

if ! BINDIR="$(find_bindir)"; then
  echo "with-postgres: PostgreSQL is not installed (no initdb/pg_ctl found); install it with: apt-get install -y postgresql" >&2
  exit 1
fi

TMP="$(mktemp -d "${TMPDIR:-/tmp}/kepu-pg.XXXXXX")"
DATA="$TMP/data"
LOG="$TMP/server.log"
started=0

# PostgreSQL refuses to run as root: run the server as an unprivileged user that owns the dir.
AS_PG=()
if [ "$(id -u)" -eq 0 ]; then
  PG_USER=postgres
  id -u "$PG_USER" >/dev/null 2>&1 || PG_USER=nobody
  chown "$PG_USER" "$TMP"
  AS_PG=(runuser -u "$PG_USER" --)
fi

# Runs a PostgreSQL binary as the server's user, from a directory that user can read.
pg() {
  (cd "$TMP" && ${AS_PG[@]+"${AS_PG[@]}"} "$BINDIR/$1" "${@:2}")
}

cleanup() {
  local code=$?
  if [ "$started" -eq 1 ]; then
    pg pg_ctl -D "$DATA" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$TMP"
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

pg initdb -D "$DATA" -U kepu --auth=trust --encoding=UTF8 --no-locale >"$TMP/initdb.log" 2>&1 || {
  cat "$TMP/initdb.log" >&2
  echo "with-postgres: initdb failed" >&2
  exit 1
}

# The port is free when picked; another process may take it first, so try a few.
PORT=""
for _ in 1 2 3 4 5; do
  PORT="$(free_port)"
  if pg pg_ctl -D "$DATA" -l "$LOG" -w -t 30 start \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k $TMP -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
    >/dev/null 2>&1; then
    started=1
    break
  fi
done
if [ "$started" -ne 1 ]; then
  cat "$LOG" >&2 || true
  echo "with-postgres: the PostgreSQL server did not start" >&2
  exit 1
fi

pg createdb -h 127.0.0.1 -p "$PORT" -U kepu kepu_test
export KEPU_TEST_DATABASE_URL="postgres://kepu@127.0.0.1:$PORT/kepu_test"
echo "with-postgres: PostgreSQL $("$BINDIR/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT" >&2

set +e
"$@"
status=$?
set -e
exit "$status"
