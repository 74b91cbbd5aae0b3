#!/bin/bash
# Every API route against its `motcua --json` twin: the server works on one
# copy of a desk, the CLI on another, the same operations in the same order
# under the same fake clock; each answer must be byte for byte what the CLI
# prints, with the HTTP status the README's table gives. Routes without a
# twin are checked against the database.
set -u
motcua=$1 motcuad=$2
. "$(dirname "$0")/lib.sh"
export MOTCUA_FAKE_NOW=1795658400   # 2026-11-26 09:00 in Vietnam
"$motcua" init --demo >/dev/null
kiosk=$(token k1 --role kiosk)
admin=$(token a1 --role admin)
counter1=$(token c1 --role counter --counter 1)
display=$(token d1 --role display)
rating=$(token r1 --role rating --counter 1)
cp "$MOTCUA_DB" "$tmp/twin.db"
start_server srv

# twin WHAT STATUS METHOD PATH TOKEN BODY -- CLI ARGS...: the API's answer is the CLI's.
twin() {
	local what=$1 want=$2 method=$3 path=$4 tok=$5 body=$6
	shift 7
	if [ -n "$body" ]; then api "$method" "$path" "$tok" "$body"; else api "$method" "$path" "$tok"; fi
	MOTCUA_DB=$tmp/twin.db "$motcua" --json "$@" >"$tmp/cli" 2>/dev/null
	# The status page's token is random: equal in shape, not in value.
	sed -i 's/"public_token":"[A-Za-z0-9_-]\{22\}"/"public_token":"T"/' "$tmp/body" "$tmp/cli"
	ok "[ '$status' = '$want' ] && cmp -s '$tmp/body' '$tmp/cli'" "$what: $method $path = motcua $* ($want)"
	if ! cmp -s "$tmp/body" "$tmp/cli"; then
		echo "#   api: $(cat "$tmp/body")"
		echo "#   cli: $(cat "$tmp/cli")"
	fi
}

