#!/bin/bash
# What the browser pages stand on, over curl: the officer's login (wrong
# PIN, lockout, the session cookie's attributes), same-origin writes only
# for cookie sessions, the calls recording the account, logout; the public
# listener serving only the status page (its JSON, the one "Phiếu không còn
# hiệu lực" answer for any bad token, the rate limit, no token in the log);
# the security headers; the clip list of a call.
set -u
motcua=$1 motcuad=$2
. "$(dirname "$0")/lib.sh"
export MOTCUA_FAKE_NOW=1795658400
"$motcua" init --demo >/dev/null
echo 1357 | "$motcua" officer add "Nguyễn Thị Hoa" >/dev/null
echo 2468 | "$motcua" officer add "Trần Văn Nam" >/dev/null
kiosk=$(token k1 --role kiosk)
start_server srv --public-listen 127.0.0.1:0
host=${url#http://}
ok "[ -n '$public_url' ] && [ '$public_url' != '$url' ]" "the public listener has its own address"

# web METHOD PATH BODY [CURL ARGS...]: as our own page would ask (cookie jar, X-Motcua, Origin).
web() {
	local method=$1 path=$2 body=$3
	shift 3
	status=$(curl -s -o "$tmp/body" -D "$tmp/headers" -w '%{http_code}' -X "$method" \
		-b "$tmp/jar" -c "$tmp/jar" -H 'Content-Type: application/json' \
		${body:+--data-binary "$body"} "$@" "$url$path")
}
login='{"counter":1,"officer":"Nguyễn Thị Hoa","pin":"1357"}'
web POST /api/v1/login "$login"
ok "[ '$status' = 403 ]" "login without X-Motcua and Origin: 403"
web POST /api/v1/login "$login" -H 'X-Motcua: 1' -H 'Origin: http://evil.example'
ok "[ '$status' = 403 ]" "login from another origin: 403"
web POST /api/v1/login '{"counter":1,"officer":"Nguyễn Thị Hoa","pin":"0000"}' \
	-H 'X-Motcua: 1' -H "Origin: $url"
ok "[ '$status' = 401 ] && grep -q 'sai tên cán bộ hoặc mã PIN' '$tmp/body'" "wrong PIN: 401"
web POST /api/v1/login '{"counter":1,"officer":"Không Có Ai","pin":"1357"}' \
	-H 'X-Motcua: 1' -H "Origin: $url"
ok "[ '$status' = 401 ] && grep -q 'sai tên cán bộ hoặc mã PIN' '$tmp/body'" \
	"unknown name: the same 401"
web POST /api/v1/login "$login" -H 'X-Motcua: 1' -H "Origin: $url"
ok "[ '$status' = 200 ] && grep -q '\"officer\":\"Nguyễn Thị Hoa\"' '$tmp/body'" "login: 200"
ok "grep -qi '^Set-Cookie: motcua_session=[A-Za-z0-9_-]\{43\}; HttpOnly; SameSite=Strict; Path=/' '$tmp/headers'" \
	"the cookie is HttpOnly, SameSite=Strict, Path=/"
ok "[ \"\$(sql 'SELECT officer FROM counters WHERE number = 1')\" = 'Nguyễn Thị Hoa' ]" \
	"the officer signs in at the counter"
web GET /api/v1/me ""
ok "[ '$status' = 200 ] && grep -q '\"role\":\"counter\",\"counter\":1,\"officer\":\"Nguyễn Thị Hoa\"' '$tmp/body'" \
	"the session is a counter device of counter 1"
api POST /api/v1/tickets "$kiosk" '{"service":"HT"}'
ticket_token=$(sed -n 's/.*"public_token":"\([^"]*\)".*/\1/p' "$tmp/body")
ok "[ \${#ticket_token} = 22 ]" "the kiosk's issue answer carries the status token"
api POST /api/v1/tickets "$kiosk" '{"service":"HT"}'
web POST /api/v1/counters/1/call "" -H 'X-Motcua: 1'
ok "[ '$status' = 403 ]" "a cookie write without Origin: 403 (CSRF)"
web POST /api/v1/counters/1/call "" -H "Origin: $url"
ok "[ '$status' = 403 ]" "a cookie write without X-Motcua: 403 (CSRF)"
web POST /api/v1/counters/1/call "" -H 'X-Motcua: 1' -H 'Origin: http://192.168.1.66:8080'
ok "[ '$status' = 403 ]" "a cookie write from another origin: 403 (CSRF)"
ok "[ \"\$(sql \"SELECT count(*) FROM tickets WHERE status <> 'waiting'\")\" = 0 ]" \
	"refused writes wrote nothing"
web POST /api/v1/counters/1/call '{"officer":"Kẻ Mạo Danh"}' -H 'X-Motcua: 1' -H "Origin: $url"
ok "[ '$status' = 200 ] && grep -q '\"officer\":\"Nguyễn Thị Hoa\"' '$tmp/body'" \
	"a call under the session's officer, whatever the body says"
web POST /api/v1/counters/2/call "" -H 'X-Motcua: 1' -H "Origin: $url"
ok "[ '$status' = 403 ]" "the session acts only on its counter"
web POST /api/v1/counters/1/finish "" -H 'X-Motcua: 1' -H "Origin: $url"
ok "[ '$status' = 200 ]" "finish"
ok "[ \"\$(sql \"SELECT count(*) FROM tickets t JOIN officers o ON o.id = t.officer_id AND o.id = t.finished_by WHERE o.name = 'Nguyễn Thị Hoa'\")\" = 1 ]" \
	"the call and the finish record the account"
rating=$(token r1 --role rating --counter 1)
api POST /api/v1/ratings "$rating" '{"ticket":1,"rating":4,"reason":"Chờ lâu"}'
ok "[ '$status' = 200 ] && [ \"\$(sql 'SELECT rating_source, rating_reason FROM tickets WHERE id = 1')\" = 'citizen|Chờ lâu' ]" \
	"the rating tablet's rating is the citizen's, with its reason"
web GET "/api/v1/voice?number=1002&counter=1" ""
ok "[ '$status' = 200 ] && grep -q '\"clips\":\[\"chime\",\"moi_cong_dan_co_so_thu_tu\",' '$tmp/body' && grep -q 'den_quay_so' '$tmp/body'" \
	"the clips of a call, from the voice module"
web POST /api/v1/logout "" -H 'X-Motcua: 1' -H "Origin: $url"
web GET /api/v1/me ""
ok "[ '$status' = 401 ]" "after logout the cookie opens nothing"

# Pages and headers.
web GET /counter ""
ok "[ '$status' = 200 ] && grep -qi \"^Content-Security-Policy: default-src 'self'; script-src 'self'\" '$tmp/headers' && grep -qi '^X-Content-Type-Options: nosniff' '$tmp/headers'" \
	"the counter page has CSP and nosniff"
ok "! grep -qi 'unsafe-inline\|unsafe-eval' '$tmp/headers'" "no unsafe-inline, no unsafe-eval"

# The public listener.
pub() { status=$(curl -s -o "$tmp/body" -D "$tmp/headers" -w '%{http_code}' "$public_url$1"); }
pub "/t/$ticket_token.json"
ok "[ '$status' = 200 ] && grep -q '\"number\":\"1001\"' '$tmp/body'" "the status JSON by the token"
ok "! grep -q 'officer\|public_token\|\"id\"' '$tmp/body'" "it names no officer, token or id"
pub "/t/$ticket_token"
ok "[ '$status' = 200 ] && grep -q '<html' '$tmp/body' && grep -qi '^Content-Security-Policy' '$tmp/headers'" \
	"the status page"
for path in /api/v1/status /counter /board /assets/counter.js /rate/1 /voice/chime.wav; do
	pub "$path"
	ok "[ '$status' = 404 ]" "the public listener does not serve $path"
done
status=$(curl -s -o /dev/null -w '%{http_code}' "$url/t/$ticket_token")
ok "[ '$status' = 404 ]" "the staff listener does not serve /t/"
guess=AAAAAAAAAAAAAAAAAAAAAA
for bad in "$guess" "${ticket_token:0:21}" "x" "%3Cscript%3E"; do
	pub "/t/$bad"
	ok "[ '$status' = 404 ] && grep -q 'Phiếu không còn hiệu lực' '$tmp/body' && ! grep -q '<script' '$tmp/body'" \
		"a bad token ($bad): the one plain page"
done
export MOTCUA_FAKE_NOW=$((1795658400 + 86400))
"$motcua" issue HT >/dev/null
pub "/t/$ticket_token.json"
ok "[ '$status' = 404 ]" "the next business day the token has expired"
codes=$(for i in $(seq 1 90); do curl -s -o /dev/null -w '%{http_code}\n' "$public_url/t/$guess"; done | sort | uniq -c)
ok "echo '$codes' | grep -q ' 429$'" "a flood from one address gets 429"
ok "! grep -q '$ticket_token' '$tmp/srv.log'" "the status token is never logged"
ok "! grep -q '1357\|2468' '$tmp/srv.log'" "no PIN in the log"
ok "grep -q 'GET /t/\* 200' '$tmp/srv.log'" "the status route is logged by its pattern"
stop_server srv
finish
