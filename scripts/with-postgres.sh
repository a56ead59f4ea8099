#!/usr/bin/env bash
# Run a command with MIM_TEST_PG_URL pointing at PostgreSQL: the server already
# named by MIM_TEST_PG_URL, or else a throwaway cluster (scripts/pg-scratch.sh)
# started on a free port and stopped when the command ends, however it ends.
#   scripts/with-postgres.sh .venv/bin/pytest -q
set -euo pipefail
if [ -n "${MIM_TEST_PG_URL:-}" ]; then
  exec "$@"
fi
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "DB=postgres: set MIM_TEST_PG_URL to a server where the user may create databases," >&2
  echo "or install PostgreSQL (apt-get install postgresql) to get a scratch server." >&2
  exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
dir=$(mktemp -d "${TMPDIR:-/tmp}/mim-pg.XXXXXX")
port=${MIM_TEST_PG_PORT:-$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')}
cleanup() { "$here/pg-scratch.sh" stop "$dir"; rm -rf "$dir"; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
if ! MIM_TEST_PG_URL=$("$here/pg-scratch.sh" start "$dir" "$port"); then
  cat "$dir/server.log" >&2 2>/dev/null || true
  exit 1
fi
export MIM_TEST_PG_URL
echo "scratch PostgreSQL at $MIM_TEST_PG_URL (stopped on exit)" >&2
"$@"
