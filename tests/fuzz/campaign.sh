#!/bin/bash
# A long fuzzing campaign over the harnesses of tests/fuzz:
#   tests/fuzz/campaign.sh [-j JOBS] [-d SCRATCH] SECONDS [TARGET...]
# Builds build-fuzz (build.sh), then fuzzes each TARGET (default: all, from
# tests/fuzz/corpus/) for SECONDS, JOBS targets at a time (default 1), at
# low priority (nice). New corpus entries go to SCRATCH/TARGET/corpus
# (default build-fuzz-campaign/, which .ci/run leaves alone), so a later
# campaign resumes from them and the committed seeds never change; crashing
# inputs go to SCRATCH/TARGET/crashes. Prints per target: inputs run, inputs/s, corpus
# entries added and crashes (crash, leak, timeout or out-of-memory inputs);
# the full libFuzzer log is SCRATCH/TARGET/log. Exits 1 if anything crashed.
#
# To keep a crash as a regression seed: fix the bug, then copy the input to
# tests/fuzz/corpus/TARGET/regress-<what>. To fold new coverage into the
# committed seeds (sparingly: they should stay small and meaningful):
#   build-fuzz/tests/fuzz/fuzz-TARGET -merge=1 tests/fuzz/corpus/TARGET SCRATCH/TARGET/corpus
set -uo pipefail
src=$(cd "$(dirname "$0")/../.." && pwd)
jobs=1
scratch=$src/build-fuzz-campaign
while getopts "j:d:" opt; do
	case $opt in
	j) jobs=$OPTARG ;;
	d) scratch=$OPTARG ;;
	*) echo "usage: $0 [-j JOBS] [-d SCRATCH] SECONDS [TARGET...]" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
if [ $# -lt 1 ] || ! [[ $1 =~ ^[0-9]+$ ]] || ! [[ $jobs =~ ^[1-9][0-9]*$ ]]; then
	echo "usage: $0 [-j JOBS] [-d SCRATCH] SECONDS [TARGET...]" >&2
	exit 2
fi
seconds=$1
shift
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
	for d in "$src"/tests/fuzz/corpus/*/; do
		targets+=("$(basename "$d")")
	done
fi
for t in "${targets[@]}"; do
	if [ ! -d "$src/tests/fuzz/corpus/$t" ]; then
		echo "$0: unknown target $t (targets: $(ls "$src/tests/fuzz/corpus" | tr '\n' ' '))" >&2
		exit 2
	fi
done
"$src/tests/fuzz/build.sh" >/dev/null || exit 1

# One target: fuzz for $seconds, keep the corpus and crashes under $scratch/$1.
# Every input takes well under a second; the long -timeout (wall time) is
# for a shared, loaded machine where a niced fuzzer can wait many seconds
# for a CPU (seen: 36 s), and -report_slow_units keeps such waits from
# being saved as findings.
run_target() {
	local t=$1 dir=$scratch/$1
	nice -n 19 "$src/build-fuzz/tests/fuzz/fuzz-$t" -max_total_time="$seconds" \
		-timeout=300 -report_slow_units=300 -rss_limit_mb=2048 -print_final_stats=1 \
		-artifact_prefix="$dir/crashes/" "$dir/corpus" "$src/tests/fuzz/corpus/$t" \
		>"$dir/log" 2>&1
}

# Findings saved in a crashes directory (libFuzzer's artifact names).
count_findings() {
	find "$1" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' \
		-o -name 'oom-*' \) | wc -l
}

mkdir -p "$scratch"
declare -A corpus_before crashes_before
for t in "${targets[@]}"; do
	mkdir -p "$scratch/$t/corpus" "$scratch/$t/crashes"
	corpus_before[$t]=$(ls "$scratch/$t/corpus" | wc -l)
	crashes_before[$t]=$(count_findings "$scratch/$t/crashes")
done
for t in "${targets[@]}"; do
	while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do
		wait -n
	done
	echo "fuzzing $t for ${seconds}s" >&2
	run_target "$t" &
done
wait

status=0
printf '%-16s %12s %10s %8s %8s\n' target inputs inputs/s added crashes
for t in "${targets[@]}"; do
	dir=$scratch/$t
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$dir/log" | tail -1)
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$dir/log" | tail -1)
	added=$(($(ls "$dir/corpus" | wc -l) - corpus_before[$t]))
	crashes=$(($(count_findings "$dir/crashes") - crashes_before[$t]))
	printf '%-16s %12s %10s %8s %8s\n' "$t" "${runs:-?}" "${rate:-?}" "$added" "$crashes"
	[ "$crashes" -eq 0 ] || status=1
done
if [ $status -ne 0 ]; then
	echo "crashing inputs in $scratch/*/crashes/ (libFuzzer stops a target at its first);" \
		"replay one with build/tests/fuzz/fuzz-seed-TARGET FILE" >&2
fi
exit $status
