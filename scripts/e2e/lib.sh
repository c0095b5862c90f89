# Sourced by the end-to-end scripts. Needs $lastmile (the binary) and $work (a temp dir).

fail() {
  echo "$(basename "$0" .sh): FAILED: $*" >&2
  [ -f "$work/server.log" ] && tail -20 "$work/server.log" >&2
  exit 1
}

# Starts `lastmile serve` on a free port with the data in $work/data and any extra flags;
# sets $server_pid and $url once the server reports ready.
start_server() {
  : > "$work/server.log"
  "$lastmile" serve --port 0 --data-dir "$work/data" "$@" > "$work/server.log" 2>&1 &
  server_pid=$!
  url=""
  for _ in $(seq 1 200); do
    url=$(grep -o 'http://127.0.0.1:[0-9]*' "$work/server.log" | head -1 || true)
    [ -n "$url" ] && break
    sleep 0.1
  done
  [ -n "$url" ] || fail "the server did not print its URL"
  for _ in $(seq 1 100); do
    curl -sf "$url/health/ready" > /dev/null && return
    sleep 0.1
  done
  fail "the server did not become ready"
}
