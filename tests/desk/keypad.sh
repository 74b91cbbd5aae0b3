#!/bin/bash
# motcua-keypad against a real motcuad: a simulated keypad (keypad_sim on a
# pseudo-terminal, tests/serial/pty-as-uart.sh) calls through the server;
# a key pressed while the server is down does nothing; after the server
# is back on the same port the next key calls again, and the LED follows.
#   keypad.sh KEYPAD SIM CLI MOTCUAD PTY_AS_UART SHIM
set -u
keypad=$1 sim=$2 cli=$3 motcuad=$4 harness=$5 shim=$6
. "$(dirname "$0")/../keypad/bus_lib.sh"
export MOTCUA_DB=$tmp/q.db
m() { MOTCUA_LOG=warn "$cli" "$@"; }
status_of() { sqlite3 "$MOTCUA_DB" "select status || ' ' || counter from tickets where number='$1' order by id desc limit 1"; }
serve() {  # serve PORT: motcuad on 127.0.0.1:PORT (0: a free one), its URL in $url
	local i
	for i in $(seq 1 50); do
		rm -f "$tmp/url"
		"$motcuad" --listen "127.0.0.1:$1" --url-file "$tmp/url" 2>>"$tmp/server.log" &
		server=$!
		pids+=($server)
		wait_for '[ -s "$tmp/url" ] || ! kill -0 $server 2>/dev/null'
		[ -s "$tmp/url" ] && break
		sleep 0.2
	done
	[ -s "$tmp/url" ] || fail "motcuad did not start"
	url=$(cat "$tmp/url")
}

m init --demo >/dev/null || fail "init"
for i in 1 2 3; do m issue HT >/dev/null; done
tok=$(m --json token add bridge --role admin | sed -n 's/.*"token":"\([^"]*\)".*/\1/p')
[ -n "$tok" ] || fail "token"
serve 0
port=${url##*:}
start_sim --addr 1
MOTCUA_TOKEN=$tok "$harness" "$shim" "$pty" -- "$keypad" --server "$url" \
	--port "serial:/dev/ttyS0?baud=9600" --keypad 1=1 >"$tmp/bridge.log" 2>&1 &
bridge=$!
pids+=($bridge)
sleep 0.3
if ! kill -0 $bridge 2>/dev/null; then
	wait $bridge
	rc=$?
	[ $rc = 77 ] && { echo "1..0 # SKIP no pty harness"; exit 0; }
	fail "bridge exited with $rc"
fi
wait_for 'seen "HELLO 1"'
echo "ok 1 - the bridge reaches the keypad, the desk is the server"

ctl key 1 1
wait_for '[ "$(status_of A1001)" = "called 1" ] || [ "$(status_of 1001)" = "called 1" ]'
first=$(sqlite3 "$MOTCUA_DB" "select number from tickets where status='called' and counter=1")
wait_for "seen \"DISPLAY 1 [0-9]* $first\""
echo "ok 2 - Next on the keypad calls $first through the server; the LED shows it"

kill -9 $server; wait $server 2>/dev/null
ctl key 1 1
sleep 2
[ "$(sqlite3 "$MOTCUA_DB" "select count(*) from events where kind='call'")" = 1 ] \
	|| fail "a key pressed while the server was down wrote something"
echo "ok 3 - a key pressed while the server is down writes nothing"

serve "$port"
wait_for '[ "$(grep -c "event stream connected" "$tmp/bridge.log")" -ge 2 ]'
ctl key 1 1
wait_for '[ "$(sqlite3 "$MOTCUA_DB" "select count(*) from events where kind='"'"'call'"'"'")" = 2 ]'
second=$(sqlite3 "$MOTCUA_DB" "select number from tickets where status='called' and counter=1")
wait_for "seen \"DISPLAY 1 [0-9]* $second\""
echo "ok 4 - server back on the same port: the next key calls $second, the LED follows"
echo "1..4"
