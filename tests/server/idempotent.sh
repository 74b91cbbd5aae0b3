#!/bin/bash
# Safe retries over HTTP: every POST with the same Idempotency-Key answers
# as the first time and writes nothing; keys of two devices never collide;
# a key reused for another operation is refused (400) and writes nothing;
# a malformed key is refused.
set -u
motcua=$1 motcuad=$2
. "$(dirname "$0")/lib.sh"
export MOTCUA_FAKE_NOW=1795658400
"$motcua" init --demo >/dev/null
kiosk=$(token k1 --role kiosk)
kiosk2=$(token k2 --role kiosk)
admin=$(token a1 --role admin)
rating=$(token r2 --role rating --counter 2)
start_server srv
events() { sql "SELECT count(*) FROM events"; }

# again WHAT METHOD PATH TOKEN KEY [BODY]: sends twice with KEY; same status and body, no write.
again() {
	local what=$1 method=$2 path=$3 tok=$4 key=$5 body=${6:-}
	api "$method" "$path" "$tok" ${body:+"$body"} -H "Idempotency-Key: $key"
	cp "$tmp/body" "$tmp/first"
	local first=$status before
	before=$(events)
	api "$method" "$path" "$tok" ${body:+"$body"} -H "Idempotency-Key: $key"
	ok "[ $first = $status ] && [ $status -lt 300 ] && cmp -s $tmp/first $tmp/body && [ $before = \$(events) ]" \
		"$what: the repeat answers $status with the same body and writes nothing"
}

again "issue" POST /api/v1/tickets "$kiosk" key-1 '{"service":"HT"}'
ok "[ \$(sql 'SELECT count(*) FROM tickets') = 1 ]" "one ticket"
api POST /api/v1/tickets "$kiosk2" '{"service":"HT"}' -H "Idempotency-Key: key-1"
ok "[ $status = 201 ] && grep -q '\"number\":\"1002\"' $tmp/body" "another device's same key is its own: a second ticket"
api POST /api/v1/tickets "$kiosk" '{"service":"CT"}' -H "Idempotency-Key: key-1"
before=$(events)
ok "[ $status = 400 ] && grep -q '\"error\":\"invalid\"' $tmp/body && [ \$(sql 'SELECT count(*) FROM tickets') = 2 ]" "the key reused for another operation: 400, nothing written"
again "call" POST /api/v1/counters/1/call "$admin" c-1
api POST /api/v1/tickets "$kiosk" '{"service":"HT"}'
api POST /api/v1/counters/1/call "$admin" -H "Idempotency-Key: c-1"
ok "cmp -s $tmp/first $tmp/body && [ \$(sql \"SELECT count(*) FROM tickets WHERE status = 'waiting'\") = 2 ]" "a call repeated after a new ticket: the same citizen, the new one still waits"
again "recall" POST /api/v1/counters/1/recall "$admin" r-1
again "skip" POST /api/v1/counters/1/skip "$admin" s-1
again "requeue" POST /api/v1/tickets/1001/requeue "$admin" q-1
again "call a number" POST /api/v1/counters/1/call "$admin" n-1 '{"number":"1001"}'
again "transfer" POST /api/v1/counters/1/transfer "$admin" t-1 '{"service":"CT"}'
again "call 2" POST /api/v1/counters/2/call "$admin" c-2
again "finish" POST /api/v1/counters/2/finish "$admin" f-1
done=$(sql "SELECT number FROM tickets WHERE status = 'done' LIMIT 1")
again "rate" POST /api/v1/ratings "$rating" r-1 "{\"ticket\":\"$done\",\"rating\":1}"
ok "[ \$(sql \"SELECT count(*) FROM events WHERE kind = 'rate'\") = 1 ]" "one rating"
again "cancel" POST /api/v1/tickets/1003/cancel "$admin" x-1 '{"reason":"về"}'
again "pause" POST /api/v1/counters/3/pause "$admin" p-1 '{"reason":"Nghỉ trưa"}'
again "resume" POST /api/v1/counters/3/resume "$admin" p-2
ok "[ \$(sql \"SELECT count(*) FROM events WHERE kind IN ('pause', 'resume')\") = 2 ]" "one pause, one resume"
api POST /api/v1/counters/3/resume "$admin" -H "Idempotency-Key: p-2"
ok "[ $status = 200 ] && grep -q '\"state\":\"open\"' $tmp/body" "resume repeated: the counter as it is"
api POST /api/v1/tickets "$kiosk" '{"service":"KH"}'
tid=$(sed -n 's/^{"id":\([0-9]*\),.*/\1/p' "$tmp/body")
again "void" POST "/api/v1/tickets/$tid/print" "$kiosk" v-1 '{"outcome":"void"}'
api POST /api/v1/counters/4/call "$admin" -H "Idempotency-Key: e-1"
cp "$tmp/body" "$tmp/first"
api POST /api/v1/tickets "$kiosk" '{"service":"LD"}'
api POST /api/v1/counters/4/call "$admin" -H "Idempotency-Key: e-1"
ok "[ $status = 409 ] && cmp -s $tmp/first $tmp/body && grep -q '\"error\":\"empty\"' $tmp/body" "an empty call repeats as empty (409), though someone waits now"
api POST /api/v1/tickets "$kiosk" '{"service":"HT"}' -H "Idempotency-Key: has space"
ok "[ $status = 400 ]" "a key with a space: 400"
api POST /api/v1/tickets "$kiosk" '{"service":"HT"}' -H "Idempotency-Key: $(printf 'k%.0s' $(seq 1 96))"
ok "[ $status = 400 ]" "a key of 96 characters: 400"
api POST /api/v1/tickets "$kiosk" '{"service":"HT"}' -H "Idempotency-Key: $(printf 'k%.0s' $(seq 1 95))"
ok "[ $status = 201 ]" "a key of 95 characters is fine"
ok "[ \"\$(sql \"SELECT count(*) FROM requests WHERE id LIKE 'k1:%' OR id LIKE 'k2:%' OR id LIKE 'a1:%' OR id LIKE 'r2:%'\")\" = \"\$(sql 'SELECT count(*) FROM requests')\" ]" "every request id is scoped by the device's name"
stop_server srv
finish
