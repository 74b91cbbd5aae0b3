#!/bin/bash
# The `motcua` queue commands over the API (--server) against their local
# twins: two copies of one desk, one served by motcuad, one read by
# `motcua --db`; every command prints the same JSON (issue time aside)
# and exits with the same code. Commands the API lacks say they need --db
# on the server PC; a server out of reach is a clear failure.
#   cli.sh MOTCUA MOTCUAD SOURCE_ROOT
motcua=$1 motcuad=$2 SRC=$3
. "$SRC/tests/desk/lib.sh"
export MOTCUA_LOG=warn
m() { "$motcua" "$@"; }
m init --demo >/dev/null || fail "init"
tok=$(token tech --role admin)
cp "$MOTCUA_DB" "$tmp/twin.db"
server_up srv
# twin ARGS...: the command both ways; ok when JSON (times and random tokens blanked) and exit codes match.
twin() {
	local rl rr
	MOTCUA_TOKEN=$tok "$motcua" --server "$url" --json "$@" >"$tmp/remote" 2>"$tmp/remote.err"
	rr=$?
	"$motcua" --db "$tmp/twin.db" --json "$@" >"$tmp/local" 2>"$tmp/local.err"
	rl=$?
	sed -i 's/"\(issued_ms\|called_ms\|wait_s\|updated_ms\)":[0-9]*/"\1":T/g; s/"public_token":"[^"]*"/"public_token":R/g' "$tmp/remote" "$tmp/local"
	ok "[ $rr = $rl ] && cmp -s '$tmp/remote' '$tmp/local'" \
		"motcua --server --json $* prints what the local command prints (exit $rl)"
	[ $rr = $rl ] && cmp -s "$tmp/remote" "$tmp/local" || {
		sed 's/^/#   remote: /' "$tmp/remote" "$tmp/remote.err"
		sed 's/^/#   local:  /' "$tmp/local" "$tmp/local.err"
	}
}
twin issue HT
twin issue HT --priority
twin issue CT
twin issue XX
twin call 1
twin recall 1
twin skip 1
twin requeue 1001
twin call 2
twin transfer 2 --service HT
twin call 1 --number 2001
twin call 1 --officer "Nguyễn Thị Hoa"
twin finish 1
twin call 3
twin recall 9
twin status

# status in words, as the local command says it (the clock line aside).
MOTCUA_TOKEN=$tok m --server "$url" status | tail -n +2 >"$tmp/remote"
m --db "$tmp/twin.db" status | tail -n +2 >"$tmp/local"
ok "cmp -s '$tmp/remote' '$tmp/local'" "motcua --server status prints the local text"

# Text output too (the same words on the officer's screen).
MOTCUA_TOKEN=$tok m --server "$url" issue DD >"$tmp/remote"
m --db "$tmp/twin.db" issue DD >"$tmp/local"
ok "cmp -s '$tmp/remote' '$tmp/local'" "motcua --server issue DD prints the local text"

# --request-id is the Idempotency-Key: a repeat answers the same ticket.
a=$(m --server "$url" --token "$tok" --json issue KH --request-id retry-1)
b=$(m --server "$url" --token "$tok" --json issue KH --request-id retry-1)
ok "[ -n '$a' ] && [ '$a' = '$b' ]" "--request-id over the API: the repeat answers the same ticket"
ok "[ \$(sql \"select count(*) from tickets where service_id=(select id from services where code='KH')\") = 1 ]" \
	"and issues one"

# What the API lacks.
m --server "$url" --token "$tok" service add ZZ "Thử" --range 9001-9999 2>"$tmp/err"
rc=$?
ok "[ $rc = 2 ] && grep -q 'không có qua --server' '$tmp/err' && grep -q -- '--db' '$tmp/err'" \
	"an admin command over --server: exit 2, says it needs --db on the server PC"
m --server "$url" issue HT 2>"$tmp/err"
rc=$?
ok "[ $rc = 2 ] && grep -q 'mã thiết bị' '$tmp/err'" "--server without a token: usage error naming it"
m --server "$url" --db "$MOTCUA_DB" --token "$tok" issue HT 2>"$tmp/err"
rc=$?
ok "[ $rc = 2 ]" "--server with --db: usage error"
m --server "$url" --token wrong-token issue HT 2>"$tmp/err"
rc=$?
ok "[ $rc = 1 ] && [ -s '$tmp/err' ]" "a wrong token: refused, with the server's message"

server_kill srv
before=$(sql "select count(*) from tickets")
m --server "$url" --token "$tok" --json issue HT >"$tmp/out" 2>"$tmp/err"
rc=$?
ok "[ $rc = 1 ] && grep -q 'mất kết nối máy chủ' '$tmp/err' && grep -q '\"error\":\"offline\"' '$tmp/out'" \
	"server down: exit 1, 'mất kết nối máy chủ', error offline"
ok "[ \$(sql \"select count(*) from tickets\") = $before ]" "and nothing issued"
finish
