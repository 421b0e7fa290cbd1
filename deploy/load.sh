#!/usr/bin/env bash
# `make load` / `make soak`: gunicorn + PostgreSQL on loopback, the deadline-week mix, figures printed.
# LOAD_DB (database name), LOAD_PORT, DURATION, CONCURRENCY, RATE (requests/s, 0 = as fast as the
# server answers), GUNICORN_WORKERS/THREADS, CACHE_REDIS_URL may be set.
# The database is used as it is; when empty it gets the synthetic country (`chiso synth`: 34 Sở,
# 3,321 communes, 700 closed Phòng, 55,000 institutions, about 90 s), or the demo province with
# LOAD_DATA=demo.
set -euo pipefail
cd "$(dirname "$0")/.."
MODE=${1:-load}
DB=${LOAD_DB:-chiso_load}
PORT=${LOAD_PORT:-8090}
PG=${PG_SERVER:-postgres://postgres@127.0.0.1:5432}
export DATABASE_URL="$PG/$DB" CHISO_VAR_DIR=${CHISO_VAR_DIR:-$PWD/var/load}
export SECRET_KEY=${SECRET_KEY:-load-test-only-not-a-secret-0123456789abcdefghijklmnop}
export CHISO_PRODUCTION=1 SECURE_SSL_REDIRECT=0 SECURE_COOKIES=0 BEHIND_PROXY=0
export ALLOWED_HOSTS=127.0.0.1,localhost EVIDENCE_CAPTURE_ENABLED=0 ACCESS_LOG_LEVEL=WARNING SERVER_TIMING=1
export GUNICORN_BIND=127.0.0.1:$PORT GUNICORN_PIDFILE=$CHISO_VAR_DIR/gunicorn.pid
# The production shape: the cache (and so the sessions) in Redis when it answers, keys prefixed
# with the database's name so that other databases' runs never share them.
if [ -z "${CACHE_REDIS_URL+set}" ] && .venv/bin/python -c "import redis; redis.Redis.from_url('redis://127.0.0.1:6379/1').ping()" 2>/dev/null; then
  CACHE_REDIS_URL=redis://127.0.0.1:6379/1
fi
export CACHE_REDIS_URL=${CACHE_REDIS_URL:-} CACHE_KEY_PREFIX=${CACHE_KEY_PREFIX:-$DB}
# The production shape (deploy/gunicorn.conf.py): two synchronous workers per core.
export GUNICORN_WORKERS=${GUNICORN_WORKERS:-$((2 * $(nproc)))} GUNICORN_THREADS=${GUNICORN_THREADS:-1}
BIN=.venv/bin
mkdir -p "$CHISO_VAR_DIR"
psql -q "$PG/postgres" -tc "SELECT 1 FROM pg_database WHERE datname='$DB'" | grep -q 1 \
  || psql -q "$PG/postgres" -c "CREATE DATABASE $DB"
$BIN/python manage.py migrate --noinput -v0
if [ "$($BIN/python manage.py shell -v 0 -c 'from chiso.units.models import Unit; print(Unit.objects.count())')" = 0 ]; then
  if [ "${LOAD_DATA:-synth}" = demo ]; then $BIN/python manage.py seed_demo > /dev/null; else $BIN/python manage.py synth; fi
fi
$BIN/python manage.py collectstatic --noinput -v0
$BIN/gunicorn -c deploy/gunicorn.conf.py chiso.wsgi --daemon --error-logfile "$CHISO_VAR_DIR/gunicorn.log"
trap 'kill "$(cat "$GUNICORN_PIDFILE")" 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/readyz" > /dev/null && break; sleep 0.2; done
for path in healthz readyz dang-nhap/; do
  printf '%s -> ' "/$path"; curl -s -o /dev/null -w '%{http_code} %{size_download} bytes\n' "http://127.0.0.1:$PORT/$path"
done
curl -s "http://127.0.0.1:$PORT/readyz"; echo
echo "cache: ${CACHE_REDIS_URL:-per-process memory}; gunicorn: $GUNICORN_WORKERS ${GUNICORN_WORKER_CLASS:-$([ "$GUNICORN_THREADS" -gt 1 ] && echo gthread || echo sync)} workers x $GUNICORN_THREADS threads; $(uptime)"
if [ "$MODE" = soak ]; then
  DURATION=${DURATION:-600} REPORT=30 MAXREQ=${MAX_REQUESTS:-1000000} CONCURRENCY=${CONCURRENCY:-16}
else
  DURATION=${DURATION:-60} REPORT=10 MAXREQ=${MAX_REQUESTS:-60000} CONCURRENCY=${CONCURRENCY:-24}
fi
$BIN/python manage.py loadtest --url "http://127.0.0.1:$PORT" --duration "$DURATION" \
  --max-requests "$MAXREQ" --concurrency "$CONCURRENCY" --rate "${RATE:-0}" --report-every "$REPORT" \
  --master-pid "$(cat "$GUNICORN_PIDFILE")" --fail-on-error
