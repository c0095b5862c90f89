#!/usr/bin/env bash
# Checks that the standard Open Inference Protocol client (tritonclient[http]) works against a
# real `lastmile serve`: server and model metadata, and inference with JSON and binary tensors.
#
#   bash scripts/compat/run.sh .build/debug/lastmile
#
# Creates .venv-compat/ with the pinned client (scripts/compat/requirements.txt) on first use.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
binary=${1:?usage: run.sh PATH/TO/lastmile}
venv="$root/.venv-compat"
. "$root/scripts/lib/pinned-venv.sh"
pinned_venv "$venv" "$root/scripts/compat/requirements.txt" compat
"$venv/bin/python" "$root/scripts/compat/check_tritonclient.py" "$binary" "$root/Tests/Fixtures/logreg_binary_nozipmap"
