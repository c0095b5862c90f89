#!/usr/bin/env bash
# Runs the Python SDK's conversion tests for a framework too heavy for the main Python venv
# (make test runs it for keras and pytorch):
#
#   bash scripts/python/run-framework.sh keras .build/debug/lastmile
#
# Creates .venv-python-<framework>/ from python/requirements-<framework>.txt on first use and
# runs the tests whose names mention the framework (both the client-side conversion and the
# server converting the saved artifact, with this venv's Python as the converter).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
framework=${1:?usage: run-framework.sh keras|pytorch PATH/TO/lastmile}
binary=$(cd "$(dirname "${2:?usage: run-framework.sh keras|pytorch PATH/TO/lastmile}")" && pwd)/$(basename "$2")
requirements="$root/python/requirements-$framework.txt"
[ -f "$requirements" ] || { echo "run-framework.sh: no $requirements" >&2; exit 2; }
venv="$root/.venv-python-$framework"
. "$root/scripts/lib/pinned-venv.sh"
pinned_venv "$venv" "$requirements" "python-$framework"
"$venv/bin/pip" install --quiet --disable-pip-version-check --no-deps --no-build-isolation "$root/python"
export LASTMILE_BINARY="$binary" MPLBACKEND=Agg TF_CPP_MIN_LOG_LEVEL=2
cd "$root/python"
"$venv/bin/python" -m pytest -q -p no:cacheprovider -k "$framework" tests/test_conversion.py
