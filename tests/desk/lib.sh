# Shared by the client-against-server tests (tests/desk): source it after
# setting $motcua, $motcuad and $SRC. Adds to tests/server/lib.sh (the
# server, tokens, TAP lines; everything it starts is stopped on exit):
#   xvfb                 a private X screen (tests/lib/xvfb.sh), stopped on exit
#   server_up NAME [PORT]   motcuad on 127.0.0.1:PORT (0: a free one); sets $url, $port
#   server_kill NAME     kill -9 (an outage, not a clean stop)
#   trace ARGS...        tests/lib/trace.py on $MOTCUA_TRACE
#   spawn NAME CMD...    a client in the background, its log in $tmp/NAME.log,
#                        its pid in ${NAME}_pid; killed on exit
. "$SRC/tests/server/lib.sh"
. "$SRC/tests/lib/xvfb.sh"
clients=()
desk_cleanup() {
	local p
	for p in "${clients[@]}"; do
		kill "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	xvfb_stop
	cleanup
}
trap desk_cleanup EXIT
export MOTCUA_TRACE=$tmp/trace MOTCUA_ASSETS=$SRC/assets MOTCUA_LOG=info
xvfb() { xvfb_start "${1:-1280x720}" || fail "no X screen (Xvfb)"; }
server_up() {
	local name=$1 p=${2:-0} pid i
	rm -f "$tmp/$name.url"
	# The port of a server just killed may stay busy for a moment: try again.
	for i in $(seq 1 50); do
		"$motcuad" --listen "127.0.0.1:$p" --url-file "$tmp/$name.url" 2>>"$tmp/$name.log" &
		pid=$!
		servers+=("$pid")
		eval "${name}_pid=$pid"
		wait_for "[ -s '$tmp/$name.url' ] || ! kill -0 $pid 2>/dev/null"
		[ -s "$tmp/$name.url" ] && break
		sleep 0.2
	done
	[ -s "$tmp/$name.url" ] || fail "motcuad $name did not start on port $p"
	url=$(cat "$tmp/$name.url")
	port=${url##*:}
}
server_kill() {
	local pid
	eval "pid=\$${1}_pid"
	kill -9 "$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
}
trace() { python3 "$SRC/tests/lib/trace.py" "$1" "$MOTCUA_TRACE" "${@:2}"; }
lines() { if [ -f "$MOTCUA_TRACE" ]; then wc -l <"$MOTCUA_TRACE"; else echo 0; fi; }
spawn() {
	local name=$1
	shift
	"$@" 2>>"$tmp/$name.log" &
	local pid=$!
	clients+=("$pid")
	eval "${name}_pid=$pid"
}
last_event() { sql 'select coalesce(max(id), 0) from events'; }
