#!/bin/sh
# Printers as installers meet them (issue 14), each against the simulator
# playing the matching profile. Run by with-sim.sh with the simulator's
# options (see meson.build):  profiles.sh SCENARIO MOTCUA
#   no-nv-graphics  a TM-T88III (FS q/FS p only) prints the full ticket
#   no-nv-clone     a clone that ignores ESC a for images prints it centred, by
#                   NV bit image and inline; generic-80 (no NV) prints it whole
#   slow-nv         NV writes slower than the line timeout complete, each image
#                   recorded when confirmed: an upload cut short resumes
#   dip21           out of paper is reported as such with DIP 2-1 ON; OFF
#                   holds the line and is never mistaken for "out of paper"
#   tcp             a second connection to a busy port 9100 is told apart
#   completion      a ticket is confirmed by GS r on a clone, never by a wait
#                   alone: the clone named a TM-T88V ignores GS ( H, so its
#                   ticket stays unconfirmed (slow-nv checks GS ( H replies)
#   timer           a profile without a completion reply confirms by timer
#   one-way         status=none prints, and `motcua status` warns
#   detect          print-test --detect names the profile and prints edge marks
set -u
scenario=$1 m=$2
. "$(dirname "$0")/lib.sh"
P="$SIM_SPEC?profile=$(state profile)&nvwrites=1000"

# ticket_bytes: ESC/POS bytes the simulator read for one `issue HT --print`.
ticket_bytes() {
	before=$(state bytes)
	"$m" issue HT --print "$P" >/dev/null || fail "issue --print ($(state profile))"
	echo $(($(state bytes) - before))
}

case $scenario in
no-nv-graphics)
	# TM-T88III: GS ( L is not a command of this printer; FS q stores all images at once.
	"$m" issue HT --print "$P" >/dev/null || fail "first ticket on $(state profile)"
	[ "$(state nv_writes)" = 1 ] || fail "FS q: $(state nv_writes) NV writes, expected 1"
	[ "$(state ignored)" = 0 ] || fail "$(state ignored) commands the printer does not have"
	first=$(state last_png)
	n=$(ticket_bytes)
	echo "# FS p ticket after the first: $n bytes"
	[ "$n" -le 400 ] || fail "a ticket by FS p takes $n bytes, over 400"
	# The same ticket inline (nv=0): the header (commune, desk, title) is the same dots.
	"$m" issue HT --print "$SIM_SPEC?profile=$(state profile)&nv=0" >/dev/null ||
		fail "inline ticket"
	inline=$(state last_png)
	for png in "$first" "$(state last_png)"; do
		convert "$png" -crop 512x120+0+0 +repage "$png.head.pgm"
	done
	[ "$(compare -metric AE "$first.head.pgm" "$inline.head.pgm" null: 2>&1)" = 0 ] ||
		fail "the FS p ticket's header differs from the inline one's"
	[ "$(state ignored)" = 0 ] || fail "$(state ignored) commands ignored"
	# Named as a later model (GS ( L), it does not answer the free-space query: the
	# ticket goes inline, whole, instead of waiting on definitions it ignores.
	nv=$(state nv_writes)
	"$m" issue HT --print "$SIM_SPEC?profile=epson-tm-t88iv&nvwrites=1000" >/dev/null 2>&1
	[ "$(state nv_writes)" = "$nv" ] || fail "NV written through GS ( L on a TM-T88III"
	convert "$(state last_png)" -crop 512x120+0+0 +repage "$TEST_TMP/wrong.pgm"
	[ "$(compare -metric AE "$first.head.pgm" "$TEST_TMP/wrong.pgm" null: 2>&1)" = 0 ] ||
		fail "the header is missing with the wrong profile"
	;;
