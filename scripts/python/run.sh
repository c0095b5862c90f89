#!/usr/bin/env bash
# Runs the Python SDK's tests (pytest against live `lastmile serve` processes) and the tutorial
# examples/quickstart.py.
#
#   bash scripts/python/run.sh .build/debug/lastmile [pytest args...]
#
# Creates .venv-python/ with the pinned tooling (python/requirements-test.txt) on first use and
# installs the package from python/ into it on every run (quick: no dependencies to fetch).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
binary=$(cd "$(dirname "${1:?usage: run.sh PATH/TO/lastmile [pytest args...]}")" && pwd)/$(basename "$1")
shift
venv="$root/.venv-python"
. "$root/scripts/lib/pinned-venv.sh"
pinned_venv "$venv" "$root/python/requirements-test.txt" python
"$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps --no-build-isolation "$root/python"
export LASTMILE_BINARY="$binary" MPLBACKEND=Agg
cd "$root/python"
"$venv/bin/python" -m pytest -q -p no:cacheprovider "$@" tests
echo "quickstart: running examples/quickstart.py"
"$venv/bin/python" "$root/examples/quickstart.py" --binary "$binary"
