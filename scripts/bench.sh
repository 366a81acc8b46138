#!/usr/bin/env bash
# Runs every benchmark and writes docs/benchmarks.md: one table of figure / value / baseline /
# target / verdict, read from the summary lines the benchmarks print (tests/bench/bench_summary.h),
# with the date, the commit, the machine and how busy it was while they ran. Not part of the test
# command. Takes about 12 minutes on 2 cores.
#
#   scripts/bench.sh [--build-dir DIR] [--out FILE] [--logs DIR] [--only NAME,NAME...]
#                    [--no-build]
#
# It builds nothing but the benchmark targets (cmake --build DIR --target ...), in a build
# directory configured with -DFLAMEBLUE_BUILD_BENCHMARKS=ON. A benchmark that fails or runs past
# its time limit gets a row saying so and the script goes on. Benchmarks write their scratch
# files to $FLAMEBLUE_BENCH_DIR or the system temp dir; the notes say which file system that is
# (on tmpfs, fsync is free and durability figures are flattering).
set -uo pipefail
cd "$(dirname "$0")/.."

build=build
out=docs/benchmarks.md
logs=
only=
do_build=1
while [ $# -gt 0 ]; do
    case "$1" in
        --build-dir) build=${2:?--build-dir needs a directory}; shift 2 ;;
        --out) out=${2:?--out needs a file}; shift 2 ;;
        --logs) logs=${2:?--logs needs a directory}; shift 2 ;;
        --only) only=${2:?--only needs benchmark names}; shift 2 ;;
        --no-build) do_build=0; shift ;;
        -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
        *) echo "bench.sh: unknown argument $1 (see --help)" >&2; exit 2 ;;
    esac
done
logs=${logs:-$build/bench-logs}

# name | arguments | time limit in seconds | display (gui: under Xvfb)
# Settings keep the whole run well under 20 minutes on a 2-core machine.
benches=(
    "store_bench|--benchmark_color=false --benchmark_repetitions=5 --benchmark_min_time=0.2 --benchmark_enable_random_interleaving=true --benchmark_report_aggregates_only=true|300|"
    "pg_store_bench|--seconds 1 --repetitions 3|300|"
    "sbs_bench|--benchmark_color=false --benchmark_repetitions=3 --benchmark_report_aggregates_only=true|120|"
    "track_bench|--benchmark_color=false --benchmark_repetitions=3 --benchmark_report_aggregates_only=true|300|"
    "recommend_bench|--benchmark_color=false --mix-seconds 40|300|"
    "ingest_bench||600|"
    "feed_e2e_bench|--seconds 30|180|"
    "multisite_bench|--seconds 20|180|"
    "failover_bench|--rounds 5|300|"
    "iot_bench|--seconds 30|180|"
    "drill_bench|--seeks 100|900|"
    "coverage_bench|--changes 200|300|"
    "reports_bench|--repeat 5|1800|"
    "map_bench||180|gui"
    "console_bench|--runs 5 --traffic-seconds 30|300|gui"
)

selected() {
    [ -z "$only" ] && return 0
    case ",$only," in *",$1,"*) return 0 ;; esac
    return 1
}

[ -f "$build/CMakeCache.txt" ] || {
    echo "bench.sh: $build is not a configured build directory; configure it with" \
         "-DFLAMEBLUE_BUILD_BENCHMARKS=ON (see README)" >&2
    exit 1
}

# ---- Build the benchmark targets (no-op when up to date) -------------------------------------
targets=()
generator=$(sed -n 's/^CMAKE_GENERATOR:[A-Z]*=//p' "$build/CMakeCache.txt")
known=
[ "$generator" = Ninja ] && known=$(ninja -C "$build" -t targets all 2>/dev/null | cut -d: -f1)
for b in "${benches[@]}"; do
    name=${b%%|*}
    selected "$name" || continue
    # map_bench, console_bench and failover_bench exist only when the console is built.
    if [ "$generator" != Ninja ] || grep -qx "$name" <<< "$known"; then
        targets+=("$name")
    fi
