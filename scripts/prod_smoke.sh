#!/usr/bin/env bash
# make prod-smoke: the production profile on this machine (nginx + Granian +
# PostgreSQL + Redis + task worker, all on loopback), the demo, a few checks,
# a short load, and everything stopped again.
set -euo pipefail
source "$(dirname "$0")/prod_stack.sh"
stack_require
trap stack_stop EXIT
stack_start
BASE="http://127.0.0.1:$NGINX_PORT"
ARTICLE="/swiat-region-ludzie/wspolpraca-z-innymi-miastami/"
fail() { echo "BŁĄD: $*" >&2; exit 1; }

echo "== strony przez nginx"
for path in / "$ARTICLE" /aktualnosci/ /kontakt/ /deklaracja-dostepnosci/ /zalatw-sprawe/ /komunikaty/ /budzet-obywatelski/ /sit/ /fundusze-europejskie/ /ngo/ /szukaj/?q=smog; do
  code=$(curl -s -o /dev/null -w '%{http_code}' "$BASE$path")
  printf '  %-45s %s\n' "$path" "$code"
  [ "$code" = 200 ] || fail "$path odpowiada $code"
done

echo "== nagłówki"
headers=$(curl -sI "$BASE$ARTICLE")
# HSTS goes out on HTTPS only; ask the app as the TLS terminator would.
curl -sI -H 'X-Forwarded-Proto: https' "http://127.0.0.1:$APP_PORT$ARTICLE" \
  | grep -qi '^strict-transport-security' || fail "brak HSTS"
grep -qi "^content-security-policy: default-src 'self'" <<<"$headers" || fail "brak CSP"
curl -s -o /dev/null "$BASE$ARTICLE"
status=$(curl -sI "$BASE$ARTICLE" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-cache-status"{print $2}')
echo "  front cache: $status"; [[ "$status" =~ HIT|UPDATING|STALE|MISS|EXPIRED ]] || fail "brak X-Cache-Status"
css=$(curl -s "$BASE$ARTICLE" | grep -o '/static/core/css/site\.[0-9a-f]*\.css' | head -n1)
[ -n "$css" ] || fail "brak pliku CSS z hashem w nazwie"
curl -sI -H 'Accept-Encoding: gzip' "$BASE$css" | grep -qi 'immutable' || fail "statyczne pliki bez długiego cache"
# Without compression nginx reads the file itself (www-data, through the app's group).
code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Accept-Encoding: identity' "$BASE$css")
[ "$code" = 200 ] || fail "nginx nie czyta $css bez kompresji ($code): uprawnienia plików"
echo "  statyczne: $css (immutable, z kompresją i bez)"

echo "== publikacja widoczna od razu"
# The worker first sends the demo's own PURGEs; wait until its queue is empty.
"$PY" "$ROOT/manage.py" shell -c "
import time
from django_tasks_db.models import DBTaskResult
from django_tasks_db.compat import TaskResultStatus
deadline = time.monotonic() + 60
while DBTaskResult.objects.filter(status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING]).exists():
    assert time.monotonic() < deadline, 'worker queue never drained'
    time.sleep(0.2)" >/dev/null
: >"$STACK_DIR/nginx-purge.log"
"$PY" "$ROOT/manage.py" shell -c "
from ratusz.pages.models import ArticlePage
p = ArticlePage.objects.get(slug='wspolpraca-z-innymi-miastami')
p.title = 'Współpraca — sprawdzenie publikacji'
p.save_revision().publish()" >/dev/null
# The app's own cache is purged in the publishing transaction: the next request
# through nginx already has the change.
curl -s -D "$STACK_DIR/after-publish.h" -o "$STACK_DIR/after-publish.html" "$BASE$ARTICLE"
grep -q 'sprawdzenie publikacji' "$STACK_DIR/after-publish.html" ||
  fail "zmiana niewidoczna po publikacji: $(tr -d '\r' <"$STACK_DIR/after-publish.h" | grep -iE '^HTTP|cache|retry' | tr '\n' ' ')"
# Wagtail's PURGE goes through the task worker after commit and refreshes
# nginx's copy of the page on the Site's host (localhost).
for _ in $(seq 1 50); do
  grep -q "^PURGE localhost $ARTICLE 200\$" "$STACK_DIR/nginx-purge.log" && break
  sleep 0.2
done
grep -q "^PURGE localhost $ARTICLE 200\$" "$STACK_DIR/nginx-purge.log" \
  || fail "nginx nie dostał PURGE dla $ARTICLE: $(cat "$STACK_DIR/nginx-purge.log")"
curl -s -D "$STACK_DIR/after-purge.h" -o "$STACK_DIR/after-purge.html" -H 'Host: localhost' "$BASE$ARTICLE"
grep -q 'sprawdzenie publikacji' "$STACK_DIR/after-purge.html" ||
  fail "kopia w nginx po PURGE nieaktualna: $(tr -d '\r' <"$STACK_DIR/after-purge.h" | grep -iE '^HTTP|cache' | tr '\n' ' ')"
echo "  ok; PURGE od Wagtaila (przez workera), odświeżone w nginx adresy: $(grep -c . "$STACK_DIR/nginx-purge.log")"

echo "== krótkie obciążenie (wrk, 50 połączeń, 5 s)"
wrk -t2 -c50 -d5s "$BASE$ARTICLE" | grep -E 'Requests/sec|Latency|Non-2xx' || true
echo "== worker"
"$PY" "$ROOT/manage.py" publish_scheduled >/dev/null && echo "  publish_scheduled: ok"
echo "prod-smoke: OK"
