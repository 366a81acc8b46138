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

# Building alarm panels and water sensors: a Mosquitto broker of the demo's own (its own
# configuration in a temporary directory, a free loopback port, no system service) and the demo
# publisher playing the panels of data/buildings.json on it.
iot_dir=$(mktemp -d)
broker_pid=
demo_pid=
stop_iot() {
    [ -n "$demo_pid" ] && kill -TERM "$demo_pid" 2>/dev/null || true
    [ -n "$broker_pid" ] && kill -TERM "$broker_pid" 2>/dev/null || true
    wait 2>/dev/null || true
    rm -rf "$iot_dir"
}
trap stop_iot EXIT INT TERM
for _ in 1 2 3 4 5; do
    mqtt_port=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$mqtt_port") 2>/dev/null && continue  # taken
    printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\n' "$mqtt_port" \
        > "$iot_dir/mosquitto.conf"
    /usr/sbin/mosquitto -c "$iot_dir/mosquitto.conf" > "$iot_dir/mosquitto.log" 2>&1 &
    broker_pid=$!
    for _ in $(seq 1 50); do
        (exec 3<>"/dev/tcp/127.0.0.1/$mqtt_port") 2>/dev/null && break
        sleep 0.1
    done
    kill -0 "$broker_pid" 2>/dev/null && break
    broker_pid=
done
iot_args=()
if [ -n "$broker_pid" ]; then
    bash scripts/iot-demo.sh 127.0.0.1 "$mqtt_port" > "$iot_dir/iot-demo.log" 2>&1 &
    demo_pid=$!
    iot_args=(--mqtt "127.0.0.1:$mqtt_port")
    echo "Demo MQTT broker on 127.0.0.1:$mqtt_port with the demo building panels and water sensors"
else
    echo "run.sh: the demo MQTT broker did not start; running without building alarms" >&2
fi

if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] || [ ! -x "$console" ]; then
    "$server" --simulate "${iot_args[@]}" "$@"
    exit $?
fi

# The console goes where the server listens.
listen=127.0.0.1:50051
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
    case "${args[i]}" in
        --listen) listen=${args[i + 1]:-$listen} ;;
    esac
done

"$server" --simulate "${iot_args[@]}" "$@" &
server_pid=$!
stop_server() {
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    stop_iot
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
