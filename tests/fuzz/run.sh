#!/bin/bash
# One short, repeatable libFuzzer run (the fuzz build's meson tests):
#   run.sh FUZZER SEED_DIR RUNS
# Fuzzes RUNS inputs from the committed seeds with a fixed seed. New corpus
# entries go to a scratch directory that is removed afterwards, so the
# committed corpus never changes; a crashing input is kept beside the fuzzer
# as crash-* (replay it with the normal build's fuzz-seed-NAME FILE). The
# per-input timeout is wall time and generous: inputs take milliseconds, but
# a loaded machine can starve a process for many seconds.
# libFuzzer reports a finding with exit code 77 by default, which meson takes
# for "skipped": findings must fail the test, so they exit 1.
set -euo pipefail
if [ $# -ne 3 ]; then
	echo "usage: $0 FUZZER SEED_DIR RUNS" >&2
	exit 2
fi
fuzzer=$1 seeds=$2 runs=$3
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
artifacts="$(dirname "$fuzzer")/artifacts-$(basename "$fuzzer")"
mkdir -p "$artifacts"
"$fuzzer" -runs="$runs" -seed=1 -error_exitcode=1 -timeout_exitcode=1 -timeout=120 -report_slow_units=120 -rss_limit_mb=2048 -print_final_stats=1 \
	-artifact_prefix="$artifacts/" "$scratch" "$seeds"
