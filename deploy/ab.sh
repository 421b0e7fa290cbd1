#!/usr/bin/env bash
# `deploy/ab.sh OTHER [PAIRS]`: the deadline-week mix (deploy/load.sh) on this checkout and on
# another one, alternately. OTHER is the code before a change, with its own .venv and a
# deploy/load.sh that reads the same variables; for figures that compare, give it the same
# generator (copy this checkout's chiso/ops/loadgen.py there, with that code's form field names).
# Each run gets a fresh copy of the same database and a flushed cache, and the order flips every
# pair. Prints each pair and the medians (requests/s, p95, the mix-to-bare CPU ratio). A
# machine's speed can move by a third within minutes: judge by the medians of many pairs, never
# by one (docs/deploy.md, "Load").
# AB_DB (the database both copies start from; filled by OTHER's `chiso synth` when missing),
# DURATION (seconds per run, 45), PG_SERVER, CACHE_REDIS_URL may be set.
set -euo pipefail
cd "$(dirname "$0")/.."
OTHER=$(cd "${1:?usage: deploy/ab.sh OTHER_CHECKOUT [PAIRS]}" && pwd)
PAIRS=${2:-6}
PG=${PG_SERVER:-postgres://postgres@127.0.0.1:5432}
BASE=${AB_DB:-chiso_ab}
REDIS=${CACHE_REDIS_URL:-redis://127.0.0.1:6379/1}
LOGS=var/ab/$(date -u +%Y%m%d-%H%M%S)
mkdir -p "$LOGS"
sql() { PGOPTIONS="-c client_min_messages=warning" psql -q "$PG/postgres" -v ON_ERROR_STOP=1 "$@"; }
exists() { sql -tc "SELECT 1 FROM pg_database WHERE datname='$1'" | grep -q 1; }

# The same rows for both: OTHER fills the base once; this checkout migrates a copy of it.
if ! exists "$BASE"; then
  sql -c "CREATE DATABASE $BASE"
  (cd "$OTHER" && DATABASE_URL="$PG/$BASE" .venv/bin/python manage.py migrate --noinput -v0 \
    && DATABASE_URL="$PG/$BASE" .venv/bin/python manage.py synth)
fi
sql -c "DROP DATABASE IF EXISTS ${BASE}_this" -c "CREATE DATABASE ${BASE}_this TEMPLATE $BASE"
DATABASE_URL="$PG/${BASE}_this" .venv/bin/python manage.py migrate --noinput -v0

run() {  # run this|other label
  local dir=$PWD base=${BASE}_this
  [ "$1" = other ] && dir=$OTHER base=$BASE
  sql -c "DROP DATABASE IF EXISTS ${BASE}_run" -c "CREATE DATABASE ${BASE}_run TEMPLATE $base"
  .venv/bin/python -c "import redis; redis.Redis.from_url('$REDIS').flushdb()"
  (cd "$dir" && LOAD_DB=${BASE}_run CACHE_REDIS_URL=$REDIS CHISO_VAR_DIR="$dir/var/load-ab" \
    DURATION=${DURATION:-45} deploy/load.sh load) > "$LOGS/$2.log" 2>&1 || true
}

for i in $(seq "$PAIRS"); do
  if [ $((i % 2)) = 1 ]; then run this "$i-this"; run other "$i-other"
  else run other "$i-other"; run this "$i-this"; fi
  echo "pair $i done ($(date -u +%H:%M:%S) UTC)"
done
sql -c "DROP DATABASE IF EXISTS ${BASE}_run"
.venv/bin/python - "$LOGS" "$PAIRS" <<'EOF'
import re, statistics, sys
from pathlib import Path

logs, pairs = Path(sys.argv[1]), int(sys.argv[2])


def figures(name):
    text = (logs / f"{name}.log").read_text()
    rate = re.search(r"= (\d+) req/s", text)
    p95 = re.search(r"^all\s+\d+\s+[\d.]+\s+([\d.]+)", text, re.M)
    ratio = re.search(r"nominal mix.*ratio ([\d.]+)", text)
    if not (rate and p95):
        sys.exit(f"{logs / name}.log: no figures (the run failed; see the log)")
    # A generator older than the bare-page yardstick prints no ratio.
    return float(rate[1]), float(p95[1]), float(ratio[1]) if ratio else float("nan")


rows = [(figures(f"{i}-this"), figures(f"{i}-other")) for i in range(1, pairs + 1)]
for i, (this, other) in enumerate(rows, 1):
    print(f"pair {i}: this {this[0]:.0f} req/s (p95 {this[1]:.0f} ms, ratio {this[2]}), "
          f"other {other[0]:.0f} (p95 {other[1]:.0f} ms, ratio {other[2]}): {this[0] / other[0]:.0%}")
med = statistics.median
print(f"medians: this {med(t[0] for t, _ in rows):.0f} req/s, other {med(o[0] for _, o in rows):.0f};"
      f" this / other pair by pair {med(t[0] / o[0] for t, o in rows):.1%}"
      f" ({min(t[0] / o[0] for t, o in rows):.0%}-{max(t[0] / o[0] for t, o in rows):.0%});"
      f" p95 {med(t[1] for t, _ in rows):.0f} against {med(o[1] for _, o in rows):.0f} ms;"
      f" mix-to-bare ratio {med(t[2] for t, _ in rows):.2f} against {med(o[2] for _, o in rows):.2f}")
print(f"logs: {logs}")
EOF