done
if [ "$do_build" = 1 ] && [ ${#targets[@]} -gt 0 ]; then
    echo "== building ${targets[*]}"
    cmake --build "$build" --target "${targets[@]}" || {
        echo "bench.sh: building the benchmarks failed" >&2
        exit 1
    }
fi

# ---- The machine, read now -------------------------------------------------------------------
cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
cores_online=$(nproc --all)
cores_usable=$(nproc)
mem_gib=$(awk '/^MemTotal:/ { printf "%.1f", $2 / 1048576 }' /proc/meminfo)
os_name=$( (. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-unknown}") || echo unknown)
kernel=$(uname -r)
build_type=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build/CMakeCache.txt")
compiler=$(sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' "$build/CMakeCache.txt")
compiler_version=$("$compiler" --version 2>/dev/null | head -1)
scratch=${FLAMEBLUE_BENCH_DIR:-${TMPDIR:-/tmp}}
scratch_fs=$(stat -f -c %T "$scratch" 2>/dev/null || echo unknown)
scratch_name="the system temp dir"
[ -n "${FLAMEBLUE_BENCH_DIR:-}" ] && scratch_name="\$FLAMEBLUE_BENCH_DIR"
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
commit_date=$(git log -1 --format=%cd --date=format:%Y-%m-%d 2>/dev/null || echo unknown)
dirty=$(git status --porcelain 2>/dev/null | grep -v " $out\$" | head -1)
started_at=$(date -u +"%Y-%m-%d %H:%M UTC")
load_start=$(cut -d' ' -f1-3 /proc/loadavg)
clk_tck=$(getconf CLK_TCK)

# Busy CPU seconds of the whole machine (all processes) so far.
machine_busy() {
    awk -v hz="$clk_tck" '/^cpu / { busy = 0; for (i = 2; i <= NF; i++) if (i != 5 && i != 6) busy += $i; printf "%.2f", busy / hz }' /proc/stat
}
# CPU seconds used so far by this script's finished children (benchmarks and what they started),
# into CHILDREN_CPU. `times` must run in this shell: a subshell starts with no children's times.
times_file=$(mktemp)
trap 'rm -f "$times_file"' EXIT
children_cpu() {
    times > "$times_file"
    CHILDREN_CPU=$(tail -1 "$times_file" | awk '{
        total = 0
        for (i = 1; i <= 2; i++) { split($i, p, "m"); sub("s", "", p[2]); total += p[1] * 60 + p[2] }
        printf "%.2f", total }')
}

mkdir -p "$logs" "$(dirname "$out")"
run_start=$(date +%s)
busy_start=$(machine_busy)
children_cpu; own_start=$CHILDREN_CPU
rows=()
runs=()
max_others=0

for b in "${benches[@]}"; do
    IFS='|' read -r name args limit display <<< "$b"
    selected "$name" || continue
    bin="$build/tests/bench/$name"
    log="$logs/$name.log"
    if [ ! -x "$bin" ]; then
        rows+=("$name|(not built in $build)|-|-|-|-")
        runs+=("| $name | - | - | not built |")
        continue
    fi
    cmd=("$bin")
    [ -n "$args" ] && read -r -a extra <<< "$args" && cmd+=("${extra[@]}")
    if [ "$display" = gui ]; then
        cmd=(xvfb-run -a -s "-screen 0 1600x1000x24" env QSG_RHI_BACKEND=opengl
             QT_QPA_PLATFORM=xcb "${cmd[@]}")
    fi
    echo "== $name ${args}"
    t0=$(date +%s.%N); busy0=$(machine_busy); children_cpu; own0=$CHILDREN_CPU
    timeout --kill-after=30 "$limit" "${cmd[@]}" > "$log" 2>&1
    status=$?
    t1=$(date +%s.%N); busy1=$(machine_busy); children_cpu; own1=$CHILDREN_CPU
    read -r seconds others <<< "$(awk -v t0="$t0" -v t1="$t1" -v b0="$busy0" -v b1="$busy1" \
        -v o0="$own0" -v o1="$own1" 'BEGIN {
            s = t1 - t0; o = (b1 - b0 - (o1 - o0)) / (s > 0 ? s : 1); if (o < 0) o = 0
            printf "%.0f %.2f", s, o }')"
    max_others=$(awk -v a="$max_others" -v b="$others" 'BEGIN { print (b > a ? b : a) }')
    found=0
    while IFS='|' read -r _ bench figure value baseline target verdict; do
        rows+=("$bench|$figure|$value|$baseline|$target|$verdict")
        found=1
    done < <(sed -n 's/.*\(BENCH|\)/\1/p' "$log")
    case $status in
        0) state="ok" ;;
        124|137) state="stopped at the ${limit} s limit" ;;
        *) state="failed (exit $status)" ;;
    esac
    if [ $status -ne 0 ] || [ $found = 0 ]; then
        rows+=("$name|(run $state; no figures: see $log)|-|-|-|MISSED")
    fi
    runs+=("| $name | \`${args:-(defaults)}\` | ${seconds} s | $state | ${others} |")
    echo "   $state in ${seconds} s; other processes used ${others} cores meanwhile"