twin "services" 200 GET /api/v1/services "$display" "" -- services
twin "counters" 200 GET /api/v1/counters "$display" "" -- counters
twin "settings" 200 GET /api/v1/settings "$display" "" -- settings
twin "issue" 201 POST /api/v1/tickets "$kiosk" '{"service":"HT"}' -- issue HT
twin "issue priority" 201 POST /api/v1/tickets "$kiosk" '{"service":"HT","priority":true}' -- issue HT --priority
twin "issue another field" 201 POST /api/v1/tickets "$admin" '{"service":"CT","priority":false}' -- issue CT
twin "issue, unknown field" 404 POST /api/v1/tickets "$kiosk" '{"service":"XX"}' -- issue XX
twin "status" 200 GET /api/v1/status "$display" "" -- status
twin "call next" 200 POST /api/v1/counters/1/call "$counter1" "" -- call 1
twin "recall" 200 POST /api/v1/counters/1/recall "$counter1" "" -- recall 1
twin "skip" 200 POST /api/v1/counters/1/skip "$counter1" "" -- skip 1
number=$(sed -n 's/.*"number":"\([^"]*\)".*/\1/p' "$tmp/body")
twin "requeue" 200 POST "/api/v1/tickets/$number/requeue" "$counter1" "" -- requeue "$number"
twin "call a number" 200 POST /api/v1/counters/1/call "$counter1" "{\"number\":\"$number\"}" -- call 1 --number "$number"
twin "transfer to a field" 200 POST /api/v1/counters/1/transfer "$counter1" '{"service":"CT"}' -- transfer 1 --service CT
twin "call at counter 2" 200 POST /api/v1/counters/2/call "$admin" '{"officer":"Trần Văn Nam"}' -- call 2 --officer "Trần Văn Nam"
twin "transfer to a counter" 200 POST /api/v1/counters/2/transfer "$admin" '{"counter":1}' -- transfer 2 --to-counter 1
twin "finish nothing" 409 POST /api/v1/counters/2/finish "$admin" "" -- finish 2
twin "call" 200 POST /api/v1/counters/1/call "$counter1" "" -- call 1
served=$(sed -n 's/.*"number":"\([^"]*\)".*/\1/p' "$tmp/body")
twin "finish" 200 POST /api/v1/counters/1/finish "$counter1" "" -- finish 1
twin "rate by number" 200 POST /api/v1/ratings "$rating" "{\"ticket\":\"$served\",\"rating\":2}" -- rate "$served" 2
twin "rate twice" 409 POST /api/v1/ratings "$counter1" "{\"ticket\":\"$served\",\"rating\":1}" -- rate "$served" 1
twin "issue to cancel" 201 POST /api/v1/tickets "$kiosk" '{"service":"DD"}' -- issue DD
left=$(sed -n 's/.*"number":"\([^"]*\)".*/\1/p' "$tmp/body")
twin "cancel" 200 POST "/api/v1/tickets/$left/cancel" "$admin" '{"reason":"về trước"}' -- cancel "$left" --reason "về trước"
twin "cancel twice" 409 POST "/api/v1/tickets/$left/cancel" "$admin" "" -- cancel "$left"
twin "requeue unknown" 404 POST /api/v1/tickets/9999/requeue "$admin" "" -- requeue 9999
twin "pause" 200 POST /api/v1/counters/3/pause "$admin" '{"reason":"Họp giao ban"}' -- counter pause 3 "Họp giao ban"
twin "call paused" 409 POST /api/v1/counters/3/call "$admin" "" -- call 3
twin "resume" 200 POST /api/v1/counters/3/resume "$admin" "" -- counter resume 3
twin "nobody waiting" 409 POST /api/v1/counters/4/call "$admin" "" -- call 4
twin "unknown counter" 404 POST /api/v1/counters/77/call "$admin" "" -- call 77
twin "status after" 200 GET /api/v1/status "$kiosk" "" -- status
ok "[ \"\$(sql 'SELECT count(*) FROM tickets')\" = \"\$(sqlite3 $tmp/twin.db 'SELECT count(*) FROM tickets')\" ]" "both desks hold the same tickets"

# Routes without a CLI twin, against the database.
api GET /api/v1/me "$counter1"
ok "[ $status = 200 ] && grep -q '\"name\":\"c1\",\"role\":\"counter\",\"counter\":1,\"ok\":true' $tmp/body" "me: the device, its role and counter"
id=$(sql "SELECT id FROM tickets WHERE number = '$served' ORDER BY id DESC LIMIT 1")
api GET "/api/v1/tickets/$id" "$display"
ok "[ $status = 200 ] && grep -q '\"id\":$id,\"number\":\"$served\"' $tmp/body && grep -q '\"rating\":2' $tmp/body" "ticket by id"
api GET "/api/v1/tickets?number=$served" "$display"
ok "[ $status = 200 ] && grep -q '\"id\":$id,' $tmp/body" "ticket by printed number"
api GET /api/v1/tickets/abc "$display"
ok "[ $status = 404 ]" "a ticket id that is not a number: 404"
for s in HT HT CT; do api POST /api/v1/tickets "$kiosk" "{\"service\":\"$s\"}"; done
api GET "/api/v1/counters/1/upcoming?max=5" "$counter1"
got=$(grep -o '"number":"[^"]*"' "$tmp/body" | tr '\n' ' ')
want=$(sql "SELECT '\"number\":\"' || t.number || '\"' FROM tickets t JOIN counter_services cs ON cs.service_id = t.service_id JOIN counters c ON c.id = cs.counter_id WHERE c.number = 1 AND t.status = 'waiting' ORDER BY t.priority DESC, t.line_seq LIMIT 5" | tr '\n' ' ')
ok "[ $status = 200 ] && [ -n '$got' ] && [ '$got' = '$want' ]" "upcoming: counter 1's waiting citizens in call order ($got)"
api POST /api/v1/counters/1/call "$counter1"
api POST /api/v1/counters/1/skip "$counter1"
skipped=$(sed -n 's/.*"number":"\([^"]*\)".*/\1/p' "$tmp/body")
api GET /api/v1/counters/1/noshows "$counter1"
ok "[ $status = 200 ] && grep -q '\"counter\":1,\"tickets\":\[{[^]]*\"number\":\"$skipped\"' $tmp/body" "noshows lists $skipped"
api GET /api/v1/counters/1/upcoming?max=99 "$counter1"
ok "[ $status = 400 ]" "upcoming max out of range: 400"
api GET /api/v1/snapshot "$display"
ok "[ $status = 200 ] && grep -q '\"last_event_id\":'\$(sql 'SELECT max(id) FROM events')',' $tmp/body" "snapshot: the newest event id"
ok "grep -q '\"commune_name\":\"UBND xã Hải Hưng\"' $tmp/body && grep -q '\"calls\":\[{\"event_id\"' $tmp/body && grep -q '\"settings\":{\"commune_name\"' $tmp/body" "snapshot: names, last calls, settings"
ok "grep -q '\"number\":1,\"name\":\"Hộ tịch\",\"state\":\"open\"' $tmp/body" "snapshot: counters with their names"

