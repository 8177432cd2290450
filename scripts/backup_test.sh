#!/usr/bin/env bash
# Backup drill: fill a PostgreSQL database with the demo, back it up the way
# docs/operations.md says (pg_dump custom format + tar of media), restore both
# into fresh places and compare row counts and checksums of every table and of
# every media file. Exit 0 only when the restore equals the original.
#
# Uses the local server (PG_URL, default postgres://postgres@127.0.0.1:5432);
# creates and drops its own databases, touches no other.
set -euo pipefail

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PY="${PYTHON:-$ROOT/.venv/bin/python}"
PG_URL="${PG_URL:-postgres://postgres@127.0.0.1:5432}"
SRC_DB="ratusz_backup_src_$$"
DST_DB="ratusz_backup_dst_$$"
WORK="$(mktemp -d /tmp/ratusz-backup.XXXXXX)"

cleanup() {
  psql "$PG_URL/postgres" -qc "DROP DATABASE IF EXISTS $SRC_DB WITH (FORCE)" >/dev/null 2>&1 || true
  psql "$PG_URL/postgres" -qc "DROP DATABASE IF EXISTS $DST_DB WITH (FORCE)" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

if ! pg_isready -q -d "$PG_URL/postgres"; then
  echo "BACKUP-TEST: PostgreSQL nie odpowiada pod $PG_URL" >&2
  exit 2
fi

step() { echo "==> $*"; }

export DJANGO_SETTINGS_MODULE=ratusz.settings.dev DEBUG=0
export MEDIA_ROOT="$WORK/media" RATUSZ_PRIVATE_MEDIA_ROOT="$WORK/private-media"
export DATABASE_URL="$PG_URL/$SRC_DB"
unset CACHE_URL REDIS_URL

step "baza źródłowa $SRC_DB: migracje i treści demonstracyjne"
psql "$PG_URL/postgres" -qc "CREATE DATABASE $SRC_DB" >/dev/null
"$PY" "$ROOT/manage.py" migrate -v0
"$PY" "$ROOT/manage.py" demo --accounts >/dev/null
# At least one uploaded file, so the media half of the backup is exercised.
"$PY" "$ROOT/manage.py" shell -v0 -c '
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
if not Document.objects.filter(title="Próba kopii zapasowej").exists():
    Document.objects.create(title="Próba kopii zapasowej",
        file=ContentFile(b"%PDF-1.4\n% kopia zapasowa\n%%EOF\n", name="proba-kopii.pdf"))
'

step "kopia: pg_dump (format custom) i tar mediów"
pg_dump --format=custom --no-owner --file="$WORK/ratusz.dump" "$PG_URL/$SRC_DB"
tar -C "$WORK" -czf "$WORK/media.tar.gz" media private-media 2>/dev/null \
  || tar -C "$WORK" -czf "$WORK/media.tar.gz" media
echo "    baza: $(du -h "$WORK/ratusz.dump" | cut -f1), media: $(du -h "$WORK/media.tar.gz" | cut -f1)"

step "odtworzenie do nowej bazy $DST_DB i nowego katalogu mediów"
psql "$PG_URL/postgres" -qc "CREATE DATABASE $DST_DB" >/dev/null
pg_restore --no-owner --exit-on-error --dbname="$PG_URL/$DST_DB" "$WORK/ratusz.dump"
mkdir -p "$WORK/restored"
tar -C "$WORK/restored" -xzf "$WORK/media.tar.gz"

# One line per table: name, row count, md5 of all rows in a stable order.
table_report() {
  local db="$1" tables query=""
  tables=$(psql "$PG_URL/$db" -Atc "SELECT tablename FROM pg_tables WHERE schemaname='public' ORDER BY 1")
  for t in $tables; do
    [ -n "$query" ] && query+=" UNION ALL "
    query+="SELECT '$t', count(*), coalesce(md5(string_agg(r::text, '|' ORDER BY r::text)), '-') FROM \"$t\" r"
  done
  psql "$PG_URL/$db" -At -F ' ' -c "$query ORDER BY 1"
}

media_report() {
  (cd "$1" && find . -type f -print0 | sort -z | xargs -0 -r sha256sum)
}

# BACKUP_TEST_TAMPER=1 damages the restore on purpose: the drill must then fail.
if [ "${BACKUP_TEST_TAMPER:-0}" = "1" ]; then
  psql "$PG_URL/$DST_DB" -qc "UPDATE gis_district SET population = population + 1 WHERE id = (SELECT min(id) FROM gis_district); DELETE FROM wagtailcore_modellogentry WHERE id = (SELECT max(id) FROM wagtailcore_modellogentry)" >/dev/null
  echo "uszkodzony" >>"$WORK/restored/media/$(cd "$WORK/restored/media" && find . -type f | head -n1)"
fi

step "porównanie"
table_report "$SRC_DB" >"$WORK/src.tables"
table_report "$DST_DB" >"$WORK/dst.tables"
media_report "$WORK/media" >"$WORK/src.media"
media_report "$WORK/restored/media" >"$WORK/dst.media"

status=0
tables=$(wc -l <"$WORK/src.tables")
rows=$(awk '{s += $2} END {print s}' "$WORK/src.tables")
files=$(wc -l <"$WORK/src.media")
for key in wagtailcore_page auth_user budget_project gis_district alerts_announcement \
  wagtailcore_modellogentry otp_totp_totpdevice wagtaildocs_document; do
  line=$(grep "^$key " "$WORK/src.tables" || true)
  [ -n "$line" ] && echo "    $line"
done
if ! diff -u "$WORK/src.tables" "$WORK/dst.tables" >"$WORK/tables.diff"; then
  echo "RÓŻNICA w tabelach:"; head -40 "$WORK/tables.diff"; status=1
fi
if ! diff -u "$WORK/src.media" "$WORK/dst.media" >"$WORK/media.diff"; then
  echo "RÓŻNICA w plikach mediów:"; head -40 "$WORK/media.diff"; status=1
fi
if [ "$rows" -lt 100 ] || [ "$files" -lt 1 ]; then
  echo "Za mało danych do porównania (wierszy: $rows, plików: $files)"; status=1
fi

if [ "$status" -eq 0 ]; then
  echo "BACKUP-TEST OK: $tables tabel, $rows wierszy i $files plików odtworzonych bez różnic"
else
  echo "BACKUP-TEST BŁĄD: kopia po odtworzeniu różni się od oryginału" >&2
fi
exit "$status"
