#!/bin/bash
# UI test of motcua-display under Xvfb (suite "ui").
#   test_display_ui.sh MOTCUA MOTCUA_DISPLAY SOURCE_ROOT OUT_DIR
# Issues and calls through the motcua CLI while the display runs, and checks:
# the announcements (record file + SDL disk audio), the latest call blinking,
# read-only access, the "mất kết nối" mark and its recovery, and screenshots
# at 1920x1080, 1366x768, 3840x2160 and 1080x1920 (kept in OUT_DIR).
set -u
MOTCUA=$1 DISPLAY_BIN=$2 SRC=$3 OUT=$4
. "$SRC/tests/lib/xvfb.sh"
mkdir -p "$OUT"
T=$(mktemp -d)
DPID=
cleanup() {
	[ -n "$DPID" ] && kill "$DPID" 2>/dev/null && wait "$DPID" 2>/dev/null
	xvfb_stop
	rm -rf "$T"
}
trap cleanup EXIT
export MOTCUA_ASSETS=$SRC/assets MOTCUA_LOG=warn
DB=$T/m.db
fail() { echo "FAIL: $*"; [ -f "$T/display.err" ] && sed 's/^/  display: /' "$T/display.err"; exit 1; }
ok() { echo "ok: $*"; }
m() { "$MOTCUA" --db "$DB" "$@"; }

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
	SDL_AUDIODRIVER=disk SDL_DISKAUDIOFILE=$T/audio.raw "$DISPLAY_BIN" --db "$DB" \
		--announce-log "$T/announce.log" --frame-log "$T/frames.log" "$@" \
		2>"$T/display.err" &
	DPID=$!
}
stop_display() {
	kill "$DPID" 2>/dev/null; wait "$DPID" 2>/dev/null; DPID=
}

m init --demo >/dev/null || fail "init"
m set notice "Công dân vui lòng lấy số thứ tự và chờ đến lượt. Giờ làm việc: sáng 7h00–11h30, chiều 13h30–17h00." >/dev/null
m set voice_repeat 1 >/dev/null
for i in 1 2 3; do m issue HT >/dev/null; m issue CT >/dev/null; done
m counter pause 3 "Họp giao ban" >/dev/null

# --- 1. calls while the display runs: screen, blink, announcements --------
xvfb_start 1920x1080 || fail "xvfb"
: > "$T/frames.log"
start_display
wait_for 10 test -s "$T/frames.log" || fail "no frame presented"
ok "display presents frames"

