#!/usr/bin/env bash
# Runs the README's quickstart against a real server: the CLI flow (login, workspace, upload,
# pipeline, deploy, infer, status), the same with curl, bad input and missing tokens, and a
# restart that must bring the deployment back. Fails on the first surprise.
#
#   bash scripts/e2e/quickstart.sh .build/debug/lastmile
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
lastmile=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
work=$(mktemp -d)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
. "$root/scripts/e2e/lib.sh"


export XDG_CONFIG_HOME="$work/config"
start_server
token=$(cat "$work/data/admin.token")
[ "$(stat -c %a "$work/data/admin.token")" = 600 ] || fail "admin.token is not mode 0600"
grep -q "$token" "$work/server.log" || fail "the first start did not print the admin token"

# The CLI flow
"$lastmile" login --url "$url" --token "$token" | grep -q "as admin" || fail "login"
[ "$(stat -c %a "$XDG_CONFIG_HOME/lastmile/login.json")" = 600 ] || fail "login.json is not mode 0600"
"$lastmile" workspace create team | grep -q "created workspace team" || fail "workspace create"
"$lastmile" model upload fraud-model "$root/Tests/Fixtures/logreg_binary_nozipmap/model.onnx" --workspace team > "$work/upload.txt" 2> "$work/upload.err"
grep -q "inputs  X FP32\[-1, 6\]" "$work/upload.txt" || fail "model upload: $(cat "$work/upload.txt")"
grep -q "100%" "$work/upload.err" || fail "model upload printed no progress"
"$lastmile" pipeline create fraud --workspace team --model fraud-model | grep -q "pipeline fraud version 1" || fail "pipeline create"
"$lastmile" pipeline deploy fraud --replicas 2 | grep -q "running" || fail "pipeline deploy"
echo '[{"X": [1, 2, 3, 4, 5, 6]}, {"X": [0, 0, 0, 0, 0, 0]}]' | "$lastmile" infer fraud > "$work/infer.txt"
grep -q "^0    1 " "$work/infer.txt" && grep -q "^1    0 " "$work/infer.txt" || fail "infer table: $(cat "$work/infer.txt")"
"$lastmile" pipeline status fraud --json | grep -q '"state" : "running"' || fail "pipeline status --json"
"$lastmile" pipeline status fraud | grep -q "requests/s" || fail "pipeline status shows no traffic summary"
"$lastmile" pipeline list | grep -q "^fraud  team" || fail "pipeline list"
"$lastmile" model show fraud-model -w team | grep -q "X FP32" || fail "model show"
if "$lastmile" pipeline create bad --workspace team --model ghost 2> "$work/err.txt"; then fail "an unknown model was accepted"; fi
grep -q "ghost" "$work/err.txt" || fail "the unknown-model error does not name it"

# The same with curl
H="Authorization: Bearer $token"
curl -sf -H "$H" -d '{"name": "curl-team"}' "$url/v1/workspaces" > /dev/null || fail "curl workspace"
curl -sf -H "$H" --data-binary @"$root/Tests/Fixtures/logreg_binary_nozipmap/model.onnx" "$url/v1/workspaces/curl-team/models/m" > /dev/null || fail "curl upload"
curl -sf -H "$H" -X PUT -d '{"workspace": "curl-team", "steps": [{"model": {"name": "m"}}]}' "$url/v1/pipelines/curl-pipe" > /dev/null || fail "curl pipeline"
curl -sf -H "$H" -d '{"config": {"replicas": 1, "batching": {"maxBatchSize": 8, "maxDelayMicros": 200}}}' "$url/v1/pipelines/curl-pipe/deploy" > /dev/null || fail "curl deploy"
curl -sf -H "$H" -d '[{"X": [1, 2, 3, 4, 5, 6]}]' "$url/v1/pipelines/curl-pipe/infer" | grep -q '"label":1' || fail "curl records infer"
curl -sf -H "$H" -d '{"inputs": [{"name": "X", "shape": [1, 6], "datatype": "FP32", "data": [1, 2, 3, 4, 5, 6]}]}' "$url/v2/models/curl-pipe/infer" | grep -q '"model_name":"curl-pipe"' || fail "curl v2 infer"
[ "$(curl -s -o /dev/null -w '%{http_code}' -d '[]' "$url/v1/pipelines/fraud/infer")" = 401 ] || fail "a call without a token was not 401"
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "$H" -d '[{"X": [1]}]' "$url/v1/pipelines/fraud/infer")" = 400 ] || fail "a wrongly shaped row was not 400"
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "$H" --data-binary 'garbage' "$url/v1/workspaces/team/models/junk")" = 400 ] || fail "garbage ONNX was not 400"

