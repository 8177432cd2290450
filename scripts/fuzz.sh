#!/usr/bin/env bash
# A long fuzz run (not part of `make test`): thousands of hostile requests
# against every public route and form, on PostgreSQL when it is reachable
# (NUL bytes and FTS syntax fail there, not on SQLite), else on SQLite.
#   RATUSZ_FUZZ_EXAMPLES  cases per fuzz test (default 2000; make test uses 120)
#   RATUSZ_FUZZ_CRAWL     pages crawled for routes and forms (default 400)
#   RATUSZ_OPENAPI_EXAMPLES  schemathesis cases per OGC API operation and mode
#                         (default 100; make test uses 15)
#   RATUSZ_FUZZ_PG        PostgreSQL server URL (default postgres://postgres@127.0.0.1:5432)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export RATUSZ_FUZZ_EXAMPLES="${RATUSZ_FUZZ_EXAMPLES:-2000}"
export RATUSZ_FUZZ_CRAWL="${RATUSZ_FUZZ_CRAWL:-400}"
export RATUSZ_OPENAPI_EXAMPLES="${RATUSZ_OPENAPI_EXAMPLES:-100}"
PG="${RATUSZ_FUZZ_PG:-postgres://postgres@127.0.0.1:5432}"
if command -v pg_isready >/dev/null && pg_isready -q -d "$PG/postgres"; then
  # pytest-django creates (and drops) test_ratusz_fuzz next to this name.
  export DATABASE_URL="$PG/ratusz_fuzz"
  echo "Baza: PostgreSQL ($PG)"
else
  echo "Baza: SQLite (PostgreSQL nieosiągalny)"
fi
start=$(date +%s)
.venv/bin/pytest tests/security/test_fuzz_endpoints.py tests/security/test_fuzz_openapi.py \
  tests/security/test_owasp_xss.py \
  -q -s -p no:cacheprovider --create-db "$@" | grep -E "FUZZ|passed|failed|Error|^E " || true
echo "Czas: $(( $(date +%s) - start )) s, przypadków na test: $RATUSZ_FUZZ_EXAMPLES"
