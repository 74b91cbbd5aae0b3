#!/bin/bash
# Bad input on the command line: strict integers, control characters and
# blank names refused, every usage error exits 2 with exactly one JSON
# object under --json, and nothing is written.
set -u
motcua=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export MOTCUA_DB=$dir/q.db MOTCUA_FAKE_NOW=1795658400
fails=0 n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
bad() { n=$((n + 1)); echo "not ok $n - $1"; fails=$((fails + 1)); }

"$motcua" init --demo >/dev/null 2>&1 || { echo "Bail out! init failed"; exit 1; }
state() { sqlite3 "$MOTCUA_DB" "SELECT (SELECT count(*) FROM events) || '/' || (SELECT count(*) FROM tickets)"; }
before=$(state)

# usage DESCRIPTION ARGS...: exit 2, and with --json exactly one JSON object
# saying ok:false, error:invalid.
usage() {
	local what=$1
	shift
	"$motcua" "$@" >"$dir/out" 2>"$dir/err"
	local got=$?
	"$motcua" --json "$@" >"$dir/json" 2>/dev/null
	local got_json=$?
	if [ "$got" = 2 ] && [ "$got_json" = 2 ] && python3 - "$dir/json" <<'PY'
import json, sys
text = open(sys.argv[1], encoding="utf-8").read()
dec = json.JSONDecoder()
obj, end = dec.raw_decode(text)
assert text[end:].strip() == "", "more than one JSON object"
assert obj["ok"] is False and obj["error"] == "invalid", obj
PY
	then
		ok "$what"
	else
		bad "$what: exit $got / --json exit $got_json"
		sed 's/^/#   /' "$dir/err" "$dir/json"
	fi
}

for num in '+5' ' 5' '5 ' '0x5' '' '1e2' '05x' '99999999999999999999'; do
	usage "call counter \"$num\"" call "$num"
	usage "counter pause \"$num\"" counter pause "$num" "Nghỉ"
	usage "service --cap \"$num\"" service edit HT --cap "$num"
	usage "set priority_every \"$num\"" set priority_every "$num"
	usage "announce counter \"$num\"" announce 1001 "$num"
done
usage "service --range with spaces" service add NEW "Mới" --range " 1- 9"
usage "service --range with a sign" service add NEW "Mới" --range "+1-9"
usage "transfer --to-counter +2" transfer 1 --to-counter +2
usage "report --day with spaces" report --day " 2026-11-26"
usage "report --month with a sign" report --month "+2026-11"
usage "backup ''" backup ''
usage "no command" ''
usage "unknown command" frobnicate
usage "unknown global option" --bogus status
usage "issue without service" issue
usage "issue with a bad option" issue HT --urgent
usage "counter action unknown" counter frob 1

esc=$(printf 'A\033[2JB')
tab=$(printf 'A\tB')
c1=$(printf 'A\302\233B')
for text in "$esc" "$tab" "$c1" "$(printf 'A\177B')"; do
	label=$(printf '%s' "$text" | od -An -c | tr -s ' ')
	usage "service name with control ($label)" service add NEW "$text"
	usage "counter name with control ($label)" counter rename 1 "$text"
	usage "pause reason with control ($label)" counter pause 1 "$text"
	usage "officer with control ($label)" counter officer 1 "$text"
	usage "call --officer with control ($label)" call 1 --officer "$text"
	usage "notice with control ($label)" set notice "$text"
	usage "commune with control ($label)" set commune_name "$text"
done
usage "blank service name" service add NEW "   "
# I and O read as 1 and 0 on paper and on the TV: refused as prefixes, with the reason.
usage "prefix I" service add NEW "Mới" --prefix I --range 1-9
grep -q "chữ I và O dễ nhầm với số 1 và 0" "$dir/err" && ok "prefix I: says why" || bad "prefix I: $(cat "$dir/err")"
usage "prefix AO" service add NEW "Mới" --prefix AO --range 1-9
usage "blank counter name" counter add 9 "  "
usage "blank pause reason" counter pause 1 " "
usage "blank commune name" set commune_name "  "

after=$(state)
if [ "$before" = "$after" ]; then ok "bad input wrote nothing"; else bad "bad input wrote: $before -> $after"; fi
if ! sqlite3 "$MOTCUA_DB" "SELECT name FROM services UNION ALL SELECT name || pause_reason || officer FROM counters UNION ALL SELECT value FROM settings" | LC_ALL=C grep -q "$(printf '[\001-\037\177]')"; then
	ok "no stored text has a control character"
else
	bad "a control character was stored"
fi
[ ! -e .partial ] && [ ! -e "$dir/.partial" ] && ok "backup '' created no .partial file" || bad "backup '' left a .partial"

echo "1..$n"
[ $fails = 0 ]
