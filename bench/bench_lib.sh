# Shared by the benchmarks that run the desk's programs under Xvfb
# (idle_bench.sh, memory_bench.sh): source it after setting SRC (the source
# root). It makes $T, a temporary folder removed on exit together with the
# Xvfb (tests/lib/xvfb.sh) and every process listed in PIDS, and points the
# programs at a database in it ($MOTCUA_DB, not created), quiet logs and the
# source's assets.
. "$SRC/tests/lib/xvfb.sh"
T=$(mktemp -d)
PIDS=()
bench_cleanup() {
	local p
	for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
	xvfb_stop
	rm -rf "$T"
}
trap bench_cleanup EXIT
export MOTCUA_ASSETS=$SRC/assets MOTCUA_LOG=warn MOTCUA_DB=$T/m.db
