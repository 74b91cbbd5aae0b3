#!/bin/bash
# Configures and builds the fuzz build (clang, libFuzzer, ASan, UBSan) in
# build-fuzz at the top of the source tree, or in the directory given:
#   tests/fuzz/build.sh [BUILD_DIR]
# Then `meson test -C build-fuzz --suite fuzz` runs every fuzzer briefly and
# tests/fuzz/campaign.sh runs long campaigns.
set -euo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
dir=${1:-$src/build-fuzz}
if [ ! -f "$dir/build.ninja" ]; then
	CC=clang meson setup "$dir" "$src" -Dfuzz=true -Dwerror=true >/dev/null
fi
ninja -C "$dir"
