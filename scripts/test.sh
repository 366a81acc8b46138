#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to every test passing: installs what is missing,
# builds (benchmarks included, so they keep compiling), checks format and lint, runs ctest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh -DFLAMEBLUE_BUILD_BENCHMARKS=ON
bash scripts/lint.sh build
ctest --test-dir build --output-on-failure --parallel 2 --timeout 600
