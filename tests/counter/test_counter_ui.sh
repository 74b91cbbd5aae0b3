#!/bin/bash
# motcua-counter under Xvfb with injected keys and clicks: every action is
# checked in the database and on screen (the draw trace, $MOTCUA_TRACE); the
# rating is stored and shows in `motcua report`; bad --counter values are
# refused; screenshots go to $MOTCUA_SHOTS (default: the build's test dir).
# Usage: test_counter_ui.sh SOURCE_ROOT BUILD_ROOT
set -eu
src=$1
build=$2
. "$src/tests/counter/ui_lib.sh"
ticket() { "$fix" "$db" ticket "$1"; }
# ticket_is NUMBER REGEX: the ticket's "status counter rating recalls target service".
ticket_is() { ticket "$1" | grep -Eq "$2"; }
shot() { sleep 0.4; import -window "$wid" "$shots/$1.png"; }
# pixel SHOT KIND NAME -> "r,g,b" a little inside the left edge of a named rectangle
pixel() {
	local box
	box=$(trace rect "$2" "$3" | awk '{ print $1 + 12, $2 + int($4 / 2) }')
	convert "$shots/$1.png" -format "%[fx:int(255*p{${box% *},${box#* }}.r)],%[fx:int(255*p{${box% *},${box#* }}.g)],%[fx:int(255*p{${box% *},${box#* }}.b)]" info:
}

"$fix" "$db" setup
"$fix" "$db" set rating_timeout_s 30
for s in HT HT CT DD; do "$fix" "$db" issue $s >/dev/null; done
"$fix" "$db" issue HT p >/dev/null   # A1003, priority

# --counter is a counter number, nothing else: usage error, no window.
for bad in abc 0 +1 1x -3 1000 99999999999 ""; do
	rc=0
	"$prog" --counter "$bad" >"$tmp/out" 2>"$tmp/err" || rc=$?
	[ $rc = 2 ] || fail "--counter '$bad' exited $rc, not 2"
	grep -q -- "--counter $bad sai: cần số quầy từ 1 đến 999" "$tmp/err" \
		|| fail "--counter '$bad': no clear message: $(cat "$tmp/err")"
done
rc=0; "$prog" --window 800x480 2>"$tmp/err" || rc=$?
[ $rc = 2 ] && grep -q -- "cần --counter N" "$tmp/err" || fail "no --counter: exit $rc"
"$prog" --version | grep -Eqx 'motcua-counter [0-9]+\.[0-9]+\.[0-9]+' \
	|| fail "--version printed '$("$prog" --version)'"

export MOTCUA_TRACE=$tmp/trace
"$prog" --counter 1 --officer "Nguyễn Thị Hoa" --window 1280x800 >"$tmp/log" 2>&1 &
pids+=($!)
wid=$(xdotool search --sync --name "motcua" | head -1)
wait_trace 0 t=frame mode=main rect=button:next
eval "$(xdotool getwindowgeometry --shell "$wid" | grep -E '^(X|Y)=')"
wx=$X wy=$Y
xdotool mousemove --sync $((wx + 10)) $((wy + 10))
xdotool windowfocus --sync "$wid" 2>/dev/null || true
[ "$(counter 1 | cut -d' ' -f1)" = open ] || fail "counter 1 not open"
shot counter-1280-ready
# Nobody called yet: the buttons that act on a citizen look disabled and say why,
# and pressing one changes nothing but says it.
wait_trace 0 t=frame mode=main rect=button-off:recall rect=button-off:finish rect=button:next
trace texts --in button:recall | grep -qx "Chưa gọi ai" \
	|| fail "the disabled Gọi lại does not say why: $(trace texts --in button:recall | tr '\n' '|')"
[ "$(pixel counter-1280-ready button recall)" = 227,231,236 ] || fail "Gọi lại not greyed: $(pixel counter-1280-ready button recall)"
trace count t=frame rect=button-off:next | grep -qx 0 || fail "Gọi tiếp disabled with people waiting"
n=$(lines)
key F2
wait_trace "$n" t=frame "text=Chưa gọi ai. Bấm «Gọi tiếp» (F1) để mời công dân."

# Next (F1): priority A1003 first or A1001 by rule; record which one.
key F1
wait_for '[ "$(counter 1 | cut -d" " -f2)" != - ]'
first=$(counter 1 | cut -d' ' -f2)
ticket_is "$first" '^(called|serving) 1 ' || fail "F1 did not call $first"
# The window shows the number being served, large.
wait_trace 0 t=frame "text=$first"
shot counter-1280-serving
[ "$(pixel counter-1280-serving button pause)" = 96,108,122 ] || fail "pause button not grey: $(pixel counter-1280-serving button pause)"

