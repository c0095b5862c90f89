#!/usr/bin/env bash
# Runs scripts/bench/bench_explain.py in the pinned explainability venv (.venv-explain/, shared
# with scripts/explain/references.sh).
#
#   bash scripts/bench/bench_explain.sh .build/release/lastmile [--samples 2108] [--repeats 3]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
venv="$root/.venv-explain"
. "$root/scripts/lib/pinned-venv.sh"
pinned_venv "$venv" "$root/scripts/explain/requirements.txt" bench
exec "$venv/bin/python" "$root/scripts/bench/bench_explain.py" "$@"
