#!/bin/bash
# The desk over HTTPS with the pinned key `motcua token add` prints: a
# client with --tls-pin issues through a self-signed motcuad; a client
# pinning another key refuses the server before sending its token, and
# says why (error offline, "khóa TLS ... không khớp").
#   tls.sh MOTCUA MOTCUAD SOURCE_ROOT
motcua=$1 motcuad=$2 SRC=$3
. "$SRC/tests/server/lib.sh"
export MOTCUA_LOG=warn
"$motcua" init --demo >/dev/null || fail "init"
cert server
cert other
start_server srv --tls-cert "$tmp/server.pem" --tls-key "$tmp/server.key"
"$motcua" --json token add k1 --role kiosk >"$tmp/add"
tok=$(sed -n 's/.*"token":"\([^"]*\)".*/\1/p' "$tmp/add")
pin=$(sed -n 's/.*"tls_pin":"\([^"]*\)".*/\1/p' "$tmp/add")
other="sha256//$(openssl x509 -in "$tmp/other.pem" -noout -pubkey | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64)"
ok "[ -n '$pin' ]" "token add prints the server's pin"

"$motcua" --server "$url" --token "$tok" --tls-pin "$pin" --json issue HT >"$tmp/out" 2>"$tmp/err"
rc=$?
ok "[ $rc = 0 ] && grep -q '\"number\":\"1001\"' '$tmp/out'" "--tls-pin with the server's pin: issues over HTTPS"
"$motcua" --server "$url" --token "$tok" --tls-pin "$other" --json issue HT >"$tmp/out" 2>"$tmp/err"
rc=$?
ok "[ $rc = 1 ] && grep -q '\"error\":\"offline\"' '$tmp/out' && grep -q 'không khớp --tls-pin' '$tmp/err'" \
	"another pin: refused, and says the key does not match"
ok "[ \$(sql 'select count(*) from tickets') = 1 ]" "nothing issued by the refused client"
"$motcua" --server "$url" --token "$tok" --tls-pin nonsense issue HT 2>"$tmp/err"
rc=$?
ok "[ $rc = 2 ] && grep -q 'sha256//' '$tmp/err'" "a pin not in sha256//... form: usage error"
finish