# Recall (F2)
key F2
wait_for 'ticket_is "$first" "^(called|serving) 1 0 1 "'

# Skip (F3): no-show
key F3
wait_for 'ticket_is "$first" "^noshow "'
[ "$(counter 1 | cut -d' ' -f2)" = - ] || fail "counter keeps a current ticket after skip"

# Put back (F5) -> picker: each tile's key is its number; typing the digits
# alone (without the prefix letter) and Enter takes it.
n=$(lines)
key F5
wait_trace "$n" t=frame mode=pick pick=requeue "rect=pick:$first"
shot counter-1280-requeue-picker
n=$(lines)
# shellcheck disable=SC2046
key $(echo "${first#[A-Z]}" | sed 's/./& /g')
wait_trace "$n" t=frame mode=pick items=1
key Return
wait_for 'ticket_is "$first" "^waiting "'

# Call a chosen number (F7), typed: B2001
key F7
sleep 0.3
key B 2 0 0 1 Return
wait_for 'ticket_is B2001 "^(called|serving) 1 "'

# Finish (F4) -> rating question -> key 2
n=$(lines)
key F4
wait_for 'ticket_is B2001 "^done "'
wait_trace "$n" t=frame mode=rating rect=rate:4
shot counter-1280-rating
[ "$(pixel counter-1280-rating rate 1)" = 27,127,59 ] || fail "rating choice 1 not drawn green: $(pixel counter-1280-rating rate 1)"
[ "$(pixel counter-1280-rating rate 4)" = 198,40,40 ] || fail "rating choice 4 not drawn red"
key 2
wait_for 'ticket_is B2001 "^done 1 2 "'
shot counter-1280-thanks

# Next by clicking the button; then Next again finishes it: rate by click (4).
sleep 1.6   # the thanks message closes after 1.5 s
click button next
wait_for '[ "$(counter 1 | cut -d" " -f2)" != - ]'
second=$(counter 1 | cut -d' ' -f2)
ticket_is "$second" '^(called|serving) 1 ' || fail "click on Gọi tiếp did not call"

# Transfer (F6) -> picker: the other fields by code, the counters by number;
# "2" and Enter: counter 2.
n=$(lines)
key F6
wait_trace "$n" t=frame mode=pick pick=transfer rect=pick:2 rect=pick:3 rect=pick:DD
shot counter-1280-transfer-picker
key 2 Return
wait_for 'ticket_is "$second" "^waiting 0 0 [0-9]+ 2 "'

# Next: calls the remaining one, then Next again with nobody left -> rating by click.
key F1
wait_for '[ "$(counter 1 | cut -d" " -f2)" != - ]'
third=$(counter 1 | cut -d' ' -f2)
n=$(lines)
key F1
wait_for 'ticket_is "$third" "^done "'
wait_trace "$n" t=frame mode=rating rect=rate:4
click rate 4
wait_for 'ticket_is "$third" "^done 1 4 "'
sleep 1.6
shot counter-1280-empty

# Pause (F8) with a reason ("1" and Enter), then resume.
n=$(lines)
key F8
wait_trace "$n" t=frame mode=pick rect=pick:6
shot counter-1280-pause-picker
key 1 Return
wait_for 'counter 1 | grep -Eq "^paused [^ ]+ Nghỉ giải lao$"'
shot counter-1280-paused
# The pause button turned into a green "Tiếp tục".
[ "$(pixel counter-1280-paused button pause)" = 46,125,50 ] || fail "pause button not green when paused: $(pixel counter-1280-paused button pause)"
trace texts --in button:next | grep -qx "Quầy đang tạm dừng" || fail "Gọi tiếp does not say the counter is paused"
key F1   # refused while paused: nothing called
sleep 0.3
[ "$(counter 1 | cut -d' ' -f1)" = paused ] || fail "F1 resumed or changed a paused counter"
key F8
wait_for '[ "$(counter 1 | cut -d" " -f1)" = open ]'

# A new call closes a rating question still open: the rating stays with the
# citizen it was for. Finish X (question for X), call Y, then "2": nobody rated.
for s in HT HT; do "$fix" "$db" issue $s >/dev/null; done
key F1
wait_for '[ "$(counter 1 | cut -d" " -f2)" != - ]'
x=$(counter 1 | cut -d' ' -f2)
n=$(lines)
key F4
wait_for 'ticket_is "$x" "^done "'
wait_trace "$n" t=frame mode=rating rect=rate:4
n=$(lines)
key F1
wait_for '[ "$(counter 1 | cut -d" " -f2)" != - ]'
y=$(counter 1 | cut -d' ' -f2)
wait_trace "$n" t=frame mode=main "text=$y"
key 2
sleep 0.3
ticket_is "$x" '^done 1 0 ' || fail "$x was rated after the next citizen was called: $(ticket "$x")"
ticket_is "$y" '^(called|serving) 1 0 ' || fail "$y was rated: $(ticket "$y")"
grep -q "ticket $x not rated (next citizen called)" "$tmp/log" || fail "the closed question is not logged"

