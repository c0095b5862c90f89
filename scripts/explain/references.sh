#!/usr/bin/env bash
# Regenerates Tests/ExplainReferences with the pinned tooling in .venv-explain/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
source "$root/scripts/lib/pinned-venv.sh"
pinned_venv "$root/.venv-explain" "$root/scripts/explain/requirements.txt" "references"
"$root/.venv-explain/bin/python" "$root/scripts/explain/make_references.py"
