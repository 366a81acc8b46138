#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a running dispatch server on the bundled Shanxi
# demo data, with simulated vehicle movement. Where a display exists ($DISPLAY or
# $WAYLAND_DISPLAY), the operator console opens against it, and closing the console stops the
# server. Extra arguments go to flameblue-server.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh

server=./build/server/app/flameblue-server
console=./build/client/app/flameblue-console
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] || [ ! -x "$console" ]; then
    exec "$server" --simulate "$@"
fi

# The console goes where the server listens.
listen=127.0.0.1:50051
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
    case "${args[i]}" in
        --listen) listen=${args[i + 1]:-$listen} ;;
    esac
done

"$server" --simulate "$@" &
server_pid=$!
stop_server() {
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
}
trap stop_server EXIT INT TERM

# Wait until it listens (or has failed: then its own message says why).
host=${listen%:*}
port=${listen##*:}
for _ in $(seq 1 100); do
    kill -0 "$server_pid" 2>/dev/null || { wait "$server_pid"; exit $?; }
    (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null && break
    sleep 0.1
done

"$console" --server "$listen"
