#!/bin/bash
# Hostile input: no token or a wrong one (401), a role or counter that may
# not act (403), bodies over 64 KB (413, or closed when chunked), malformed
# JSON and wrong types (400), unknown paths (404) and methods (405), idle
# and slow connections (closed after the timeout), too many connections
# from one address (refused). Each writes nothing, the server keeps
# serving, and neither a token nor a request body reaches the log.
set -u
motcua=$1 motcuad=$2
. "$(dirname "$0")/lib.sh"
"$motcua" init --demo >/dev/null
kiosk=$(token k1 --role kiosk)
admin=$(token a1 --role admin)
counter1=$(token c1 --role counter --counter 1)
display=$(token d1 --role display)
rating=$(token r1 --role rating --counter 1)
gone=$(token old --role admin)
start_server srv --timeout 2 --max-per-address 4
port=${url##*:}
events() { sql "SELECT count(*) FROM events"; }
still_serving() {
	api GET /api/v1/me "$display"
	[ "$status" = 200 ]
}
before=$(events)

# --- who may ---------------------------------------------------------------
api GET /api/v1/services ""
ok "[ $status = 401 ] && grep -q '\"error\":\"unauthorized\"' $tmp/body" "no token: 401"
api GET /api/v1/services "" -H "Authorization: Basic $kiosk"
ok "[ $status = 401 ]" "not a bearer token: 401"
api GET /api/v1/services "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"
ok "[ $status = 401 ]" "an unknown token: 401"
api GET /api/v1/services "$(printf 'x%.0s' $(seq 1 300))"
ok "[ $status = 401 ]" "an overlong token: 401"
"$motcua" token revoke old >/dev/null
api GET /api/v1/services "$gone"
ok "[ $status = 401 ]" "a revoked token: 401 at once"
api POST /api/v1/tickets "$display" '{"service":"HT"}'
ok "[ $status = 403 ] && grep -q '\"error\":\"forbidden\"' $tmp/body" "a display may not issue: 403"
api POST /api/v1/counters/1/call "$kiosk"
ok "[ $status = 403 ]" "a kiosk may not call: 403"
api POST /api/v1/tickets "$counter1" '{"service":"HT"}'
ok "[ $status = 403 ]" "a counter may not issue: 403"
api POST /api/v1/counters/2/call "$counter1"
ok "[ $status = 403 ]" "counter 1's token may not call at counter 2: 403"
api POST /api/v1/counters/2/pause "$counter1" '{"reason":"x"}'
ok "[ $status = 403 ]" "nor pause counter 2: 403"
api POST /api/v1/counters/1/call "$rating"
ok "[ $status = 403 ]" "a rating tablet may not call: 403"
api POST /api/v1/tickets "$admin" '{"service":"CT"}'
api POST /api/v1/counters/2/call "$admin"
api POST /api/v1/counters/2/finish "$admin"
api POST /api/v1/ratings "$rating" '{"ticket":"2001","rating":1}'
ok "[ $status = 403 ]" "counter 1's tablet may not rate counter 2's citizen: 403"
api POST /api/v1/tickets/2001/cancel "$counter1"
ok "[ $status = 403 ]" "counter 1 may not cancel a ticket of a field it does not serve: 403"
api POST /api/v1/devices/printer "$display" '{"kind":"printer","status":"ok"}'
ok "[ $status = 403 ]" "a display may not write even a device row: 403"
api POST /api/v1/devices/keypad "$counter1" '{"kind":"keypad","status":"ok"}'
ok "[ $status = 200 ] && [ \"\$(sql \"SELECT count(*) FROM devices WHERE name = 'c1/keypad'\")\" = 1 ]" "a device writes only its own device row (c1/keypad)"
before=$(events)

# --- bodies ------------------------------------------------------------------
head -c 70000 /dev/zero | tr '\0' 'a' >"$tmp/big"
api POST /api/v1/tickets "$kiosk" --data-binary "@$tmp/big" -H 'Content-Type: application/json'
ok "[ $status = 413 ] && grep -q '\"error\":\"too_large\"' $tmp/body" "a body over 64 KB: 413"
api POST /api/v1/tickets "$kiosk" --data-binary "@$tmp/big" -H 'Transfer-Encoding: chunked'
ok "[ $status != 201 ] && [ $status != 200 ]" "a chunked body over 64 KB: closed (status $status)"
api POST /api/v1/tickets "$kiosk" '{"service":'
ok "[ $status = 400 ] && grep -q '\"error\":\"invalid\"' $tmp/body" "malformed JSON: 400"
api POST /api/v1/tickets "$kiosk" '[{"service":"HT"}]'
ok "[ $status = 400 ]" "an array, not an object: 400"
api POST /api/v1/tickets "$kiosk" '{"service":"HT"} {"service":"HT"}'
ok "[ $status = 400 ]" "two objects: 400"
api POST /api/v1/tickets "$kiosk" "$(printf '[%.0s' $(seq 1 5000))"
ok "[ $status = 400 ]" "JSON nested 5000 deep: 400"
api POST /api/v1/tickets "$kiosk" '{"service":5}'
ok "[ $status = 400 ] && grep -q 'service' $tmp/body" "a number where text belongs: 400 naming the field"
api POST /api/v1/tickets "$kiosk" '{"service":"HT","priority":"yes"}'
ok "[ $status = 400 ] && grep -q 'priority' $tmp/body" "text where true/false belongs: 400"
api POST /api/v1/tickets "$kiosk" '{"service":"HT","prority":true}'
ok "[ $status = 400 ] && grep -q 'prority' $tmp/body" "an unknown field: 400 naming it"
api POST /api/v1/tickets "$kiosk" '{}'
ok "[ $status = 400 ]" "a missing field: 400"
api POST /api/v1/counters/1/transfer "$admin" '{"counter":"2"}'
ok "[ $status = 400 ]" "transfer to counter \"2\" (text): 400"
api POST /api/v1/counters/1/transfer "$admin" '{"counter":2.5}'
ok "[ $status = 400 ]" "transfer to counter 2.5: 400"
api POST /api/v1/ratings "$admin" '{"ticket":1,"rating":7}'
ok "[ $status = 400 ]" "rating 7: 400"
api POST /api/v1/counters/1/pause "$admin" "$(printf '{"reason":"a\\u001bb"}')"
ok "[ $status = 400 ]" "a control character in a reason: 400"
api POST /api/v1/counters/1/pause "$admin" "$(printf '{"reason":"\xff\xfe"}')"
ok "[ $status = 400 ]" "a reason that is not UTF-8: 400"
api POST /api/v1/counters/1/recall "$admin" '{"x":1}'
ok "[ $status = 400 ]" "a body where none belongs: 400"
api GET /api/v1/events "$display" -H "Last-Event-ID: -4"
ok "[ $status = 400 ]" "a negative Last-Event-ID: 400"

# --- paths and methods -------------------------------------------------------
for p in / /api/v1/nothing /api/v2/services /api/v1/counters/1/explode /api/v1/services/ /api/v1//services; do
	api GET "$p" "$admin"
	ok "[ $status = 404 ]" "GET $p: 404"
done
api DELETE /api/v1/tickets "$admin"
ok "[ $status = 405 ] && grep -q 'GET, POST' $tmp/body" "DELETE /api/v1/tickets: 405 (GET, POST)"
api PUT /api/v1/services "$admin" '{}'
ok "[ $status = 405 ]" "PUT /api/v1/services: 405"
api GET /api/v1/counters/1/call "$admin"
ok "[ $status = 405 ]" "GET a POST route: 405"
api POST /api/v1/counters/x/call "$admin"
ok "[ $status = 404 ]" "counter x: 404"
ok "[ $before = \$(events) ] && [ \$(sql 'SELECT count(*) FROM tickets') = 1 ]" "none of it wrote anything"

# --- connections ---------------------------------------------------------------
# closes FD: reading FD ends (the server closed it) within 15 s.
closes() { timeout 15 cat <&"$1" >/dev/null 2>&1; }
exec 3<>"/dev/tcp/127.0.0.1/$port"
ok "closes 3" "an idle connection is closed after the timeout"
exec 3<&-
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'GET /api/v1/me HTTP/1.1\r\nHost: x\r\nAuthor' >&3
ok "closes 3" "a request whose headers stop half way is closed"
exec 3<&-
exec 3<>"/dev/tcp/127.0.0.1/$port"
printf 'POST /api/v1/tickets HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer %s\r\nContent-Length: 100\r\n\r\n{"serv' "$kiosk" >&3
ok "closes 3" "a body that stops half way is closed"
exec 3<&-
ok "[ \$(sql 'SELECT count(*) FROM tickets') = 1 ]" "and nothing was issued"
for fd in 3 4 5 6; do eval "exec $fd<>/dev/tcp/127.0.0.1/$port"; done
api GET /api/v1/me "$display" --max-time 5
ok "[ $status != 200 ]" "a fifth connection from the same address is refused (status $status)"
for fd in 3 4 5 6; do eval "exec $fd<&-"; done
wait_for still_serving
ok "still_serving" "once they close, the address is served again"

# --- the log -----------------------------------------------------------------
api POST /api/v1/counters/1/pause "$admin" '{"reason":"BODY-MARKER-7731"}'
ok "[ $status = 200 ]" "a pause with a marked reason"
stop_server srv
ok "[ $stopped_rc = 0 ]" "the server stops cleanly after all that"
ok "! grep -q -e '$kiosk' -e '$admin' -e '$counter1' -e '$display' -e '$rating' -e '$gone' $tmp/srv.log" "no token in the log"
ok "! grep -q -e BODY-MARKER -e '\"service\"' $tmp/srv.log" "no request body in the log"
ok "grep -q 'POST /api/v1/counters/1/pause 200 .* a1 127.0.0.1' $tmp/srv.log" "but one line per request: method, path, status, device, address"
finish
