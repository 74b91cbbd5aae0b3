#!/bin/bash
# 16 HTTP clients at once, 8 issuing and 8 calling (one per counter): each
# ticket is called exactly once and no number is handed out twice.
set -u
motcua=$1 motcuad=$2 client=$3
. "$(dirname "$0")/lib.sh"
"$motcua" init --demo >/dev/null
for c in 5 6 7 8; do "$motcua" counter add $c "Quầy $c" HT,CT,DD,LD,KH >/dev/null; done
for c in 1 2 3 4; do "$motcua" counter assign $c HT,CT,DD,LD,KH >/dev/null; done
kiosk=$(token k1 --role kiosk)
admin=$(token a1 --role admin)
start_server srv
"$client" rush "$url" "$kiosk" "$admin" 8 40 8 >"$tmp/out"
issued=$(grep -c '^issued ' "$tmp/out")
ok "[ $issued = 320 ] && ! grep -q '^error' $tmp/out" "8 clients issued 320 tickets, no error"
grep '^error' "$tmp/out" | head -3 | sed 's/^/#   /'
ok "[ \$(grep '^issued ' $tmp/out | cut -d' ' -f3 | sort | uniq -d | wc -l) = 0 ]" "no number handed out twice"
ok "[ \$(sql 'SELECT count(DISTINCT number) FROM tickets') = 320 ]" "320 numbers in the database"
called=$(grep '^called ' "$tmp/out" | cut -d' ' -f2 | sort -n)
ok "[ \"\$(echo \"$called\" | wc -l)\" = 320 ] && [ -z \"\$(echo \"$called\" | uniq -d)\" ]" "8 clients called 320 tickets, none twice"
ok "[ \"$called\" = \"\$(grep '^issued ' $tmp/out | cut -d' ' -f2 | sort -n)\" ]" "the tickets called are the tickets issued"
ok "[ -z \"\$(sql \"SELECT ticket_id FROM events WHERE kind = 'call' GROUP BY ticket_id HAVING count(*) <> 1\")\" ] && [ \$(sql \"SELECT count(*) FROM events WHERE kind = 'call'\") = 320 ]" "one call event per ticket"
ok "[ \$(sql \"SELECT count(*) FROM tickets WHERE status = 'waiting'\") = 0 ]" "nobody left waiting"
ok "\"$motcua\" check >/dev/null" "motcua check agrees"
stop_server srv
ok "[ $stopped_rc = 0 ]" "the server stops cleanly"
finish
