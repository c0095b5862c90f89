#!/usr/bin/env bash
# Regenerates the ONNX backend node test cases (model.onnx + test_data_set_*/*.pb) from the
# pinned onnx package into .conformance/data/node, in a venv of its own (.venv-conformance).
# Does nothing when the cases for the pinned requirements are already there.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
req="$root/scripts/conformance/requirements.txt"
venv="$root/.venv-conformance"
out="$root/.conformance/data"
stamp_value=$( (cat "$req"; python3 --version) | sha256sum | cut -d' ' -f1)

if [ ! -x "$venv/bin/python" ] || [ "$(cat "$venv/.stamp" 2>/dev/null)" != "$stamp_value" ]; then
  echo "conformance: creating $venv (onnx from scripts/conformance/requirements.txt)"
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$req"
  echo "$stamp_value" > "$venv/.stamp"
fi
if [ "$(cat "$out/.stamp" 2>/dev/null)" != "$stamp_value" ]; then
  echo "conformance: generating the ONNX backend node test cases into .conformance/data"
  rm -rf "$out"
  mkdir -p "$out/node"
  "$venv/bin/python" "$root/scripts/conformance/generate_cases.py" "$out/node"
  echo "$stamp_value" > "$out/.stamp"
fi
