#!/usr/bin/env bash
# Installs the system packages Lastmile builds against, when they are missing (Debian/Ubuntu).
set -euo pipefail
missing=()
pkg-config --exists openblas 2>/dev/null || missing+=(libopenblas-dev)
command -v pkg-config >/dev/null || missing+=(pkg-config)
# The Python tooling (conformance cases, fixtures) creates virtualenvs.
python3 -m venv --help >/dev/null 2>&1 || missing+=(python3-venv)
# Server-side model conversion runs uploaded code inside bubblewrap (lastmile serve --converter-sandbox).
command -v bwrap >/dev/null || missing+=(bubblewrap)
# CI runs the web UI's browser test (make test-ui) in Debian's headless Chromium.
if [ "${CI:-}" = "true" ]; then
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
fi
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
echo "installing ${missing[*]} (apt)"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq "${missing[@]}" >/dev/null
