# Sourced by prod_smoke.sh and bench: start the production profile on
# loopback (PostgreSQL and Redis already running; nginx, Granian and the
# task worker started here) and stop it again. Everything lives in $STACK_DIR.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="$ROOT/.venv/bin/python"
STACK_DIR="${STACK_DIR:-$(mktemp -d /tmp/ratusz-stack.XXXXXX)}"
APP_PORT="${APP_PORT:-18001}"
NGINX_PORT="${NGINX_PORT:-18080}"
STACK_DB="${STACK_DB:-ratusz_stack}"
STACK_REDIS_DB="${STACK_REDIS_DB:-13}"
PG_URL="${PG_URL:-postgres://postgres@127.0.0.1:5432}"

stack_require() {
  local missing=()
  command -v nginx >/dev/null || missing+=(nginx)
  command -v wrk >/dev/null || missing+=(wrk)
  if [ ${#missing[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
      echo "Potrzebne pakiety: ${missing[*]} (sudo apt-get install ${missing[*]})" >&2
      return 1
    fi
  fi
  pg_isready -q -h 127.0.0.1 -p 5432 || { echo "PostgreSQL nie działa na 127.0.0.1:5432" >&2; return 1; }
  redis-cli -h 127.0.0.1 ping >/dev/null || { echo "Redis nie działa na 127.0.0.1:6379" >&2; return 1; }
}

# The app's files as production writes them (docs/deployment.md, "Uprawnienia
# plików"): group ratusz, umask 027; nginx's workers (www-data) read them as
# members of that group. Without root everything runs as the caller.
stack_users() {
  [ "$(id -u)" = 0 ] || return 0
  id ratusz >/dev/null 2>&1 ||
    useradd --system --user-group --no-create-home --shell /usr/sbin/nologin ratusz
  usermod -aG ratusz www-data
}

# "${AS_APP[@]}" CMD...: run CMD in the app's group with the systemd units' umask.
AS_APP=()
if [ "$(id -u)" = 0 ]; then
  AS_APP=(setpriv --regid=ratusz --clear-groups -- sh -c 'umask 027; exec "$@"' sh)
fi

stack_env() {
  export DJANGO_SETTINGS_MODULE=ratusz.settings.production
  # One secret per stack directory: every process of the stack must share it.
  [ -f "$STACK_DIR/secret" ] || head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$STACK_DIR/secret"
  export SECRET_KEY="stack-$(cat "$STACK_DIR/secret")"
  export ALLOWED_HOSTS="127.0.0.1,localhost"
  export DATABASE_URL="$PG_URL/$STACK_DB"
  export REDIS_URL="redis://127.0.0.1:6379/$STACK_REDIS_DB"
  export CACHE_KEY_PREFIX="stack"
  export SECURE_SSL_REDIRECT=false   # loopback only, no TLS terminator here
  export STATIC_ROOT="$STACK_DIR/static" MEDIA_ROOT="$STACK_DIR/media"
  export TASKS_BACKEND=django_tasks_db.DatabaseBackend
  export FRONTEND_CACHE_URL="http://127.0.0.1:$NGINX_PORT"
  export EMAIL_BACKEND=django.core.mail.backends.filebased.EmailBackend
  export EMAIL_FILE_PATH="$STACK_DIR/mail"
  export RATUSZ_TRUSTED_PROXY_COUNT=1   # one nginx in front, as deploy/env.example
  export RATUSZ_RATELIMIT_ENABLED=false LOG_LEVEL=WARNING
}

# stack_app_server PORT WORKERS NAME: Granian with deploy/granian.env, in the
# background, pid in $STACK_DIR/NAME.pid, output in $STACK_DIR/NAME.log.
stack_app_server() {
  local port=$1 workers=$2 name=$3
  (
    cd "$ROOT"
    set -a; . deploy/granian.env; set +a
    export GRANIAN_HOST=127.0.0.1 GRANIAN_PORT="$port" GRANIAN_WORKERS="$workers"
    export GRANIAN_PID_FILE="$STACK_DIR/$name.pid"
    setsid nohup "${AS_APP[@]}" "$ROOT/.venv/bin/granian" ratusz.wsgi:application \
      >"$STACK_DIR/$name.log" 2>&1 </dev/null &
  )
  stack_wait "http://127.0.0.1:$port/robots.txt" 120 ||
    { echo "Granian ($name) nie odpowiada na porcie $port; log: $STACK_DIR/$name.log" >&2; return 1; }
}

# stack_wait URL TRIES: poll every half second until URL answers 2xx.
stack_wait() {
  for _ in $(seq 1 "$2"); do
    curl -fs -o /dev/null "$1" && return 0
    sleep 0.5
  done
  return 1
}

stack_start() {
  mkdir -p "$STACK_DIR"/{static,media,mail,nginx-cache,nginx-body,nginx-proxy,nginx-fcgi,nginx-uwsgi,nginx-scgi}
  chmod 755 "$STACK_DIR"
  # nginx workers drop to www-data: they must write their cache and temp dirs.
  if [ "$(id -u)" = 0 ] && id www-data >/dev/null 2>&1; then
    chown www-data "$STACK_DIR"/nginx-*
  fi
  stack_users
  # Django gives every saved file the group of STATIC_ROOT/MEDIA_ROOT: the app's.
  if [ "$(id -u)" = 0 ]; then
    chgrp ratusz "$STACK_DIR"/{static,media}
    chmod 750 "$STACK_DIR"/{static,media}
  fi
  stack_env
  psql "$PG_URL/postgres" -qc "DROP DATABASE IF EXISTS $STACK_DB" >/dev/null
  psql "$PG_URL/postgres" -qc "CREATE DATABASE $STACK_DB" >/dev/null
  redis-cli -n "$STACK_REDIS_DB" flushdb >/dev/null
  "${AS_APP[@]}" "$PY" "$ROOT/manage.py" migrate --noinput -v0
  "${AS_APP[@]}" "$PY" "$ROOT/manage.py" collectstatic --noinput -v0
  "${AS_APP[@]}" "$PY" "$ROOT/manage.py" demo >/dev/null
  stack_app_server "$APP_PORT" "${APP_WORKERS:-2}" app
  # As deploy/systemd/ratusz-worker.service: the start hook, then the worker.
  (cd "$ROOT" && "${AS_APP[@]}" "$PY" manage.py ratusz_requeue_stale_tasks --worker-id "$(hostname)" >"$STACK_DIR/worker.log" 2>&1)
  (cd "$ROOT" && nohup "${AS_APP[@]}" "$PY" manage.py db_worker --worker-id "$(hostname)" >>"$STACK_DIR/worker.log" 2>&1 & echo $! >"$STACK_DIR/worker.pid")
  sed -e "s#@CACHE_DIR@#$STACK_DIR/nginx-cache#" -e "s#@UPSTREAM@#127.0.0.1:$APP_PORT#" \
      -e "s#@LISTEN@#127.0.0.1:$NGINX_PORT#" -e "s#@STATIC_ROOT@#$STATIC_ROOT#" \
      -e "s#@MEDIA_ROOT@#$MEDIA_ROOT#" \
      "$ROOT/deploy/nginx/ratusz.conf" >"$STACK_DIR/site.conf"
  local user=""
  [ "$(id -u)" = 0 ] && user="user www-data;"
  cat >"$STACK_DIR/nginx.conf" <<CONF
$user
worker_processes 1;
pid $STACK_DIR/nginx.pid;
error_log $STACK_DIR/nginx-error.log warn;
events { worker_connections 4096; }
http {
  include /etc/nginx/mime.types;
  # Only Wagtail's PURGE requests are logged: make prod-smoke checks they arrive.
  log_format purge '\$request_method \$host \$request_uri \$status';
  access_log $STACK_DIR/nginx-purge.log purge if=\$ratusz_purge;
  client_body_temp_path $STACK_DIR/nginx-body;
  proxy_temp_path $STACK_DIR/nginx-proxy;
  fastcgi_temp_path $STACK_DIR/nginx-fcgi;
  uwsgi_temp_path $STACK_DIR/nginx-uwsgi;
  scgi_temp_path $STACK_DIR/nginx-scgi;
  keepalive_requests 100000;
  include $STACK_DIR/site.conf;
}
CONF
  nginx -c "$STACK_DIR/nginx.conf"
  stack_wait "http://127.0.0.1:$NGINX_PORT/robots.txt" 60 && return 0
  echo "Stos produkcyjny nie wystartował; logi w $STACK_DIR" >&2
  return 1
}

stack_stop() {
  [ -f "$STACK_DIR/nginx.pid" ] && nginx -c "$STACK_DIR/nginx.conf" -s stop 2>/dev/null || true
  [ -f "$STACK_DIR/app.pid" ] && kill "$(cat "$STACK_DIR/app.pid")" 2>/dev/null || true
  [ -f "$STACK_DIR/worker.pid" ] && kill "$(cat "$STACK_DIR/worker.pid")" 2>/dev/null || true
  sleep 1
  psql "$PG_URL/postgres" -qc "DROP DATABASE IF EXISTS $STACK_DB WITH (FORCE)" >/dev/null 2>&1 || true
  redis-cli -n "$STACK_REDIS_DB" flushdb >/dev/null 2>&1 || true
}
