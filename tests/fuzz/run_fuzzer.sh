#!/usr/bin/env bash
# Builds one libFuzzer target with clang (ASan + UBSan) and runs it for a bounded time.
# Usage: run_fuzzer.sh NAME SECONDS SOURCE_DIR WORK_DIR [CLANGXX]
set -euo pipefail
name=$1 seconds=$2 src=$3 work=$4 clangxx=${5:-clang++}
mkdir -p "$work/$name-corpus"
cp -n "$src/tests/fuzz/corpus/$name/"* "$work/$name-corpus/" 2>/dev/null || true
sources=("$src/tests/fuzz/${name}_fuzz.cpp" "$src/server/feeds/sbs_message.cpp"
         "$src/server/feeds/aircraft_tracker.cpp" "$src/server/feeds/aircraft_json.cpp"
         "$src/server/feeds/http_get.cpp" "$src/server/feeds/sbs_decoder.cpp"
         "$src/server/feeds/sbs_replay.cpp" "$src/server/feeds/tcp_connect.cpp"
         "$src/server/iot/payload.cpp" "$src/server/core/validation.cpp"
         "$src/common/iso_time.cpp")
"$clangxx" -std=c++20 -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
    -I"$src/server" -I"$src" "${sources[@]}" -o "$work/${name}_fuzz"
cd "$work"
"./${name}_fuzz" -max_total_time="$seconds" -max_len=4096 -timeout=10 -rss_limit_mb=1024 \
    -print_final_stats=1 "$name-corpus"