# The inference log: rows are committed within a second (async durability)
logged=""
for _ in $(seq 1 50); do
  logged=$("$lastmile" pipeline logs fraud || true)
  echo "$logged" | grep -q "^2 row(s)" && break
  sleep 0.1
done
echo "$logged" | grep -q "^2 row(s)" || fail "pipeline logs: $logged"
"$lastmile" pipeline logs fraud --output "$work/logs.csv" > /dev/null 2>&1 || fail "pipeline logs --output"
head -1 "$work/logs.csv" | grep -q "^time,in.X,out.label" || fail "the CSV export has no header: $(head -1 "$work/logs.csv")"
[ "$(wc -l < "$work/logs.csv")" -eq 3 ] || fail "the CSV export does not hold the 2 rows"
[ "$(curl -s -o /dev/null -w '%{http_code}' -H "$H" "$url/v1/pipelines/fraud/logs?limit=-5")" = 400 ] || fail "a negative limit was not 400"

# Rollouts: an A/B split, a shadow deploy, the route comparison, a canary and a rollback
"$lastmile" model upload fraud-gb "$root/Tests/Fixtures/gradient_boosting_classifier_nozipmap/model.onnx" --workspace team > /dev/null 2>&1 || fail "upload fraud-gb"
"$lastmile" pipeline split fraud --route fraud-model=1 --route fraud-gb=1 | grep -q "split(fraud-model:.* x1, fraud-gb:.* x1)" || fail "pipeline split"
curl -sf -H "$H" -d '[{"X": [1, 2, 3, 4, 5, 6]}]' "$url/v1/pipelines/fraud/infer" | grep -q '"_model_split":\["fraud-' || fail "a split reply has no _model_split"
"$lastmile" pipeline shadow fraud --challenger fraud-gb | grep -q "shadow(fraud-model:.* vs fraud-gb:" || fail "pipeline shadow"
curl -sf -H "$H" -d '[{"X": [1, 2, 3, 4, 5, 6]}]' "$url/v1/pipelines/fraud/infer" | grep -q '"out_fraud-gb":{"label":' || fail "a shadow reply has no out_fraud-gb"
"$lastmile" pipeline routes fraud > "$work/routes.txt"
grep -q "fraud-gb:.*challenger" "$work/routes.txt" || fail "pipeline routes: $(cat "$work/routes.txt")"
"$lastmile" pipeline rollback fraud --to 1 | grep -q "version 1: running" || fail "pipeline rollback"
"$lastmile" pipeline canary start fraud --challenger fraud-gb --steps 10,50,100 --interval 1h | grep -q "running, challenger at 10%" || fail "canary start"
"$lastmile" pipeline canary status fraud | grep -q "started" || fail "canary status"
"$lastmile" pipeline canary abort fraud | grep -q "aborted, challenger at 0%" || fail "canary abort"
"$lastmile" pipeline status fraud | grep -q "version 1: running" || fail "an aborted canary did not go back to version 1"

# A graceful stop and a restart bring the deployments back
kill -TERM "$server_pid"
wait "$server_pid" || fail "the server did not exit cleanly on SIGTERM"
server_pid=""
start_server
grep -q "$token" "$work/server.log" && fail "a second start printed the admin token again"
echo '[{"X": [1, 2, 3, 4, 5, 6]}]' | "$lastmile" infer fraud --url "$url" | grep -q "^0    1 " || fail "the deployment did not come back after a restart"
echo "quickstart: the CLI and curl flows, bad input, tokens and a restart all behave"