# Paused while serving: the number stays on screen until finished.
n=$(lines)
key F8
wait_trace "$n" t=frame mode=pick rect=pick:6
key 2 Return
wait_for 'counter 1 | grep -Eq "^paused $y Họp cơ quan$"'
wait_trace "$n" t=frame mode=main "text=$y" "rect=button:finish"
shot counter-1280-paused-serving
trace texts | grep -q "bấm «Xong» (F4)" || fail "no note that the paused counter still serves $y"
n=$(lines)
key F4
wait_for 'ticket_is "$y" "^done "'
wait_trace "$n" t=frame mode=rating
key Escape
key F8
wait_for '[ "$(counter 1 | cut -d" " -f1)" = open ]'

# Follows the database: a ticket issued elsewhere appears; rating timeout.
"$fix" "$db" set rating_timeout_s 5
new=$("$fix" "$db" issue CT)
sleep 0.5
shot counter-1280-live
key F1
wait_for 'ticket_is "$new" "^(called|serving) 1 "'
key F4
wait_for 'ticket_is "$new" "^done "'
wait_for 'grep -q "ticket $new not rated (timeout)" "$tmp/log"'
ticket_is "$new" '^done 1 0 ' || fail "timed-out rating stored something"

# The ratings show in the report (per counter, officer and service).
if [ -x "$cli" ]; then
	"$cli" report --by counter >"$tmp/rep-counter.txt" 2>&1 || fail "motcua report --by counter"
	"$cli" report --by officer >"$tmp/rep-officer.txt" 2>&1 || fail "motcua report --by officer"
	"$cli" report --by service >"$tmp/rep-service.txt" 2>&1 || fail "motcua report --by service"
	cat "$tmp/rep-counter.txt" "$tmp/rep-officer.txt" "$tmp/rep-service.txt"
	grep -q "Nguyễn Thị Hoa" "$tmp/rep-officer.txt" || fail "officer missing in report"
	# B2001 (CT) rated 2 "Hài lòng", A1003 (HT) rated 4 "Không hài lòng".
	both='"ratings":{"very_satisfied":0,"satisfied":1,"neutral":0,"unsatisfied":1}'
	for by in counter officer; do
		"$cli" --json report --by $by | tr -d ' \t\n' | grep -qF "$both" ||
			fail "ratings missing in report --by $by"
	done
	svc=$("$cli" --json report --by service | tr -d ' \t\n')
	echo "$svc" | grep -qF '"key":"CT"' || fail "no CT row"
	echo "$svc" | grep -oE '"key":"CT"[^}]*"ratings":\{[^}]*\}' |
		grep -qF '"satisfied":1,"neutral":0,"unsatisfied":0' || fail "CT rating missing in report"
	echo "$svc" | grep -oE '"key":"HT"[^}]*"ratings":\{[^}]*\}' |
		grep -qF '"unsatisfied":1' || fail "HT rating missing in report"
fi

# The small touchscreen size.
# SIGTERM closes the window cleanly (SDL turns it into SDL_QUIT): status 0.
kill "${pids[@]}"
rc=0
wait "${pids[@]}" || rc=$?
[ $rc = 0 ] || fail "motcua-counter exited with status $rc"
pids=()
"$fix" "$db" issue HT >/dev/null
"$fix" "$db" issue HT p >/dev/null
n=$(lines)
"$prog" --counter 1 --window 800x480 >"$tmp/log" 2>&1 &
pids+=($!)
wid=$(xdotool search --sync --name "motcua" | head -1)
wait_trace "$n" t=frame mode=main rect=button:next
eval "$(xdotool getwindowgeometry --shell "$wid" | grep -E '^(X|Y)=')"
wx=$X wy=$Y
xdotool mousemove --sync $((wx + 10)) $((wy + 10))
click button next
wait_for '[ "$(counter 1 | cut -d" " -f2)" != - ]'
shot counter-800-serving
n=$(lines)
key F6
wait_trace "$n" t=frame mode=pick rect=pick:2
shot counter-800-transfer-picker
key Escape
n=$(lines)
key F4
wait_trace "$n" t=frame mode=rating rect=rate:4
shot counter-800-rating
echo "ok: counter window actions checked; screenshots in $shots"
