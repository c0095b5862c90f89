# Sourced by the tooling scripts: `pinned_venv VENV REQUIREMENTS LABEL` creates VENV with the
# pinned REQUIREMENTS, or does nothing when it already matches them and this python3.
pinned_venv() {
  local venv=$1 req=$2 label=$3
  local stamp_value
  stamp_value=$( (cat "$req"; python3 --version) | sha256sum | cut -d' ' -f1)
  if [ ! -x "$venv/bin/python" ] || [ "$(cat "$venv/.stamp" 2>/dev/null)" != "$stamp_value" ]; then
    echo "$label: creating $venv (from ${req#"$root"/})"
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$req"
    echo "$stamp_value" > "$venv/.stamp"
  fi
}
