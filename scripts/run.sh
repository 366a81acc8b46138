#!/usr/bin/env bash
# One command from a fresh Debian 12 machine to a running dispatch server on the bundled Shanxi
# demo data, with simulated vehicle movement. Extra arguments go to flameblue-server.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
exec ./build/server/app/flameblue-server --simulate "$@"