no-nv-clone)
	# xprinter-80: FS q, GS r, and ESC a ignored for images: inline images are padded instead.
	# The number (an image here: no GS b smoothing) lies in rows 130..290.
	for spec in "$P" "$P" "$SIM_SPEC?profile=xprinter-80&nv=0"; do
		"$m" issue HT --print "$spec" >/dev/null || fail "ticket on $spec"
		png=$(state last_png)
		w=$(paper_width "$png")
		convert "$png" -crop "${w}x160+0+130" +repage "$png.band.png"
		set -- $(ink "$png.band.png")
		left=$3 right=$((w - $1 - $3))
		echo "# $spec: the number's ink from $left to $((w - right)) of $w dots"
		[ $((left - right)) -le 24 ] && [ $((right - left)) -le 24 ] ||
			fail "$spec: ticket not centred (left margin $left, right $right)"
	done
	[ "$(state done_replies)" -ge 2 ] || fail "no GS r replies"
	"$m" issue CT --print "$SIM_SPEC?profile=generic-80" >/dev/null || fail "generic-80 ticket"
	set -- $(ink "$(state last_png)")
	[ "$2" -gt 400 ] || fail "generic-80 ticket only $2 dots tall: the header is missing"
	;;
slow-nv)
	# 1700 ms per NV write, more than the line timeout (1500 ms): waiting is right.
	"$m" print-test "$P" >/dev/null 2>&1 &
	pid=$!
	wait_state nv_writes 3
	kill -9 $pid 2>/dev/null
	wait $pid 2>/dev/null
	cut_at=$(state nv_writes)
	recorded=$(sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM printer_nv_images")
	echo "# host killed after $cut_at NV writes, $recorded images recorded"
	[ "$recorded" -ge 2 ] || fail "only $recorded images recorded after $cut_at writes"
	sim "nv-write 1700" nv_busy 0
	d=$(state done_replies)
	"$m" issue HT --print "$P" >/dev/null || fail "the ticket after the interrupted upload"
	[ "$(state done_replies)" -gt "$d" ] || fail "no GS ( H replies"
	total=$(sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM printer_nv_images")
	echo "# $(state nv_writes) NV writes in all for $total images"
	[ "$(state nv_writes)" -le $((total + 1)) ] ||
		fail "$(state nv_writes) NV writes for $total images: the upload restarted"
	[ "$(sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM printer_nv")" = 1 ] ||
		fail "the NV set is not recorded as complete"
	n=$(ticket_bytes)
	echo "# GS ( L ticket after the first: $n bytes"
	[ "$n" -le 400 ] || fail "a ticket by GS ( L takes $n bytes, over 400"
	[ "$(state nv_writes)" -le $((total + 1)) ] || fail "the second ticket wrote NV again"
	;;
dip21)
	X="$P&flow=xonxoff"
	"$m" issue HT --print "$X" >/dev/null || fail "first ticket"
	sim "paper out" paper_out 1
	"$m" issue HT --print "$X" >/dev/null 2>"$TEST_TMP/err"; rc=$?
	[ $rc = 6 ] || fail "out of paper, 2-1 ON: exit $rc"
	grep -q "hết giấy" "$TEST_TMP/err" || fail "2-1 ON message: $(cat "$TEST_TMP/err")"
	[ "$(devstatus "$X")" = paper_out ] || fail "2-1 ON: devices says $(devstatus "$X")"
	# 2-1 OFF: BUSY while out of paper, the request never gets an answer.
	sim "dip21 off" dip21 off
	before=$(live)
	"$m" issue HT --print "$X" >/dev/null 2>"$TEST_TMP/err"; rc=$?
	[ $rc = 6 ] || fail "out of paper, 2-1 OFF: exit $rc"
	[ "$(live)" = "$before" ] || fail "a number was issued with 2-1 OFF and no paper"
	out=$("$m" printer-status "$X" 2>&1)
	echo "# 2-1 OFF: $out"
	case $out in *"Máy in đang bận"*"DIP 2-1 ở ON"*) ;; *) fail "2-1 OFF read as: $out" ;; esac
	sim "dip21 on" dip21 on
	sim "paper ok" paper_out 0
	"$m" issue HT --print "$X" >/dev/null || fail "paper back"
	;;
