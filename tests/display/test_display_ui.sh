#!/bin/bash
# UI test of motcua-display under Xvfb (suite "ui").
#   test_display_ui.sh MOTCUA MOTCUA_DISPLAY SOURCE_ROOT OUT_DIR
# Issues and calls through the motcua CLI while the display runs, and checks
# that the numbers on screen are the database's, read back twice: from the
# draw trace ($MOTCUA_TRACE: the strings drawn in each counter's number cell,
# the latest and previous calls, the waiting counts) and by OCR (tesseract)
# of a screenshot at the same places. Also: the announcements (trace events
# and SDL disk audio), the latest call blinking, read-only access, the "mất
# kết nối" mark and its recovery, a display for one counter, and screenshots
# at 1920x1080, 1366x768, 3840x2160 and 1080x1920 (kept in OUT_DIR).
set -u
MOTCUA=$1 DISPLAY_BIN=$2 SRC=$3 OUT=$4
. "$SRC/tests/lib/xvfb.sh"
. "$SRC/tests/lib/ocr.sh"
mkdir -p "$OUT"
T=$(mktemp -d)
DPID=
cleanup() {
	[ -n "$DPID" ] && kill "$DPID" 2>/dev/null && wait "$DPID" 2>/dev/null
	xvfb_stop
	rm -rf "$T"
}
trap cleanup EXIT
export MOTCUA_ASSETS=$SRC/assets MOTCUA_LOG=warn MOTCUA_TRACE=$T/trace
DB=$T/m.db
fail() { echo "FAIL: $*"; [ -f "$T/display.err" ] && sed 's/^/  display: /' "$T/display.err"; exit 1; }
ok() { echo "ok ($SECONDS s): $*"; }
m() { "$MOTCUA" --db "$DB" "$@"; }
trace() { python3 "$SRC/tests/lib/trace.py" "$1" "$T/trace" "${@:2}"; }
lines() { if [ -f "$T/trace" ]; then wc -l < "$T/trace"; else echo 0; fi; }
sql() { sqlite3 -readonly "$DB" "$1"; }
command -v sqlite3 >/dev/null || fail "needs the sqlite3 command (package sqlite3)"
ocr_available || fail "needs tesseract with English data (tesseract-ocr, tesseract-ocr-eng)"

# Waits (up to $1 s) until the command in the remaining args succeeds.
wait_for() {
	local limit=$1; shift
	local end=$(( $(date +%s%N) / 1000000 + limit * 1000 ))
	while (( $(date +%s%N) / 1000000 < end )); do
		"$@" && return 0
		sleep 0.1
	done
	return 1
}

# Fraction (0..1) of the pixels of PNG $1 within 8% of colour $2.
colour_share() {
	convert "$1" -alpha off -fuzz 8% -fill black +opaque "$2" -fill white -opaque "$2" \
		-colorspace gray -format '%[fx:mean]' info:
}
gt() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a > b) }'; }

start_display() {  # args: extra options
	SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=$T/audio.raw "$DISPLAY_BIN" --db "$DB" "$@" \
		2>"$T/display.err" &
	DPID=$!
}
stop_display() {
	kill "$DPID" 2>/dev/null; wait "$DPID" 2>/dev/null; DPID=
}
# Waits for a whole frame showing every event up to now, screenshots it to
# $1 and keeps that frame's trace record in $T/frame (what drawn and largest
# read).
settle() {
	local last
	last=$(sql 'select coalesce(max(id), 0) from events')
	trace wait --pid "$DPID" whole "event>=$last" >/dev/null || fail "no frame shows event $last"
	sleep 0.3  # the X server has drawn the frame
	xvfb_screenshot "$1"
	trace frame >"$T/frame" || fail "no whole frame in the trace"
}

# The strings inside named rectangle $1 in the settled frame, on one line.
drawn() { python3 "$SRC/tests/lib/trace.py" texts "$T/frame" --in "$1" | paste -sd ' ' -; }

# check_numbers SHOT COUNTERS: the settled frame shows what the database
# says (screen_numbers.py: each counter's number cell, the latest and the
# previous call, the waiting counts), and OCR of screenshot SHOT reads every
# number at the place the frame drew it.
check_numbers() {
	local shot=$1 where want geo got
	python3 "$SRC/tests/display/screen_numbers.py" "$T/frame" "$DB" "$(m --json status)" "$2" \
		>"$T/numbers" 2>"$T/why" || fail "$(cat "$T/why")"
	[ -s "$T/numbers" ] || fail "no number to read on screen"
	cut -f3 "$T/numbers" | ocr_digits "$shot" | paste "$T/numbers" - >"$T/read"
	while IFS=$'\t' read -r where want geo got; do
		[ "$got" = "$want" ] || fail "$where reads '$got' (OCR of $shot), the database says $want"
	done <"$T/read"
}

