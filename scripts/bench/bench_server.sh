#!/usr/bin/env bash
# Runs scripts/bench/bench_server.py in its own pinned venv (.venv-bench/), installing wrk
# through apt when it is missing.
#
#   bash scripts/bench/bench_server.sh .build/release/lastmile [--duration 10]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
req="$root/scripts/bench/requirements-server.txt"
venv="$root/.venv-bench"
stamp_value=$( (cat "$req"; python3 --version) | sha256sum | cut -d' ' -f1)
if ! command -v wrk >/dev/null; then
  echo "bench: installing wrk (apt)"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk >/dev/null
fi
if [ ! -x "$venv/bin/python" ] || [ "$(cat "$venv/.stamp" 2>/dev/null)" != "$stamp_value" ]; then
  echo "bench: creating $venv (MLServer and scikit-learn from scripts/bench/requirements-server.txt; a few minutes)"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$req"
  echo "$stamp_value" > "$venv/.stamp"
fi
exec "$venv/bin/python" "$root/scripts/bench/bench_server.py" "$@"
