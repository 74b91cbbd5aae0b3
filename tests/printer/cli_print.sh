#!/bin/sh
# The printing commands of the CLI against motcua-printer-sim (file: transport
# on its pty). Run by with-sim.sh.  usage: cli_print.sh MOTCUA
set -u
m=$1
export MOTCUA_DB="$TEST_TMP/motcua.db"
P="file:$SIM_LINK?timeout=600"
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
state() { sed -n "s/^$1=//p" "$SIM_OUT/state"; }
ctl() {  # ctl COMMAND KEY VALUE: send, then wait until state KEY = VALUE
	echo "$1" > "$SIM_CTL"
	i=0
	while [ "$(state "$2")" != "$3" ]; do
		i=$((i + 1)); [ $i -gt 200 ] && { fail "sim never applied '$1'"; return; }
		sleep 0.02
	done
}
tickets() { sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM tickets WHERE status <> 'void'"; }
devstatus() { sqlite3 "$MOTCUA_DB" "SELECT status FROM devices WHERE kind = 'printer' AND name = '$P'"; }

"$m" init --demo >/dev/null || exit 1

out=$("$m" printer-status "$P"); rc=$?
[ $rc -eq 0 ] || fail "printer-status exit $rc"
case $out in *"Máy in sẵn sàng"*) ;; *) fail "printer-status said: $out" ;; esac

"$m" issue HT --print "$P" >/dev/null; rc=$?
[ $rc -eq 0 ] || fail "issue --print exit $rc"
[ "$(state tickets)" = 1 ] || fail "simulator printed $(state tickets) tickets, expected 1"
[ "$(tickets)" = 1 ] || fail "$(tickets) tickets in the database, expected 1"
nv=$(state nv_writes)
[ "$nv" -gt 0 ] || fail "no NV images stored"

ctl "paper out" paper_out 1
"$m" issue HT --print "$P" 2>"$TEST_TMP/err" >/dev/null; rc=$?
[ $rc -eq 6 ] || fail "issue with paper out: exit $rc, expected 6"
grep -q "out of paper" "$TEST_TMP/err" || fail "message: $(cat "$TEST_TMP/err")"
[ "$(tickets)" = 1 ] || fail "a number was issued without paper"
[ "$(devstatus)" = paper_out ] || fail "devices says $(devstatus)"
json=$("$m" --json printer-status "$P"); rc=$?
[ $rc -eq 6 ] || fail "printer-status with paper out: exit $rc"
case $json in *'"paper_out":true'*) ;; *) fail "json: $json" ;; esac

ctl "paper ok" paper_out 0
ctl "near-end on" near_end 1
"$m" issue CT --priority --print "$P" >/dev/null; rc=$?
[ $rc -eq 0 ] || fail "issue with paper near end: exit $rc"
[ "$(devstatus)" = near_end ] || fail "devices says $(devstatus), expected near_end"
ctl "near-end off" near_end 0

ctl "silent on" silent 1
start=$(date +%s)
"$m" issue HT --print "$P" >/dev/null 2>&1; rc=$?
[ $rc -eq 6 ] || fail "issue with a silent printer: exit $rc"
[ $(($(date +%s) - start)) -lt 10 ] || fail "a silent printer took too long"
[ "$(devstatus)" = no_answer ] || fail "devices says $(devstatus), expected no_answer"
ctl "silent off" silent 0

before=$(state tickets)
"$m" print-test "$P" >/dev/null; rc=$?
[ $rc -eq 0 ] || fail "print-test exit $rc"
[ "$(state tickets)" = $((before + 1)) ] || fail "print-test printed nothing"
[ "$(state nv_writes)" = "$nv" ] || fail "print-test rewrote NV without a change"
"$m" print-test "$P" --nv-rewrite >/dev/null; rc=$?
[ $rc -eq 0 ] || fail "print-test --nv-rewrite exit $rc"
[ "$(state nv_writes)" -gt "$nv" ] || fail "--nv-rewrite did not rewrite NV"

"$m" set commune_name "UBND xã Triệu Phong" >/dev/null
nv=$(state nv_writes)
"$m" issue HT --print "$P" >/dev/null || fail "issue after a settings change"
[ "$(state nv_writes)" = $((nv + 1)) ] || fail "commune change wrote $(($(state nv_writes) - nv)) NV images, expected 1"

"$m" set ticket_layout "title; number; logo" 2>"$TEST_TMP/err" >/dev/null; rc=$?
[ $rc -eq 2 ] || fail "a bad layout was accepted (exit $rc)"
grep -q logo "$TEST_TMP/err" || fail "bad layout message: $(cat "$TEST_TMP/err")"
"$m" set ticket_layout "title size=30 bold; number size=8; service; datetime" >/dev/null ||
	fail "a good layout was refused"
"$m" issue HT --print "$P" >/dev/null || fail "issue with a custom layout"
"$m" set ticket_layout "" >/dev/null 2>&1

"$m" printer-status "lpt1" >/dev/null 2>&1; rc=$?
[ $rc -eq 2 ] || fail "bad printer string: exit $rc, expected 2"

[ "$(tickets)" = "$(state tickets | awk -v n="$(state tickets)" '{print n - 2}')" ] ||
	fail "$(tickets) live tickets vs $(state tickets) printed (2 were self-tests)"
[ $fails -eq 0 ] && echo "all checks passed"
exit $((fails > 0))
