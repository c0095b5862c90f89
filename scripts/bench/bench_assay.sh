#!/usr/bin/env bash
# Times assay windows over many logged rows: logs ROWS rows (default 1,000,000) of the
# logreg fixture, then creates two assays over one 3-minute window holding all of them, one on
# whole minutes (summed from per-minute buckets) and one a millisecond off (a raw scan of the
# log), waits for the scheduler to score both and prints the timings it logged. Takes about
# four minutes plus the logging; not part of `make test`.
#
#   bash scripts/bench/bench_assay.sh .build/release/lastmile [ROWS]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
lastmile=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
rows=${2:-1000000}
work=$(mktemp -d)
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then { kill "$server_pid"; wait "$server_pid"; } 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
. "$root/scripts/e2e/lib.sh"
export LASTMILE_ADMIN_TOKEN=lm_assay_bench
H="Authorization: Bearer $LASTMILE_ADMIN_TOKEN"

start_server
curl -sf -H "$H" -d '{"name": "team"}' "$url/v1/workspaces" > /dev/null
curl -sf -H "$H" --data-binary @"$root/Tests/Fixtures/logreg_binary_nozipmap/model.onnx" "$url/v1/workspaces/team/models/m" > /dev/null
curl -sf -H "$H" -X PUT -d '{"workspace": "team", "steps": [{"model": {"name": "m"}}]}' "$url/v1/pipelines/p" > /dev/null
curl -sf -H "$H" -d '{}' "$url/v1/pipelines/p/deploy" > /dev/null

python3 - "$work" <<'PY'
import json, random, sys
random.seed(3)
json.dump([{"X": [random.gauss(0, 1), 0, 0, 0, 0, 0]} for _ in range(10000)], open(sys.argv[1] + "/batch.json", "w"))
json.dump([random.gauss(0, 1) for _ in range(5000)], open(sys.argv[1] + "/baseline.json", "w"))
PY
minute=$(python3 -c "import time; print(int(time.time() // 60 * 60 * 1000))")
echo "logging $rows rows..."
for _ in $(seq 1 $(( (rows + 9999) / 10000 ))); do
  curl -sf -o /dev/null -H "$H" --data-binary @"$work/batch.json" "$url/v1/pipelines/p/infer" || fail "an inference request failed"
done
for name in buckets raw; do
  start=$minute
  [ "$name" = raw ] && start=$((minute + 1))
  body="{\"workspace\": \"team\", \"name\": \"$name\", \"pipeline\": \"p\", \"iopath\": \"in.X[0]\", \"minCount\": 1,
    \"baseline\": {\"values\": $(cat "$work/baseline.json")}, \"windows\": {\"start\": $start, \"width\": \"3m\", \"count\": 1}}"
  curl -sf -H "$H" -d "$body" "$url/v1/assays" > /dev/null || fail "could not create assay $name"
done
echo "waiting for the window to close (up to 4 minutes)..."
for _ in $(seq 1 300); do
  [ "$(grep -c 'scored 1 window' "$work/server.log" || true)" -ge 2 ] && break
  sleep 1
done
grep 'scored 1 window' "$work/server.log" || fail "the scheduler did not score both windows"
