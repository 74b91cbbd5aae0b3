#!/bin/bash
# The event stream: a client that hangs up and reconnects with the last id
# it saw misses nothing and sees nothing twice, while commits come both
# from the server (HTTP) and from another process on the same file (the
# CLI); 80 streams at once cost no thread each, and all of them get the
# next event.
set -u
motcua=$1 motcuad=$2 client=$3
. "$(dirname "$0")/lib.sh"
"$motcua" init --demo >/dev/null
display=$(token d1 --role display)
kiosk=$(token k1 --role kiosk)
admin=$(token a1 --role admin)
start_server srv --max-per-address 100 --threads 4
start=$(sql 'SELECT max(id) FROM events')
(
	for i in $(seq 1 60); do
		"$motcua" issue HT >/dev/null
		api POST /api/v1/tickets "$kiosk" '{"service":"CT"}'
		api POST /api/v1/counters/2/call "$admin"
	done
	touch "$tmp/generated"
) &
gen=$!
after=$start
rounds=0
: >"$tmp/seen"
while :; do
	"$client" sse "$url" "$display" "$after" 7 >"$tmp/round" || fail "the stream did not open"
	cat "$tmp/round" >>"$tmp/seen"
	[ -s "$tmp/round" ] && after=$(tail -1 "$tmp/round")
	rounds=$((rounds + 1))
	if [ -e "$tmp/generated" ] && [ "$after" = "$(sql 'SELECT max(id) FROM events')" ]; then
		break
	fi
	[ $rounds -lt 200 ] || fail "the reader never caught up"
done
wait $gen
sql "SELECT id FROM events WHERE id > $start ORDER BY id" >"$tmp/want"
ok "[ \$(wc -l <$tmp/want) -ge 180 ] && [ $rounds -gt 10 ]" "$(wc -l <"$tmp/want") events read in $rounds connections"
ok "[ -z \"\$(sort $tmp/seen | uniq -d)\" ]" "none seen twice"
ok "cmp -s $tmp/seen $tmp/want" "none missed, in order"
"$client" sse "$url" "$display" 0 3 >"$tmp/old"
ok "[ \"\$(cat $tmp/old)\" = \"1
2
3\" ]" "after=0 replays from the first event"
api GET /api/v1/events "$display" -H "Last-Event-ID: 999999" --max-time 1
ok "grep -q 'event: reset' $tmp/body && grep -q \"last_event_id\\\":\$(sql 'SELECT max(id) FROM events')\" $tmp/body" "an id ahead of the log: a reset event with the newest id"

last=$(sql 'SELECT max(id) FROM events')
"$client" sse-many "$url" "$display" 80 "$last" "$tmp/ready" >"$tmp/many" &
many=$!
wait_for "[ -e $tmp/ready ]"
threads=$(ls "/proc/$srv_pid/task" | wc -l)
ok "[ $threads -le 8 ]" "80 open streams, $threads server threads"
"$motcua" issue KH >/dev/null
wait $many
ok "[ $? = 0 ]" "all 80 streams got the next event ($(cat "$tmp/many"))"
stop_server srv
ok "[ $stopped_rc = 0 ]" "the server stops cleanly"
finish