m init --demo >/dev/null || fail "init"
m set notice "Công dân vui lòng lấy số thứ tự và chờ đến lượt. Giờ làm việc: sáng 7h00–11h30, chiều 13h30–17h00." >/dev/null
m set voice_repeat 1 >/dev/null
for i in 1 2 3; do m issue HT >/dev/null; m issue CT >/dev/null; done
m counter pause 3 "Họp giao ban" >/dev/null

# --- 1. calls while the display runs: screen, blink, announcements --------
xvfb_start 1920x1080 || fail "xvfb"
start_display
trace wait --pid "$DPID" whole >/dev/null || fail "no frame presented"
ok "display presents frames"

# The database file is opened read-only by the display.
dbfd=$(for f in /proc/$DPID/fd/*; do [ "$(readlink "$f")" = "$(readlink -f "$DB")" ] && basename "$f"; done | head -1)
[ -n "$dbfd" ] || fail "display has no open database file"
flags=$(awk '/^flags/ { print $2 }' "/proc/$DPID/fdinfo/$dbfd")
(( (8#$flags & 3) == 0 )) || fail "database opened with flags $flags, not O_RDONLY"
ok "database file opened O_RDONLY (flags $flags)"

settle "$T/before.png"
check_numbers "$T/before.png" "1 2 3 4"
[ "$(drawn serving:1)" = "—" ] && [ "$(drawn serving:3)" = "Tạm dừng" ] \
	|| fail "before any call: counter 1 shows '$(drawn serving:1)', 3 '$(drawn serving:3)'"
ok "before any call: every number cell, waiting count (trace and OCR) as the database says"

m call 1 >/dev/null || fail "call 1"
# The latest call blinks: its panel is drawn in the accent colour in some frame.
blink() {
	xvfb_screenshot "$T/blink.png"
	local share; share=$(colour_share "$T/blink.png" "rgb(255,206,64)")
	gt "$share" 0.06
}
wait_for 6 blink || fail "latest call never blinked"
ok "latest call blinks"
m call 2 >/dev/null || fail "call 2"
m recall 1 >/dev/null || fail "recall 1"

trace wait --timeout 60 --count 3 what=announce phase=end >/dev/null \
	|| fail "announcements did not finish: $(grep announce "$T/trace")"
labels=$(python3 -c 'import json, sys
print(" ".join(r["label"] for r in map(json.loads, open(sys.argv[1]))
               if r.get("what") == "announce" and r["phase"] == "start"))' "$T/trace")
[ "$labels" = "1001@1 2001@2 1001@1:recall" ] || fail "announcement order: $labels"
# Never overlapping: each start is at or after the previous end.
python3 -c 'import json, sys
last_end = 0
for r in map(json.loads, open(sys.argv[1])):
    if r.get("what") == "announce":
        if r["phase"] == "start" and r["ms"] < last_end:
            sys.exit(1)
        if r["phase"] == "end":
            last_end = r["ms"]' "$T/trace" || fail "announcements overlap"
want=$("$MOTCUA" --db "$DB" announce 1001 1 | sed -n 's/^các đoạn âm thanh: //p')
got=$(trace field clips what=announce phase=start label=1001@1)
[ "$want" = "$got" ] || fail "clips played '$got', announce says '$want'"
[ "$(trace field mode what=announce phase=start label=1001@1)" = audio ] \
	|| fail "first announcement was not played on the audio device"
ok "3 announcements in order, not overlapping, clips as 'motcua announce' prints"

# The disk audio driver wrote the sequences: seconds of sound, not silence.
size=$(stat -c %s "$T/audio.raw")
(( size > 44100 * 10 )) || fail "audio output only $size bytes"
cmp -s -n "$size" "$T/audio.raw" /dev/zero && fail "audio output is all silence"
ok "audio device received $size bytes of sound"

settle "$OUT/display-1920x1080.png"
check_numbers "$OUT/display-1920x1080.png" "1 2 3 4"
[ "$(drawn latest:-)" = "MỜI CÔNG DÂN CÓ SỐ 1001 đến quầy số 1 (gọi lại)" ] \
	|| fail "latest call panel: $(drawn latest:-)"
pause_share=$(colour_share "$OUT/display-1920x1080.png" "rgb(58,58,70)")
gt "$pause_share" 0.01 || fail "paused counter row not shown"
ok "after 3 calls: 1001, 2001, Tạm dừng, —; latest 1001 (gọi lại), then 2001 (trace and OCR)"

# A counter paused while it serves someone shows that number until it is
# finished, and says "Tạm dừng"; once finished, "Tạm dừng" takes its place.
m counter pause 2 "Nghỉ giải lao" >/dev/null || fail "pause 2"
settle "$T/paused.png"
check_numbers "$T/paused.png" "1 2 3 4"
case "$(drawn counter:2)" in
*"Tạm dừng"*) ;;
*) fail "paused counter 2 does not say Tạm dừng: $(drawn counter:2)" ;;
esac
m finish 2 >/dev/null || fail "finish 2"
settle "$T/paused.png"
[ "$(drawn serving:2)" = "Tạm dừng" ] || fail "finished and paused: counter 2 shows '$(drawn serving:2)'"
m counter resume 2 >/dev/null || fail "resume 2"
ok "paused counter 2 keeps 2001 (trace and OCR) with 'Tạm dừng' until it is finished"

# Read-only: nothing changes while the display keeps reading.
sum1=$(cat "$DB" "$DB-wal" 2>/dev/null | sha256sum)
events1=$(sql 'select count(*) from events')
sleep 1.5
stop_display
sum2=$(cat "$DB" "$DB-wal" 2>/dev/null | sha256sum)
events2=$(sql 'select count(*) from events')
[ "$sum1" = "$sum2" ] || fail "database changed while only the display ran"
[ "$events1" = "$events2" ] || fail "event count changed: $events1 -> $events2"
ok "database unchanged by the display (checksum, events $events1)"
xvfb_stop

# --- 2. connection lost, then recovered ------------------------------------
xvfb_start 1366x768 || fail "xvfb"
REAL=$DB; DB=$T/later.db
n=$(lines)
start_display
trace wait --after "$n" --pid "$DPID" whole rect=lost:- >/dev/null \
	|| fail "no 'mất kết nối' mark without a database"
sleep 0.3
xvfb_screenshot "$OUT/display-lost.png"
gt "$(colour_share "$OUT/display-lost.png" "rgb(178,34,34)")" 0.001 \
	|| fail "'mất kết nối' mark not on the screenshot"
n=$(lines)
"$MOTCUA" --db "$REAL" backup "$DB" >/dev/null || fail "backup"
trace wait --after "$n" --pid "$DPID" whole rects:lost=0 rect=serving:1 >/dev/null \
	|| fail "mark stayed after the database appeared"
settle "$T/recovered.png"
gt "$(colour_share "$T/recovered.png" "rgb(178,34,34)")" 0.001 \
	&& fail "'mất kết nối' still on the screenshot after recovery"
check_numbers "$T/recovered.png" "1 2 3 4"
ok "'mất kết nối' shown without a database, gone once it is readable, numbers back"
stop_display
DB=$REAL

# --- 3. a display for counter 2 only ----------------------------------------
n=$(lines)
start_display --counters 2 --silent
trace wait --after "$n" --pid "$DPID" whole >/dev/null || fail "filtered display: no frame"
m call 1 >/dev/null || fail "call 1"
n2=$(m --json call 2 | sed -n 's/.*"number":"\([^"]*\)".*/\1/p')
trace wait --after "$n" what=announce phase=end "label=$n2@2" >/dev/null \
	|| fail "counter 2 call not announced"
sleep 0.5
labels=$(python3 -c 'import json, sys
print(" ".join(r["label"] for i, r in enumerate(map(json.loads, open(sys.argv[1])))
               if i >= int(sys.argv[2]) and r.get("what") == "announce" and r["phase"] == "start"))' \
	"$T/trace" "$n")
[ "$labels" = "$n2@2" ] || fail "--counters 2 announced: $labels"
[ "$(trace field mode what=announce phase=start "label=$n2@2")" = silent ] \
	|| fail "--silent still played audio"
settle "$OUT/display-counter2.png"
[ "$(trace count --after "$n" whole rect=counter:3)" = 0 ] \
	|| fail "--counters 2 still shows paused counter 3"
[ "$(trace count --after "$n" whole rect=counter:1)" = 0 ] || fail "--counters 2 shows counter 1"
check_numbers "$OUT/display-counter2.png" "2"
ok "--counters 2 shows ($n2, trace and OCR) and announces counter 2 only; --silent is silent"
stop_display
xvfb_stop

# --- 4. the numbers at other sizes ------------------------------------------
for size in 1366x768 3840x2160 1080x1920; do
	xvfb_start "$size" || fail "xvfb $size"
	n=$(lines)
	start_display
	trace wait --after "$n" --pid "$DPID" whole >/dev/null || fail "$size: no frame"
	shot=$OUT/display-$size.png
	settle "$shot"
	check_numbers "$shot" "1 2 3 4"
	stop_display
	xvfb_stop
	# Full screen: the bottom-right pixel is the notice band, not the black root window.
	w=${size%x*} h=${size#*x}
	px=$(convert "$shot" -format "%[pixel:p{$((w - 2)),$((h - 2))}]" info:)
	[ "$px" != "black" ] && [ "$px" != "srgb(0,0,0)" ] || fail "$size: window does not fill the screen"
	ok "$size: numbers as the database says (trace and OCR); $shot"
done
echo "all display UI checks passed"
