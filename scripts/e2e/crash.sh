#!/usr/bin/env bash
# Kills a logging server with SIGKILL mid-traffic and checks that nothing committed is lost:
# with --log-durability sync, every row whose reply arrived must be in the log after a
# restart, and the store must reopen and keep serving.
#
#   bash scripts/e2e/crash.sh .build/debug/lastmile
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
lastmile=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
work=$(mktemp -d)
server_pid=""
load_pid=""
cleanup() {
  [ -n "$load_pid" ] && kill "$load_pid" 2>/dev/null || true
  if [ -n "$server_pid" ]; then { kill -9 "$server_pid"; wait "$server_pid"; } 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT
. "$root/scripts/e2e/lib.sh"
export LASTMILE_ADMIN_TOKEN=lm_crash_check
H="Authorization: Bearer $LASTMILE_ADMIN_TOKEN"


start_server --log-durability sync
curl -sf -H "$H" -d '{"name": "team"}' "$url/v1/workspaces" > /dev/null
curl -sf -H "$H" --data-binary @"$root/Tests/Fixtures/logreg_binary_nozipmap/model.onnx" "$url/v1/workspaces/team/models/m" > /dev/null
curl -sf -H "$H" -X PUT -d '{"workspace": "team", "steps": [{"model": {"name": "m"}}]}' "$url/v1/pipelines/p" > /dev/null
curl -sf -H "$H" -d '{}' "$url/v1/pipelines/p/deploy" > /dev/null

# Traffic in the background, keeping every reply that arrived
( while true; do
    curl -s -H "$H" -d '[{"X": [1, 2, 3, 4, 5, 6]}, {"X": [0, 0, 0, 0, 0, 0]}]' "$url/v1/pipelines/p/infer" >> "$work/replies.txt" || true
    echo >> "$work/replies.txt"
  done ) &
load_pid=$!
sleep 2
{ kill -9 "$server_pid"; wait "$server_pid"; } 2>/dev/null || true
server_pid=""
kill "$load_pid" 2>/dev/null || true
wait "$load_pid" 2>/dev/null || true
load_pid=""

grep -o '"prediction_id":"[0-9a-f-]*"' "$work/replies.txt" | sort -u > "$work/answered.txt"
answered=$(wc -l < "$work/answered.txt")
[ "$answered" -ge 2 ] || fail "no replies arrived before the kill"

start_server --log-durability sync
curl -sf -H "$H" "$url/v1/pipelines/p/logs?format=ndjson&limit=10000000" > "$work/logged.ndjson" || fail "the logs could not be read after the crash"
grep -o '"prediction_id":"[0-9a-f-]*"' "$work/logged.ndjson" | sort -u > "$work/logged.txt"
missing=$(comm -23 "$work/answered.txt" "$work/logged.txt" | wc -l)
[ "$missing" -eq 0 ] || fail "$missing of $answered answered rows are missing from the log after SIGKILL"
curl -sf -H "$H" -d '[{"X": [1, 2, 3, 4, 5, 6]}]' "$url/v1/pipelines/p/infer" > /dev/null || fail "the server does not serve after the crash"
echo "crash: SIGKILL after $answered answered rows: all of them are in the log, and the server serves again"