done

run_end=$(date +%s)
busy_end=$(machine_busy)
children_cpu; own_end=$CHILDREN_CPU
load_end=$(cut -d' ' -f1-3 /proc/loadavg)
total=$((run_end - run_start))
others_total=$(awk -v b0="$busy_start" -v b1="$busy_end" -v o0="$own_start" -v o1="$own_end" \
    -v s="$total" 'BEGIN { o = (b1 - b0 - (o1 - o0)) / (s > 0 ? s : 1); if (o < 0) o = 0; printf "%.2f", o }')
shared=$(awk -v o="$others_total" -v m="$max_others" 'BEGIN { print (o >= 0.2 || m >= 0.5) ? 1 : 0 }')

# ---- docs/benchmarks.md ------------------------------------------------------------------------
tmp="$out.tmp.$$"
{
    echo "# Benchmarks"
    echo
    echo "Written by \`scripts/bench.sh\` from one run of every benchmark in \`tests/bench\`; do not edit"
    echo "by hand. A change that moves a figure reruns the script and commits this file with it."
    echo "Each baseline does the same work as the product the naive way, measured in the same run"
    echo "(\"-\" where a figure has none); a verdict counts what was dropped or conflated, not only"
    echo "what arrived; timed spans end where the user's wait ends."
    echo
    echo "## Run"
    echo
    echo "- Date: $started_at; total runtime $((total / 60)) min $((total % 60)) s"
    echo "- Commit: $commit ($commit_date)${dirty:+ plus the uncommitted changes committed with this file}"
    echo "- Machine: $cpu_model; $cores_usable of $cores_online cores usable; ${mem_gib} GiB memory;"
    echo "  $os_name, Linux $kernel"
    echo "- Build: ${build_type:-unknown} (${compiler_version:-unknown compiler})"
    echo "- Scratch files: $scratch_name ($scratch_fs)$([ "$scratch_fs" = tmpfs ] && echo ": fsync is free there, so durable-write figures are optimistic")"
    echo "- Load average (1, 5, 15 min): $load_start at the start, $load_end at the end"
    if [ "$shared" = 1 ]; then
        echo "- **The machine was shared during this run**: other processes used $others_total cores on"
        echo "  average (up to $max_others during one benchmark; see the last column below). Their"
        echo "  work competes with the benchmarks for the $cores_usable cores, so latencies and rates"
        echo "  here are pessimistic."
    else
        echo "- Other processes used $others_total cores on average during the run (at most"
        echo "  $max_others during one benchmark): the machine was otherwise quiet."
    fi
    [ -n "$only" ] && echo "- Partial run: only $only."
    echo
    echo "## Figures"
    echo
    echo "| benchmark | figure | value | baseline (same run) | target | verdict |"
    echo "|---|---|---|---|---|---|"
    for r in "${rows[@]}"; do
        IFS='|' read -r bench figure value baseline target verdict <<< "$r"
        [ "$verdict" = MISSED ] && verdict="**MISSED**"
        echo "| $bench | $figure | $value | $baseline | $target | $verdict |"
    done
    echo
    echo "## Benchmarks as run"
    echo
    echo "| benchmark | arguments | took | result | other processes' CPU (cores) |"
    echo "|---|---|---|---|---|"
    for r in "${runs[@]}"; do echo "$r"; done
    echo
    echo "Full output of each: \`$logs/<benchmark>.log\` on the machine that ran them. Rerun:"
    echo "\`scripts/bench.sh\` (\`--only name,name\` for some, \`--help\` for the rest)."
} > "$tmp" && mv "$tmp" "$out"

echo "== wrote $out in $((total / 60)) min $((total % 60)) s (other processes: $others_total cores on average)"
