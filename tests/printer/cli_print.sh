#!/bin/sh
# The printing commands of the CLI against motcua-printer-sim (file: transport
# on its pty). Run by with-sim.sh.  usage: cli_print.sh MOTCUA
set -u
m=$1
export MOTCUA_DB="$TEST_TMP/motcua.db"
P="file:$SIM_LINK?timeout=600&profile=epson-tm-t20&nvwrites=1000"
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
grep -qx "motcua: máy in hết giấy (thay cuộn giấy mới)" "$TEST_TMP/err" || fail "message: $(cat "$TEST_TMP/err")"
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

# file: targets that are not devices are refused (exit 2) and never written.
x=$TEST_TMP/x
printf 'root:x:0:0:root:/root:/bin/bash\n' > "$x"
ln -s "$x" "$TEST_TMP/link-to-x"
mkdir "$TEST_TMP/dir"
sum=$(sha256sum < "$x")
devices=$(sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM devices")
issued=$(sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM tickets")
for target in "$x" "$TEST_TMP/link-to-x" "$TEST_TMP/dir"; do
	for cmd in "printer-status file:$target" "print-test file:$target" "issue HT --print file:$target"; do
		# shellcheck disable=SC2086  # cmd: split on purpose
		"$m" $cmd >/dev/null 2>"$TEST_TMP/err"; rc=$?
		[ $rc -eq 2 ] || fail "$cmd: exit $rc, expected 2"
		grep -q "$target" "$TEST_TMP/err" || fail "$cmd: message does not name the path: $(cat "$TEST_TMP/err")"
	done
done
[ "$(sha256sum < "$x")" = "$sum" ] || fail "a regular file given as printer was changed"
[ "$(sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM tickets")" = "$issued" ] ||
	fail "a ticket was issued for a file: printer that is no device"

# Bad printer strings: exit 2, nothing stored.
for bad in "tcp:127.0.0.1:99999" "tcp:127.0.0.1:+9100" "tcp:127.0.0.1: 9100" "tcp:127.0.0.1:0" \
	"tcp::9100" "tcp:host name:9100" "serial:/dev/ttyS0?baud=+38400" "serial:/dev/ttyS0?baud= 38400" \
	"serial:/dev/ttyS0?baud=12345" "file:$SIM_LINK?timeout=+600" "file:$SIM_LINK?printms=1e3" \
	"file:relative/lp0" "serial:ttyS0"; do
	"$m" printer-status "$bad" >/dev/null 2>&1; rc=$?
	[ $rc -eq 2 ] || fail "printer-status '$bad': exit $rc, expected 2"
	"$m" issue HT --print "$bad" >/dev/null 2>&1; rc=$?
	[ $rc -eq 2 ] || fail "issue --print '$bad': exit $rc, expected 2"
done
[ "$(sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM devices")" = "$devices" ] ||
	fail "a bad printer string was stored: $(sqlite3 "$MOTCUA_DB" "SELECT name FROM devices")"
[ "$(sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM tickets")" = "$issued" ] ||
	fail "a ticket was issued for a bad printer string"

# A print that cannot be confirmed: the ticket stays valid (exit 0), flagged,
# shown by status, and the device fault is raised.
json=$("$m" --json issue HT --print "$P"); rc=$?
[ $rc -eq 0 ] || fail "issue --print exit $rc"
case $json in *'"print_unconfirmed":false'*) ;; *) fail "json: $json" ;; esac
ctl "late 2500 after 12" late_ms 2500
json=$("$m" --json issue HT --print "$P" 2>"$TEST_TMP/err"); rc=$?
[ $rc -eq 0 ] || fail "unconfirmed issue --print: exit $rc, expected 0 (the ticket is valid)"
case $json in *'"print_unconfirmed":true'*) ;; *) fail "json: $json" ;; esac
grep -q "chưa xác nhận" "$TEST_TMP/err" || fail "no warning: $(cat "$TEST_TMP/err")"
num=$(echo "$json" | sed -n 's/.*"number":"\([^"]*\)".*/\1/p')
ctl "late 0" late_ms 0
[ "$(devstatus)" = unconfirmed ] || fail "devices says $(devstatus), expected unconfirmed"
[ "$(sqlite3 "$MOTCUA_DB" "SELECT status || print_unconfirmed FROM tickets WHERE number = '$num'")" = waiting1 ] ||
	fail "ticket $num: $(sqlite3 "$MOTCUA_DB" "SELECT status, print_unconfirmed FROM tickets WHERE number = '$num'")"
out=$("$m" status)
case $out in *"Phiếu chưa xác nhận đã in"*"$num"*) ;; *) fail "status does not show $num: $out" ;; esac
case $out in *"Máy in chưa xác nhận đã in phiếu"*) ;; *) fail "status does not show the fault: $out" ;; esac
json=$("$m" --json status)
case $json in *'"print_unconfirmed":[{'*"\"number\":\"$num\""*) ;; *) fail "status json: $json" ;; esac
sleep 2.6  # the late replies arrive; nothing may mistake them for the next answer
"$m" issue HT --print "$P" >/dev/null || fail "issue after an unconfirmed ticket"
[ "$(devstatus)" = ok ] || fail "devices says $(devstatus) after a confirmed ticket"
[ "$(sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM printer_jobs")" = 0 ] || fail "a job stays open"

# device forget drops the printer's NV record too (kept under the device, without options).
[ "$(sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM printer_nv WHERE printer = 'file:$SIM_LINK'")" = 1 ] ||
	fail "no NV record for file:$SIM_LINK"
"$m" device forget "$P" >/dev/null || fail "device forget"
[ "$(sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM printer_nv WHERE printer = 'file:$SIM_LINK'")" = 0 ] ||
	fail "device forget left the NV record"

[ "$(tickets)" = "$(state tickets | awk -v n="$(state tickets)" '{print n - 2}')" ] ||
	fail "$(tickets) live tickets vs $(state tickets) printed (2 were self-tests)"
[ "$(state blank_cuts)" = 1 ] || fail "$(state blank_cuts) blank cuts, expected 1 (the clearing after the late reply)"
"$m" check >/dev/null 2>"$TEST_TMP/err" || fail "check after printing: $(cat "$TEST_TMP/err")"
[ $fails -eq 0 ] && echo "all checks passed"
exit $((fails > 0))