tcp)
	"$m" issue HT --print "$P" >/dev/null || fail "first ticket over TCP"
	port=${SIM_SPEC##*:}
	python3 -c "
import socket, sys, time
s = socket.create_connection(('127.0.0.1', int(sys.argv[1])))
open(sys.argv[2], 'w').close()
time.sleep(30)" "$port" "$TEST_TMP/held" &
pid=$!
	i=0
	while [ ! -e "$TEST_TMP/held" ] && [ $i -lt 200 ]; do i=$((i + 1)); sleep 0.05; done
	wait_state connections 2
	out=$("$m" printer-status "$P" 2>&1); rc=$?
	[ $rc = 6 ] || fail "printer-status while in use: exit $rc"
	case $out in *"Máy in đang được chương trình khác dùng (máy lấy số)"*) ;;
	*) fail "printer-status while in use: $out" ;; esac
	"$m" print-test "$P" >/dev/null 2>"$TEST_TMP/err"; rc=$?
	[ $rc = 6 ] || fail "print-test while in use: exit $rc"
	grep -q "chương trình khác dùng" "$TEST_TMP/err" || fail "print-test: $(cat "$TEST_TMP/err")"
	before=$(live)
	"$m" issue HT --print "$P" >/dev/null 2>&1 && fail "issued while the printer is in use"
	[ "$(live)" = "$before" ] || fail "a number was issued while the printer is in use"
	[ "$(devstatus "$P")" = in_use ] || fail "devices says $(devstatus "$P")"
	kill $pid
	wait $pid 2>/dev/null
	out=$("$m" printer-status "$P" 2>&1) || fail "printer-status once free: $out"
	;;
completion)
	# A clone (xprinter-80): GS r 1 answers once the paper before it is out.
	d=$(state done_replies)
	"$m" issue HT --print "$P" >/dev/null || fail "ticket"
	[ "$(state done_replies)" -gt "$d" ] || fail "no GS r reply"
	[ "$(devstatus "$P")" = ok ] || fail "devices says $(devstatus "$P")"
	# The same clone said to be a TM-T88V: it ignores GS ( H, so no reply comes and
	# the ticket is not taken as printed after some fixed time.
	C="$SIM_SPEC?profile=epson-tm-t88v&nv=0"
	"$m" issue HT --print "$C" >/dev/null 2>"$TEST_TMP/err" || fail "issue: exit $?"
	grep -q "không có trả lời báo in xong" "$TEST_TMP/err" || fail "message: $(cat "$TEST_TMP/err")"
	[ "$(sqlite3 "$MOTCUA_DB" "SELECT print_unconfirmed FROM tickets ORDER BY id DESC LIMIT 1")" = 1 ] ||
		fail "the ticket is not flagged unconfirmed"
	[ "$(devstatus "$C")" = unconfirmed ] || fail "devices says $(devstatus "$C")"
	[ "$(state ignored)" -gt 0 ] || fail "the clone took GS ( H"
	;;
timer)
	"$m" issue HT --print "$P" >/dev/null 2>"$TEST_TMP/err" || fail "ticket: $(cat "$TEST_TMP/err")"
	[ "$(state done_replies)" = 0 ] || fail "$(state done_replies) in-order replies on generic-80"
	[ "$(devstatus "$P")" = ok ] || fail "devices says $(devstatus "$P")"
	;;
one-way)
	N="$SIM_SPEC?profile=generic-80&status=none"
	out=$("$m" issue HT --print "$N" 2>&1) || fail "status=none: $out"
	[ "$(state tickets)" = 1 ] || fail "status=none printed $(state tickets) tickets"
	[ "$(state status_replies)" = 0 ] || fail "a one-way printer was asked its status"
	out=$("$m" status 2>&1)
	case $out in *"không báo được hết giấy"*) ;; *) fail "status shows no warning: $out" ;; esac
	out=$("$m" --json status 2>&1)
	case $out in *'"no_status"'*) ;; *) fail "status --json: $out" ;; esac
	"$m" issue HT --print "$SIM_SPEC?profile=generic-80" >/dev/null 2>&1 &&
		fail "a one-way printer asked its status printed"
	;;
detect)
	out=$("$m" print-test --detect "$SIM_SPEC" 2>&1) || fail "detect: $out"
	echo "$out" | sed 's/^/# /'
	want=$(state profile)
	case $out in *"profile=$want"*) ;; *) fail "detect did not suggest $want" ;; esac
	json=$("$m" --json print-test --detect "$SIM_SPEC" 2>&1)
	case $json in *"\"profile\":\"$want\""*) ;; *) fail "detect --json: $json" ;; esac
	png=$(state last_png)
	w=$(paper_width "$png")
	[ "$(dark_column "$png" 0)" = 1 ] || fail "no edge mark at dot 0"
	[ "$(dark_column "$png" $((w - 1)))" = 1 ] || fail "no edge mark at dot $((w - 1))"
	;;
*)
	echo "unknown scenario $scenario"
	exit 2
	;;
esac
finish
