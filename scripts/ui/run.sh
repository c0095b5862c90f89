#!/usr/bin/env bash
# Drives the web UI in headless Chromium against a real server: sign in, create a workspace,
# upload a model, create and deploy a pipeline, infer through the API, then check the dashboard,
# the logs, an assay preview and an explanation; screenshots go to .build/ui-screenshots/.
#
#   bash scripts/ui/run.sh .build/debug/lastmile
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
. "$root/scripts/lib/pinned-venv.sh"

chromium=$(command -v chromium || true)
driver=$(command -v chromedriver || true)
[ -n "$chromium" ] && [ -n "$driver" ] || fail "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)"
venv="$root/.venv-ui"
pinned_venv "$venv" "$root/scripts/ui/requirements.txt" "test-ui"

start_server
shots="$root/.build/ui-screenshots"
rm -rf "$shots" && mkdir -p "$shots"
"$venv/bin/python" "$root/scripts/ui/browser_test.py" \
  --url "$url" --token "$(cat "$work/data/admin.token")" --chromium "$chromium" --driver "$driver" \
  --model "$root/Tests/Fixtures/logreg_binary_nozipmap/model.onnx" --screenshots "$shots" \
  || fail "the browser test failed"

# The CLI draws the same charts: --svg writes well-formed SVG files.
export XDG_CONFIG_HOME="$work/config"
token=$(cat "$work/data/admin.token")
"$lastmile" pipeline status fraud --url "$url" --token "$token" --svg "$shots/cli-status.svg" > /dev/null || fail "pipeline status --svg"
assay=$(curl -sf -H "Authorization: Bearer $token" "$url/v1/assays?workspace=team" | "$venv/bin/python" -c 'import json,sys; print(json.load(sys.stdin)[0]["id"])')
"$lastmile" assay results "$assay" --url "$url" --token "$token" --svg "$shots/cli-assay.svg" > /dev/null || fail "assay results --svg"
curl -sf -H "Authorization: Bearer $token" "$url/v1/pipelines/fraud/metrics/series?format=svg&chart=latency" > "$shots/api-latency.svg" || fail "metrics/series?format=svg"
for svg in "$shots"/cli-status.svg "$shots"/cli-assay.svg "$shots"/api-latency.svg; do
  "$venv/bin/python" -c 'import sys, xml.dom.minidom as m; d = m.parse(sys.argv[1]); assert d.documentElement.tagName == "svg"' "$svg" \
    || fail "$svg is not well-formed SVG"
done
echo "test-ui: screenshots in ${shots#"$root"/}"
