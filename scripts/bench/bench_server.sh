#!/usr/bin/env bash
# Runs scripts/bench/bench_server.py in its own pinned venv (.venv-bench/), installing wrk
# through apt when it is missing.
#
#   bash scripts/bench/bench_server.sh .build/release/lastmile [--duration 10]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
venv="$root/.venv-bench"
. "$root/scripts/lib/pinned-venv.sh"
if ! command -v wrk >/dev/null; then
  echo "bench: installing wrk (apt)"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq wrk >/dev/null
fi
pinned_venv "$venv" "$root/scripts/bench/requirements-server.txt" bench
exec "$venv/bin/python" "$root/scripts/bench/bench_server.py" "$@"
