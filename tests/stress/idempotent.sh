#!/bin/bash
# Idempotent writes through the CLI (--request-id): a repeat prints exactly
# the first answer and writes nothing; a client killed between the commit
# and its answer gets the committed ticket on retry; two processes repeating
# the same requests at once get the same tickets, once each; an id reused
# for another operation is refused (exit 2) and writes nothing.
set -u
motcua=$1 stress=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export MOTCUA_DB=$dir/q.db
export MOTCUA_FAKE_NOW=1795658400   # 2026-11-26 09:00 in Vietnam
fails=0 n=0
ok() { n=$((n + 1)); if eval "$1"; then echo "ok $n - $2"; else echo "not ok $n - $2"; fails=$((fails + 1)); fi; }
count() { sqlite3 "$MOTCUA_DB" "$1"; }
events() { count "SELECT count(*) FROM events WHERE kind = '$1'"; }
# repeat NAME ARGS...: runs `motcua --json ARGS` twice; both must exit 0 with the same output.
repeat() {
	local name=$1
	shift
	"$motcua" --json "$@" >"$dir/a"; local a=$?
	"$motcua" --json "$@" >"$dir/b"; local b=$?
	ok "[ $a = 0 ] && [ $b = 0 ] && cmp -s $dir/a $dir/b" "$name: the repeat prints the same JSON"
}

"$motcua" init --demo >/dev/null

repeat "issue" issue HT --request-id k-1
ok "grep -q '\"number\":\"1001\"' $dir/b && grep -q '\"ahead\":0' $dir/b" "it is the first ticket"
ok "[ $(count 'SELECT count(*) FROM tickets') = 1 ] && [ $(events issue) = 1 ]" "the repeat wrote nothing"

"$motcua" --json call 1 --request-id c-1 >"$dir/a"
"$motcua" issue HT >/dev/null
"$motcua" --json call 1 --request-id c-1 >"$dir/b"
waiting=$(count "SELECT count(*) FROM tickets WHERE status = 'waiting'")
ok "cmp -s $dir/a $dir/b && [ $waiting = 1 ] && [ $(events call) = 1 ]" "call repeat: same citizen, the next one still waits"
repeat "recall" recall 1 --request-id r-1
repeat "skip" skip 1 --request-id s-1
ok "[ $(events recall) = 1 ] && [ $(events skip) = 1 ]" "one event each"
repeat "requeue" requeue 1001 --request-id rq-1
"$motcua" call 2 >/dev/null
repeat "transfer" transfer 2 --service CT --request-id tr-1
ok "[ $(events transfer) = 1 ]" "one transfer"
"$motcua" call 2 >/dev/null
repeat "finish" finish 2 --request-id f-1
repeat "cancel" cancel 1002 --request-id x-1
ok "[ $(events cancel) = 1 ]" "one cancel"
"$motcua" --json call 3 --request-id e-1 >"$dir/a"; a=$?
"$motcua" issue DD >/dev/null
"$motcua" --json call 3 --request-id e-1 >"$dir/b"; b=$?
ok "[ $a = 3 ] && [ $b = 3 ] && cmp -s $dir/a $dir/b" "an empty call repeats as empty (exit 3)"

# Reused for something else: refused, exit 2, nothing written.
before=$(count "SELECT count(*) FROM events")
"$motcua" --json issue CT --request-id k-1 >"$dir/a" 2>/dev/null; a=$?
ok "[ $a = 2 ] && grep -q '\"error\":\"invalid\"' $dir/a && [ $(count 'SELECT count(*) FROM events') = $before ]" "a reused id is refused"
"$motcua" issue HT --request-id 'has space' >/dev/null 2>&1; a=$?
ok "[ $a = 2 ]" "a bad id is a usage error"
"$motcua" issue HT --request-id p-1 --print file:/dev/null >/dev/null 2>&1; a=$?
ok "[ $a = 2 ] && [ $(count 'SELECT count(*) FROM events') = $before ]" "--request-id with --print is refused"

# Killed between the commit and the answer: the retry gets that ticket.
"$stress" issue-then-die "$MOTCUA_DB" CT crash-1 2>/dev/null; a=$?
ok "[ $a = 137 ]" "the issuer died by SIGKILL after committing"
committed=$(count "SELECT t.number FROM requests q JOIN tickets t ON t.id = q.ticket ->> 0 WHERE q.id = 'crash-1'")
"$motcua" --json issue CT --request-id crash-1 >"$dir/a"
ok "[ -n '$committed' ] && grep -q '\"number\":\"$committed\"' $dir/a" "the retry returns the committed ticket $committed"
ok "[ $(count 'SELECT count(*) FROM tickets WHERE service_id = 2') = 2 ]" "and issues no other (1002 moved to CT, then $committed)"

# Two processes repeating the same 60 requests at the same time.
"$stress" issue-ids "$MOTCUA_DB" LD race 60 >"$dir/p1" & p1=$!
"$stress" issue-ids "$MOTCUA_DB" LD race 60 >"$dir/p2" & p2=$!
wait $p1; a=$?
wait $p2; b=$?
ok "[ $a = 0 ] && [ $b = 0 ] && cmp -s $dir/p1 $dir/p2 && [ $(wc -l <"$dir/p1") = 60 ]" "both processes got the same tickets"
ok "[ $(count 'SELECT count(*) FROM tickets WHERE service_id = 4') = 60 ]" "60 tickets, once each"
ok "[ $(count "SELECT count(*) FROM events WHERE kind = 'issue' AND service_code = 'LD'") = 60 ]" "60 issue events"
# The same through the CLI: 10 rounds of two at once.
for i in $(seq 1 10); do
	"$motcua" --json issue KH --request-id cli-$i >"$dir/c1-$i" &
	"$motcua" --json issue KH --request-id cli-$i >"$dir/c2-$i" &
	wait
done
same=0
for i in $(seq 1 10); do cmp -s "$dir/c1-$i" "$dir/c2-$i" && same=$((same + 1)); done
ok "[ $same = 10 ] && [ $(count 'SELECT count(*) FROM tickets WHERE service_id = 5') = 10 ]" "CLI pairs: same JSON, one ticket each"
"$motcua" check >/dev/null; a=$?
ok "[ $a = 0 ]" "check passes"
echo "1..$n"
[ $fails = 0 ]
