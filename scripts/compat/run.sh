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
req="$root/scripts/compat/requirements.txt"
venv="$root/.venv-compat"
stamp_value=$( (cat "$req"; python3 --version) | sha256sum | cut -d' ' -f1)

if [ ! -x "$venv/bin/python" ] || [ "$(cat "$venv/.stamp" 2>/dev/null)" != "$stamp_value" ]; then
  echo "compat: creating $venv (tritonclient from scripts/compat/requirements.txt)"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$req"
  echo "$stamp_value" > "$venv/.stamp"
fi
"$venv/bin/python" "$root/scripts/compat/check_tritonclient.py" "$binary" "$root/Tests/Fixtures/logreg_binary_nozipmap"
