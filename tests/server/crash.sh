#!/bin/bash
# kill -9 of the server under load, then a restart on the same address:
# every ticket a client saw acknowledged is in the database with its
# number, a client retrying its request with the same key after the crash
# gets the ticket that was committed for it (no second one), and every key
# sent again later answers the same ticket.
set -u
motcua=$1 motcuad=$2 client=$3
. "$(dirname "$0")/lib.sh"
"$motcua" init --demo >/dev/null
toks=()
for k in 1 2 3 4; do toks+=("$(token k$k --role kiosk)"); done
start_server srv
port=${url##*:}
pids=()
for k in 1 2 3 4; do
	"$client" keys "$url" "${toks[$((k - 1))]}" "run$k" 60 "$tmp/acked$k" 2>"$tmp/client$k.log" &
	pids+=($!)
done
wait_for '[ $(cat $tmp/acked* 2>/dev/null | wc -l) -ge 60 ]'
kill -9 "$srv_pid"
wait "$srv_pid" 2>/dev/null
at_kill=$(cat "$tmp"/acked* | wc -l)
ok "[ $at_kill -lt 240 ]" "killed with -9 after $at_kill of 240 tickets"
start_server srv2 --listen "127.0.0.1:$port"
rc=0
for p in "${pids[@]}"; do wait "$p" || rc=1; done
ok "[ $rc = 0 ]" "every client finished, retrying across the restart"
cat "$tmp"/acked* >"$tmp/acked"
ok "[ \$(wc -l <$tmp/acked) = 240 ] && [ \$(cut -d' ' -f2 $tmp/acked | sort -u | wc -l) = 240 ]" "240 tickets acknowledged, 240 ids"
missing=0
while read -r key id number; do
	[ "$(sql "SELECT number FROM tickets WHERE id = $id AND status = 'waiting'")" = "$number" ] || missing=$((missing + 1))
done <"$tmp/acked"
ok "[ $missing = 0 ]" "every acknowledged ticket is in the database with its number"
ok "[ \$(sql 'SELECT count(*) FROM tickets') = 240 ]" "and no other ticket: a retry after the crash got its committed ticket"
ok "[ \$(sql 'SELECT count(DISTINCT number) FROM tickets') = 240 ]" "no number twice"
for k in 1 2 3 4; do
	"$client" replay "$url" "${toks[$((k - 1))]}" "$tmp/acked$k" >"$tmp/replay$k" || rc=1
done
ok "[ $rc = 0 ]" "every key sent again answers the same ticket"
cat "$tmp"/replay* | grep -v ' 0 differ' | head -3 | sed 's/^/#   /'
ok "[ \$(sql 'SELECT count(*) FROM tickets') = 240 ]" "and writes nothing"
ok "\"$motcua\" check >/dev/null" "motcua check agrees"
stop_server srv2
finish
