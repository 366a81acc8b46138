#!/usr/bin/env bash
# A fail-over drill of the production layout on one machine, with real components: a
# one-member etcd, two PostgreSQL 15 nodes run by Patroni with synchronous replication
# (docs/patroni/patroni.yml), and a flameblue-server given both nodes. A command burst runs
# while the primary node is killed (Patroni and PostgreSQL, SIGKILL, as a machine lost); Patroni
# promotes the synchronous standby on its own; the script prints how long commands were
# refused, and checks that every acknowledged command is in the promoted node's log.
#
# Not part of scripts/test.sh (it takes about a minute and installs patroni and etcd-server):
#   bash scripts/patroni-failover.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=${1:-build}

need=()
for p in patroni etcd-server etcd-client postgresql-15 curl; do
    dpkg-query -W -f='${Status}' "$p" 2> /dev/null | grep -q "install ok installed" || need+=("$p")
done
if [ ${#need[@]} -gt 0 ]; then
    SUDO=""
    [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    echo "== installing ${need[*]}"
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${need[@]}" > /dev/null
fi
[ -f "$build/CMakeCache.txt" ] || { echo "patroni-failover.sh: build first (scripts/build.sh)" >&2; exit 1; }
cmake --build "$build" --target flameblue-server failover_probe > /dev/null
server_bin=$build/server/app/flameblue-server
probe_bin=$build/tests/e2e/failover_probe

work=$(mktemp -d "${TMPDIR:-/tmp}/flameblue-patroni.XXXXXX")
chmod 755 "$work"
# PostgreSQL refuses to run as root: when the drill runs as root, the nodes run as `postgres`.
as_db=()
if [ "$(id -u)" -eq 0 ]; then
    as_db=(runuser -u postgres --)
    chown postgres "$work"
fi
pids=()
cleanup() {
    for p in "${pids[@]}"; do kill -9 "$p" 2> /dev/null || true; done
    pkill -9 -f "$work/" 2> /dev/null || true
    sleep 0.5
    rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_for() {  # wait_for SECONDS DESCRIPTION COMMAND...
    local limit=$1 what=$2; shift 2
    for _ in $(seq 1 $((limit * 10))); do "$@" > /dev/null 2>&1 && return 0; sleep 0.1; done
    echo "patroni-failover.sh: gave up waiting for $what" >&2
    return 1
}

etcd_client=$(free_port); etcd_peer=$(free_port)
etcd --name drill --data-dir "$work/etcd" \
    --listen-client-urls "http://127.0.0.1:$etcd_client" \
    --advertise-client-urls "http://127.0.0.1:$etcd_client" \
    --listen-peer-urls "http://127.0.0.1:$etcd_peer" \
    --initial-advertise-peer-urls "http://127.0.0.1:$etcd_peer" \
    --initial-cluster "drill=http://127.0.0.1:$etcd_peer" > "$work/etcd.log" 2>&1 &
pids+=($!); disown
wait_for 30 "etcd" curl -sf "http://127.0.0.1:$etcd_client/health"

cp docs/patroni/post_bootstrap.sh "$work/post_bootstrap.sh"
chmod 755 "$work/post_bootstrap.sh"
declare -A rest pg
for node in node1 node2; do
    rest[$node]=$(free_port); pg[$node]=$(free_port)
    mkdir -p "$work/$node"
    sed -e "s|@NAME@|$node|" -e "s|@HOST@|127.0.0.1|g" -e "s|@REST_PORT@|${rest[$node]}|g" \
        -e "s|@PG_PORT@|${pg[$node]}|g" -e "s|@ETCD_HOSTS@|127.0.0.1:$etcd_client|" \
        -e "s|@POST_BOOTSTRAP@|$work/post_bootstrap.sh|" -e "s|@DATA_DIR@|$work/$node/data|" \
        -e "s|@PGPASS@|$work/$node/pgpass|" -e "s|@SUPERUSER_PASSWORD@|drill-superuser|" \
        -e "s|@REPLICATION_PASSWORD@|drill-replication|" -e "s|@SOCKET_DIR@|$work/$node|" \
        -e "s|@NETWORK@|127.0.0.1/32|g" docs/patroni/patroni.yml > "$work/$node.yml"
    [ ${#as_db[@]} -gt 0 ] && chown -R postgres "$work/$node" "$work/$node.yml"
done
start_node() {
    "${as_db[@]}" env FLAMEBLUE_DB_PASSWORD=fire-and-rescue patroni "$work/$1.yml" \
        >> "$work/$1/patroni.log" 2>&1 &
    pids+=($!); disown
}
start_node node1
wait_for 90 "node1 to become primary" curl -sf "http://127.0.0.1:${rest[node1]}/primary"
start_node node2
wait_for 120 "node2 to become the synchronous standby" curl -sf "http://127.0.0.1:${rest[node2]}/sync"
echo "== node1 primary on ${pg[node1]}, node2 synchronous standby on ${pg[node2]}"

store="postgresql://flameblue:fire-and-rescue@127.0.0.1:${pg[node1]},127.0.0.1:${pg[node2]}/flameblue?target_session_attrs=read-write&connect_timeout=3"
listen=$(free_port)
"$server_bin" --store "$store" --listen "127.0.0.1:$listen" --state-dir "$work/state" \
    --data-dir "$root/data" > "$work/server.log" 2>&1 &
pids+=($!); disown
wait_for 60 "the server" bash -c "exec 3<>/dev/tcp/127.0.0.1/$listen"

"$probe_bin" --server "127.0.0.1:$listen" --seconds 60 --out "$work/acknowledged.txt" &
probe=$!
sleep 10
# The primary's machine is lost: Patroni and PostgreSQL of node1, SIGKILL.
killed_at=$(date +%s.%N)
pkill -9 -f "patroni $work/node1.yml" || true
[ -f "$work/node1/data/postmaster.pid" ] && kill -9 "$(head -1 "$work/node1/data/postmaster.pid")" 2> /dev/null || true
echo "== node1 killed"
wait_for 60 "node2 to be promoted" curl -sf "http://127.0.0.1:${rest[node2]}/primary"
promoted_at=$(date +%s.%N)
echo "== node2 is primary $(python3 -c "print(f'{$promoted_at - $killed_at:.1f}')") s after the kill"
wait "$probe"

# Everything acknowledged is on the promoted node: a second server that knows only node2 reads it.
listen2=$(free_port)
"$server_bin" --store "postgresql://flameblue:fire-and-rescue@127.0.0.1:${pg[node2]}/flameblue" \
    --listen "127.0.0.1:$listen2" --state-dir "$work/state2" --data-dir "$root/data" \
    > "$work/server2.log" 2>&1 &
pids+=($!); disown
wait_for 60 "the second server" bash -c "exec 3<>/dev/tcp/127.0.0.1/$listen2"
"$probe_bin" --server "127.0.0.1:$listen2" --check "$work/acknowledged.txt"
echo "== fail-over drill passed"
