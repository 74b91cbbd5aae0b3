#!/bin/bash
# TLS: with --tls-cert/--tls-key the server speaks HTTPS only; it records
# the certificate's SHA-256 fingerprint and public-key pin, `motcua token
# add` prints them; a client pinning that key gets its answers, a client
# pinning another key is refused before sending anything (its token never
# leaves it). A key that does not match its certificate stops the start.
set -u
motcua=$1 motcuad=$2
. "$(dirname "$0")/lib.sh"
"$motcua" init --demo >/dev/null
cert server
cert other
start_server srv --tls-cert "$tmp/server.pem" --tls-key "$tmp/server.key"
ok "[ \"\${url%%://*}\" = https ]" "the URL is https"
"$motcua" --json token add k1 --role kiosk >"$tmp/add"
kiosk=$(sed -n 's/.*"token":"\([^"]*\)".*/\1/p' "$tmp/add")
fingerprint=$(openssl x509 -in "$tmp/server.pem" -noout -fingerprint -sha256 | cut -d= -f2)
pin="sha256//$(openssl x509 -in "$tmp/server.pem" -noout -pubkey | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64)"
other="sha256//$(openssl x509 -in "$tmp/other.pem" -noout -pubkey | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64)"
ok "grep -q \"\\\"tls_fingerprint\\\":\\\"$fingerprint\\\"\" $tmp/add" "token add prints the certificate's SHA-256 fingerprint"
ok "grep -q \"\\\"tls_pin\\\":\\\"$pin\\\"\" $tmp/add" "and its public-key pin"
"$motcua" token add k9 --role kiosk >"$tmp/add.txt"
ok "grep -q \"$fingerprint\" $tmp/add.txt" "also in words"
api GET /api/v1/me "$kiosk" -k --pinnedpubkey "$pin"
ok "[ $status = 200 ] && grep -q '\"name\":\"k1\"' $tmp/body" "a client pinning the server's key: 200"
api POST /api/v1/tickets "$kiosk" '{"service":"HT"}' -k --pinnedpubkey "$pin"
ok "[ $status = 201 ]" "and it issues over TLS"
curl -s -k --pinnedpubkey "$other" -H "Authorization: Bearer $kiosk" "$url/api/v1/me" >/dev/null
ok "[ $? = 90 ]" "a client pinning another key refuses the server (curl exit 90)"
curl -s --cacert "$tmp/server.pem" -H "Authorization: Bearer $kiosk" "$url/api/v1/me" -o /dev/null
ok "[ $? = 60 ]" "the name does not match without pinning (exit 60): clients pin, they do not trust names"
plain=http://${url#https://}
curl -s -m 5 -o /dev/null "$plain/api/v1/me"
ok "[ $? != 0 ]" "plain HTTP on the TLS port gets nothing"
stop_server srv
ok "[ $stopped_rc = 0 ]" "the server stops cleanly"
"$motcuad" --listen 127.0.0.1:0 --tls-cert "$tmp/server.pem" --tls-key "$tmp/other.key" 2>"$tmp/bad.log"
ok "[ $? = 1 ] && grep -q 'khóa TLS không khớp' $tmp/bad.log" "a key that does not match the certificate: no start, says why"
"$motcuad" --listen 127.0.0.1:0 --tls-cert "$tmp/server.pem" 2>"$tmp/bad.log"
ok "[ $? = 2 ]" "--tls-cert without --tls-key: usage error (exit 2)"
start_server plain
"$motcua" --json token add k2 --role kiosk >"$tmp/add"
ok "grep -q '\"tls_fingerprint\":\"\"' $tmp/add && grep -q \"\\\"server_url\\\":\\\"$url\\\"\" $tmp/add" "without TLS: no fingerprint, the plain URL"
stop_server plain
finish