# A remote kiosk's printer and print outcomes.
api POST /api/v1/devices/printer "$kiosk" '{"kind":"printer","status":"paper_out"}'
ok "[ $status = 200 ] && [ \"\$(sql \"SELECT status FROM devices WHERE name = 'k1/printer'\")\" = paper_out ]" "a kiosk records its printer under its own name"
api GET /api/v1/status "$admin"
MOTCUA_DB=$MOTCUA_DB "$motcua" --json status >"$tmp/cli"
ok "cmp -s $tmp/body $tmp/cli && grep -q '\"text\":\"Máy in hết giấy\"' $tmp/body" "status shows it in words, as the CLI does"
api POST /api/v1/tickets "$kiosk" '{"service":"KH"}'
tid=$(sed -n 's/^{"id":\([0-9]*\),.*/\1/p' "$tmp/body")
api POST "/api/v1/tickets/$tid/print" "$kiosk" '{"outcome":"unconfirmed","reason":"không có trả lời"}'
ok "[ $status = 200 ] && grep -q '\"print_unconfirmed\":true' $tmp/body && [ \"\$(sql \"SELECT print_unconfirmed FROM tickets WHERE id = $tid\")\" = 1 ]" "print outcome unconfirmed: flagged"
api POST "/api/v1/tickets/$tid/print" "$kiosk" '{"outcome":"confirmed"}'
ok "[ $status = 200 ] && [ \"\$(sql \"SELECT print_unconfirmed FROM tickets WHERE id = $tid\")\" = 0 ]" "confirmed by a reprint: cleared"
api POST "/api/v1/tickets/$tid/print" "$kiosk" '{"outcome":"void","reason":"hết giấy trước khi in"}'
ok "[ $status = 200 ] && grep -q '\"status\":\"void\"' $tmp/body && [ \"\$(sql \"SELECT count(*) FROM events WHERE kind = 'void' AND ticket_id = $tid\")\" = 1 ]" "void before any byte: voided, with its event"
api POST "/api/v1/tickets/$tid/print" "$kiosk" '{"outcome":"lost"}'
ok "[ $status = 400 ]" "an unknown outcome: 400"

# The kiosk's admin PIN.
echo 2468 | "$motcua" pin set >/dev/null
api POST /api/v1/pin/verify "$kiosk" '{"pin":"1111"}'
ok "[ $status = 200 ] && grep -q '\"outcome\":\"wrong\"' $tmp/body" "a wrong PIN"
api POST /api/v1/pin/verify "$kiosk" '{"pin":"2468"}'
ok "[ $status = 200 ] && grep -q '\"outcome\":\"right\"' $tmp/body" "the right PIN"
ok "! grep -q 2468 $tmp/srv.log" "the PIN is not in the log"

stop_server srv
ok "[ $stopped_rc = 0 ]" "SIGTERM: the server stops cleanly (exit 0)"
finish
