#!/usr/bin/env bash
# Plays the demo building alarm panels and water sensors (data/buildings.json) on an MQTT broker,
# as docs/iot.md describes them: every panel sends a heartbeat each minute, the water sensors
# report every 30 s (Fenhe Reservoir's level falls below its minimum now and then), and a fire
# alarm comes from a random panel every few minutes, sometimes followed by a second detector in
# the same building. Used by scripts/run.sh; stop it with Ctrl-C.
#
#   scripts/iot-demo.sh HOST PORT [ALARM_EVERY_SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
host=${1:?host}
port=${2:?port}
alarm_every=${3:-180}

mapfile -t panels < <(grep -o '"id": "BLD-[A-Z]*-[0-9]*-P[0-9]*"' data/buildings.json | cut -d'"' -f4)
mapfile -t sensors < <(grep -o '"device": "[^"]*"' data/buildings.json | cut -d'"' -f4)
[ ${#panels[@]} -gt 0 ] || { echo "iot-demo: no panels in data/buildings.json" >&2; exit 1; }

seq_no=$(date +%s)
now_ms() { date +%s%3N; }
send() {  # topic payload
    mosquitto_pub -h "$host" -p "$port" -q 1 -t "$1" -m "$2" || echo "iot-demo: broker unreachable" >&2
}
panel() {  # device type [zone]
    seq_no=$((seq_no + 1))
    local zone=""
    [ -n "${3:-}" ] && zone=",\"zone\":\"$3\""
    send "flameblue/v1/panel/$1" "{\"v\":1,\"device\":\"$1\",\"seq\":$seq_no,\"ts\":$(now_ms),\"type\":\"$2\"$zone}"
}
water() {  # device type value
    seq_no=$((seq_no + 1))
    send "flameblue/v1/water/$1" "{\"v\":1,\"device\":\"$1\",\"seq\":$seq_no,\"ts\":$(now_ms),\"type\":\"$2\",\"value\":$3}"
}

tick=0
while true; do
    if [ $((tick % 60)) -eq 0 ]; then
        for p in "${panels[@]}"; do panel "$p" heartbeat; done
    fi
    if [ $((tick % 30)) -eq 0 ]; then
        for s in "${sensors[@]}"; do
            case "$s" in
                WS-TY-01-LV) water "$s" level "$(( (tick / 300) % 2 == 1 ? 1 : 6 )).$((RANDOM % 10))" ;;
                *-LV) water "$s" level "$((4 + RANDOM % 4)).$((RANDOM % 10))" ;;
                *) water "$s" pressure "$((250 + RANDOM % 150))" ;;
            esac
        done
    fi
    if [ "$tick" -gt 0 ] && [ $((tick % alarm_every)) -eq 0 ]; then
        p=${panels[$((RANDOM % ${#panels[@]}))]}
        panel "$p" fire_alarm "demo zone"
        echo "iot-demo: fire alarm from $p"
        if [ $((RANDOM % 2)) -eq 0 ]; then
            sleep 5
            tick=$((tick + 5))
            second=${p%-P*}-P2
            [ "$second" != "$p" ] && panel "$second" fire_alarm "demo zone 2"
        fi
    fi
    sleep 1
    tick=$((tick + 1))
done
