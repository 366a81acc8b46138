#!/usr/bin/env bash
# Fails when the tree is not clang-formatted or clang-tidy finds a problem in our sources.
# Usage: scripts/lint.sh BUILD_DIR   (needs compile_commands.json from a configured build)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}

mapfile -t sources < <(git ls-files --cached --others --exclude-standard \
    'server/*.h' 'server/*.cpp' 'client/*.h' 'client/*.cpp' 'tests/*.h' 'tests/*.cpp')
[ ${#sources[@]} -gt 0 ] || { echo "lint: no sources found"; exit 1; }

echo "== clang-format (${#sources[@]} files)"
if ! clang-format --dry-run --Werror "${sources[@]}"; then
    echo "lint: run 'clang-format -i' on the files above" >&2
    exit 1
fi

echo "== clang-tidy"
mapfile -t units < <(printf '%s\n' "${sources[@]}" | grep -E '^(server|client)/.*\.cpp$')
printf '%s\n' "${units[@]}" | xargs -P "$(nproc)" -n 4 clang-tidy -p "$build" --quiet 2> /tmp/flameblue-tidy.$$ \
    || { grep -v -E 'warnings generated|^Suppressed|Use -header-filter|NOLINT' /tmp/flameblue-tidy.$$ >&2 || true; rm -f /tmp/flameblue-tidy.$$; echo "lint: clang-tidy found problems" >&2; exit 1; }
rm -f /tmp/flameblue-tidy.$$
echo "lint: clean"
