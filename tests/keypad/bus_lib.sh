# Shared by the keypad bus tests (e2e.sh, e2e_bus.sh): source it after
# setting $sim (the keypad_sim binary). It makes $tmp (removed on exit with
# every process listed in $pids) and gives:
#   fail MSG        print MSG and the tail of every log in $tmp, exit 1
#   wait_for EXPR   until EXPR (shell) is true, at most 15 s, else fail
#   seen LINE       LINE (a basic regex, whole line) is in the simulator's log
#   count LINE      how many such lines
#   ctl ORDER...    send an order to the simulator
#   start_sim ARGS  a fresh simulated bus (keypad_sim ARGS), its pty in $pty
tmp=$(mktemp -d)
pids=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
	rm -rf "$tmp"
}
trap cleanup EXIT
fail() {
	echo "FAIL: $*" >&2
	local f
	for f in "$tmp"/*.log "$tmp"/*.out; do
		[ -f "$f" ] && { echo "--- $(basename "$f"):" >&2; tail -25 "$f" >&2; }
	done
	exit 1
}
wait_for() {
	local what=$1 deadline=$((SECONDS + 15))
	until eval "$what"; do
		[ $SECONDS -lt $deadline ] || fail "timed out waiting for: $what"
		sleep 0.05
	done
}
seen() { grep -qx -- "$1" "$tmp/sim.log"; }
count() { grep -cx -- "$1" "$tmp/sim.log"; }
ctl() { echo "$*" >"$tmp/ctl"; }
start_sim() {
	: >"$tmp/sim.log"
	rm -f "$tmp/pty" "$tmp/ctl"
	mkfifo "$tmp/ctl"
	"$sim" --pty "$tmp/pty" --control "$tmp/ctl" --log "$tmp/sim.log" "$@" &
	sim_pid=$!
	pids+=($sim_pid)
	wait_for '[ -s "$tmp/pty" ] && seen READY'
	pty=$(cat "$tmp/pty")
}