# The database file is opened read-only by the display.
dbfd=$(for f in /proc/$DPID/fd/*; do [ "$(readlink "$f")" = "$(readlink -f "$DB")" ] && basename "$f"; done | head -1)
[ -n "$dbfd" ] || fail "display has no open database file"
flags=$(awk '/^flags/ { print $2 }' "/proc/$DPID/fdinfo/$dbfd")
(( (8#$flags & 3) == 0 )) || fail "database opened with flags $flags, not O_RDONLY"
ok "database file opened O_RDONLY (flags $flags)"

m call 1 >/dev/null || fail "call 1"
# The latest call blinks: the accent colour fills its box in some frame.
blink() {
	xvfb_screenshot "$T/blink.png"
	local share; share=$(colour_share "$T/blink.png" "rgb(255,206,64)")
	gt "$share" 0.06
}
wait_for 6 blink || fail "latest call never blinked"
ok "latest call blinks"
m call 2 >/dev/null || fail "call 2"
m recall 1 >/dev/null || fail "recall 1"

wait_for 60 bash -c "[ \$(grep -c ' end ' '$T/announce.log') -ge 3 ]" \
	|| fail "announcements did not finish: $(cat "$T/announce.log")"
labels=$(awk '$2 == "start" { printf "%s ", $3 }' "$T/announce.log")
[ "$labels" = "1001@1 2001@2 1001@1:recall " ] || fail "announcement order: $labels"
# Never overlapping: each start is at or after the previous end.
awk '$2 == "start" { if (last_end && $1 < last_end) bad = 1 } $2 == "end" { last_end = $1 }
	END { exit bad }' "$T/announce.log" || fail "announcements overlap: $(cat "$T/announce.log")"
want=$("$MOTCUA" --db "$DB" announce 1001 1 | sed -n 's/^clips: //p')
got=$(awk '$2 == "start" && $3 == "1001@1" { $1 = $2 = $3 = $4 = ""; sub(/^ +/, ""); print; exit }' "$T/announce.log")
[ "$want" = "$got" ] || fail "clips played '$got', announce says '$want'"
grep -q ' start 1001@1 audio ' "$T/announce.log" || fail "first announcement was not played on the audio device"
ok "3 announcements in order, not overlapping, clips as 'motcua announce' prints"

# The disk audio driver wrote the sequences: seconds of sound, not silence.
size=$(stat -c %s "$T/audio.raw")
(( size > 44100 * 10 )) || fail "audio output only $size bytes"
cmp -s -n "$size" "$T/audio.raw" /dev/zero && fail "audio output is all silence"
ok "audio device received $size bytes of sound"

xvfb_screenshot "$OUT/display-1920x1080.png"
share=$(colour_share "$OUT/display-1920x1080.png" "rgb(255,206,64)")
gt "$share" 0.005 || fail "no call numbers on screen (accent share $share)"
pause_share=$(colour_share "$OUT/display-1920x1080.png" "rgb(58,58,70)")
gt "$pause_share" 0.01 || fail "paused counter row not shown"

# Read-only: nothing changes while the display keeps reading.
sum1=$(cat "$DB" "$DB-wal" 2>/dev/null | sha256sum)
events1=$(command -v sqlite3 >/dev/null && sqlite3 -readonly "$DB" 'select count(*) from events')
sleep 1.5
stop_display
sum2=$(cat "$DB" "$DB-wal" 2>/dev/null | sha256sum)
events2=$(command -v sqlite3 >/dev/null && sqlite3 -readonly "$DB" 'select count(*) from events')
[ "$sum1" = "$sum2" ] || fail "database changed while only the display ran"
[ "$events1" = "$events2" ] || fail "event count changed: $events1 -> $events2"
ok "database unchanged by the display (checksum, events ${events1:-n/a})"
xvfb_stop

# --- 2. connection lost, then recovered ------------------------------------
xvfb_start 1366x768 || fail "xvfb"
REAL=$DB; DB=$T/later.db
start_display
red() {
	xvfb_screenshot "$T/lost.png"
	gt "$(colour_share "$T/lost.png" "rgb(226,68,64)")" 0.001
}
wait_for 10 red || fail "no 'mất kết nối' mark without a database"
xvfb_screenshot "$OUT/display-lost.png"
"$MOTCUA" --db "$REAL" backup "$DB" >/dev/null || fail "backup"
wait_for 10 bash -c "! { import -window root '$T/rec.png' && \
	convert '$T/rec.png' -alpha off -fuzz 8% -fill black +opaque 'rgb(226,68,64)' -fill white \
	-opaque 'rgb(226,68,64)' -colorspace gray -format '%[fx:mean>0.001]' info: | grep -q 1; }" \
	|| fail "mark stayed after the database appeared"
ok "'mất kết nối' shown without a database, gone once it is readable"
stop_display
DB=$REAL

# --- 3. a display for counter 2 only ----------------------------------------
: > "$T/frames.log"; rm -f "$T/announce.log"
start_display --counters 2 --silent
wait_for 10 test -s "$T/frames.log" || fail "filtered display: no frame"
m call 1 >/dev/null || fail "call 1"
n2=$(m --json call 2 | sed -n 's/.*"number":"\([^"]*\)".*/\1/p')
wait_for 10 grep -q " end $n2@2" "$T/announce.log" || fail "counter 2 call not announced"
sleep 0.5
labels=$(awk '$2 == "start" { printf "%s ", $3 }' "$T/announce.log")
[ "$labels" = "$n2@2 " ] || fail "--counters 2 announced: $labels"
grep -q " start $n2@2 silent " "$T/announce.log" || fail "--silent still played audio"
xvfb_screenshot "$OUT/display-counter2.png"
gt "$(colour_share "$OUT/display-counter2.png" "rgb(58,58,70)")" 0.02 \
	&& fail "--counters 2 still shows paused counter 3"
ok "--counters 2 shows and announces counter 2 only; --silent records without sound"
stop_display
xvfb_stop

# --- 4. screenshots at the four sizes ---------------------------------------
for size in 1366x768 3840x2160 1080x1920; do
	xvfb_start "$size" || fail "xvfb $size"
	: > "$T/frames.log"
	start_display
	wait_for 10 test -s "$T/frames.log" || fail "$size: no frame"
	sleep 0.3
	shot=$OUT/display-$size.png
	xvfb_screenshot "$shot"
	stop_display
	xvfb_stop
	# Full screen: the bottom-right pixel is the notice band, not the black root window.
	w=${size%x*} h=${size#*x}
	px=$(convert "$shot" -format "%[pixel:p{$((w - 2)),$((h - 2))}]" info:)
	[ "$px" != "black" ] && [ "$px" != "srgb(0,0,0)" ] || fail "$size: window does not fill the screen"
	gt "$(colour_share "$shot" "rgb(255,206,64)")" 0.003 || fail "$size: no numbers drawn"
	ok "$size screenshot $shot"
done
echo "all display UI checks passed"
