#!/bin/bash
# An officer's login at a counter device (POST /api/v1/counters/N/officer,
# what motcua-counter --server sends): only the counter's own token (or an
# admin's), wrong PINs counted in the account's lockout, the counter's
# officer set and the calls, finishes and ratings that follow recording the
# account; a device naming an account that did not log in at its counter is
# refused; no PIN in the log.
set -u
motcua=$1 motcuad=$2
. "$(dirname "$0")/lib.sh"
export MOTCUA_FAKE_NOW=1795658400
"$motcua" init --demo >/dev/null
echo 1357 | "$motcua" officer add "Nguyễn Thị Hoa" >/dev/null
echo 2468 | "$motcua" officer add "Trần Văn Nam" >/dev/null
echo 1111 | "$motcua" officer add "Lê Thị Cũ" >/dev/null
"$motcua" officer disable "Lê Thị Cũ" >/dev/null
kiosk=$(token k1 --role kiosk)
c1=$(token quay1 --role counter --counter 1)
c2=$(token quay2 --role counter --counter 2)
# The demo names officers at its counters: this desk starts with nobody signed in.
sql "UPDATE counters SET officer = ''"
start_server srv
hoa_id=$(sql "SELECT id FROM officers WHERE name = 'Nguyễn Thị Hoa'")

api GET /api/v1/officers "$c1"
ok "[ '$status' = 200 ] && grep -q '\"officers\":\[{\"id\":$hoa_id,\"name\":\"Nguyễn Thị Hoa\"},{\"id\":[0-9]*,\"name\":\"Trần Văn Nam\"}\]' '$tmp/body'" \
	"GET /officers: the active accounts, by name"
api GET /api/v1/officers "$kiosk"
ok "[ '$status' = 403 ]" "GET /officers: not for a kiosk"

right='{"officer":"Nguyễn Thị Hoa","pin":"1357"}'
api POST /api/v1/counters/1/officer "" "$right"
ok "[ '$status' = 401 ]" "no token: 401"
api POST /api/v1/counters/1/officer "$c2" "$right"
ok "[ '$status' = 403 ] && grep -q 'quầy 2' '$tmp/body'" "another counter's token: 403"
ok "[ \"\$(sql 'SELECT officer FROM counters WHERE number = 1')\" = '' ]" \
	"refused logins set no officer"
api POST /api/v1/counters/1/officer "$c1" '{"officer":"Nguyễn Thị Hoa"}'
ok "[ '$status' = 400 ]" "no PIN: 400"
api POST /api/v1/counters/1/officer "$c1" '{"officer":"Nguyễn Thị Hoa","pin":"0000"}'
ok "[ '$status' = 200 ] && grep -q '\"outcome\":\"wrong\"' '$tmp/body' && ! grep -q '\"officer\"' '$tmp/body'" \
	"wrong PIN: outcome wrong, no officer"
api POST /api/v1/counters/1/officer "$c1" '{"officer":"Lê Thị Cũ","pin":"1111"}'
ok "grep -q '\"outcome\":\"wrong\"' '$tmp/body'" "a disabled account: wrong, like any bad name"
api POST /api/v1/counters/1/officer "$c1" "$right"
ok "[ '$status' = 200 ] && grep -q '\"outcome\":\"right\"' '$tmp/body' && grep -q '\"officer\":{\"id\":$hoa_id,\"name\":\"Nguyễn Thị Hoa\"}' '$tmp/body'" \
	"right PIN: the officer's id and name"
ok "[ \"\$(sql 'SELECT officer FROM counters WHERE number = 1')\" = 'Nguyễn Thị Hoa' ]" \
	"the counter's officer is the account"

api POST /api/v1/tickets "$kiosk" '{"service":"HT"}'
api POST /api/v1/tickets "$kiosk" '{"service":"HT"}'
api POST /api/v1/counters/1/call "$c1" '{"officer":"Nguyễn Thị Hoa"}'
ok "[ '$status' = 200 ]" "call naming the logged-in officer"
first=$(sed -n 's/.*"id":\([0-9]*\).*/\1/p' "$tmp/body" | head -1)
api POST /api/v1/counters/1/finish "$c1"
ok "[ '$status' = 200 ]" "finish"
api POST /api/v1/ratings "$c1" "{\"ticket\":$first,\"rating\":3}"
ok "[ \"\$(sql \"SELECT officer_id || ',' || finished_by || ',' || rated_by FROM tickets WHERE id = $first\")\" = '$hoa_id,$hoa_id,$hoa_id' ]" \
	"the call, finish and rating record the account"
api POST /api/v1/counters/1/call "$c1" '{"officer":"Trần Văn Nam"}'
ok "[ '$status' = 403 ] && grep -q 'chưa đăng nhập tại quầy 1' '$tmp/body'" \
	"naming an account not logged in at the counter: 403"
api POST /api/v1/counters/1/call "$c1" '{"officer":"Khách Tự Do"}'
ok "[ '$status' = 200 ]" "free text (no account) stays the counter's business"

# The lockout: three wrong PINs in a row (the right one above reset the count).
api POST /api/v1/counters/1/officer "$c1" '{"officer":"Nguyễn Thị Hoa","pin":"0003"}'
api POST /api/v1/counters/1/officer "$c1" '{"officer":"Nguyễn Thị Hoa","pin":"0001"}'
api POST /api/v1/counters/1/officer "$c1" '{"officer":"Nguyễn Thị Hoa","pin":"0002"}'
ok "grep -q '\"outcome\":\"wrong\",\"lock_started\":true,\"locked_ms\":300000' '$tmp/body'" \
	"the third wrong PIN in a row locks the account"
api POST /api/v1/counters/1/officer "$c1" "$right"
ok "grep -q '\"outcome\":\"locked\"' '$tmp/body' && ! grep -q '\"officer\"' '$tmp/body'" \
	"locked: even the right PIN is refused"
ok "[ \"\$(sql \"SELECT count(*) FROM events WHERE kind = 'admin' AND detail LIKE 'quay1 quầy 1: wrong officer%'\")\" = 4 ]" \
	"each wrong PIN is in the audit trail, with the device"
ok "! grep -q '1357\|2468\|0001\|0002\|0003\|1111' '$tmp/srv.log'" "no PIN in the log"
finish
