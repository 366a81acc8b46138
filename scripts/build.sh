#!/usr/bin/env bash
# Configures and builds into build/ (pass extra CMake options as arguments). Uses ccache when it
# is installed, keyed on paths relative to the checkout so that clones share the cache.
set -euo pipefail
cd "$(dirname "$0")/.."
launcher=()
if command -v ccache > /dev/null; then
    export CCACHE_BASEDIR="$PWD" CCACHE_NOHASHDIR=1
    launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" "$@" \
    > build-configure.log || { cat build-configure.log; exit 1; }
cmake --build build --parallel "$(nproc)"
