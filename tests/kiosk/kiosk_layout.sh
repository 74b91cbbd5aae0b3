#!/bin/bash
# Layout matrix of motcua-kiosk under Xvfb (suite "ui"):
#   kiosk_layout.sh MOTCUA SIM KIOSK SOURCE_ROOT OUT_DIR [WxH ...]
# At each size (default: 1920x1080 1366x768 1280x800 1024x768 800x480
# 1080x1920) with 1, 5, 12 and 16 of the fields in fields.txt (long
# Vietnamese names, each with a group), checks from the draw trace and a
# screenshot (kiosk_layout.py check) the home screen, every group's screen
# the home screen leads to, and a ticket screen: every text inside the
# screen and its box, none over another, none under its floor (a field's
# or group's name: 28 px per 1080 lines of the panel, 18 at least; any
# other text: 20 px per 1080 lines, 14 at least), a name the largest text
# on its button, contrast at least 4.5:1 (3:1 over 40 px); that every field
# can be reached (on the home screen or through its group); and, with 16
# fields, that tesseract reads every field's first word on the screenshots.
# At 800x480 also: the 16 fields without groups (pages), and a group's
# screen going home by itself (setting kiosk_idle_s).
# Figures (name and text sizes per case) go to OUT_DIR/figures.txt, the
# screenshots of the 12- and 16-field cases and the tickets to OUT_DIR.
set -u
motcua=$1 sim=$2 kiosk=$3 src=$4 out=$5
shift 5
sizes=${*:-1920x1080 1366x768 1280x800 1024x768 800x480 1080x1920}
here=$src/tests/kiosk
. "$src/tests/lib/xvfb.sh"
trace() { python3 "$src/tests/lib/trace.py" "$1" "$tmp/trace" "${@:2}"; }
check() { python3 "$here/kiosk_layout.py" "$@"; }

tmp=$(mktemp -d)
simpid= kpid=
mkdir -p "$out"
: >"$out/figures.txt"
cleanup() {
	[ -n "$kpid" ] && kill "$kpid" 2>/dev/null && wait "$kpid" 2>/dev/null
	[ -n "$simpid" ] && kill "$simpid" 2>/dev/null && wait "$simpid" 2>/dev/null
	xvfb_stop
	rm -rf "$tmp"
}
trap cleanup EXIT
# To standard error: it may run in $(...), whose caller then exits too.
fail() {
	{
		echo "FAIL: $*"
		echo "--- trace events (tail)"; grep '"t":"event"' "$tmp/trace" 2>/dev/null | tail -15
		echo "--- kiosk log"; tail -10 "$tmp/kiosk.log" 2>/dev/null
		cp "$tmp/trace" "$out/trace.failed" 2>/dev/null && echo "--- trace in $out/trace.failed"
	} >&2
	exit 1
}
command -v tesseract >/dev/null && tesseract --list-langs 2>/dev/null | grep -qx vie \
	|| fail "needs tesseract with Vietnamese data (tesseract-ocr, tesseract-ocr-vie)"
export MOTCUA_DB=$tmp/motcua.db MOTCUA_LOG=warn
lines() { wc -l < "$tmp/trace"; }
wait_trace() {  # AFTER FILTER...: the line number of the first match after line AFTER
	trace wait --after "$1" --pid "$kpid" "${@:2}" || fail "waiting for ${*:2}"
}
tap() {  # KIND ID: clicks the centre of the named rectangle of the last frame
	local xy
	xy=$(trace center "$1" "$2") || fail "no rectangle $1 $2"
	xdotool mousemove $xy click 1
}
# Taps KIND ID until a record after the first tap matches the filters that
# follow (taps are ignored for a moment after a screen changes). A tap is
# repeated only after a second without the record, and only while the
# screen is still the one of the first tap: on a loaded machine a second
# tap must not land on the next screen.
tap_until() {
	local kind=$1 id=$2 n0 i screen0
	shift 2
	screen0=$(trace field name what=screen)
	n0=$(lines)
	for i in $(seq 1 20); do
		tap "$kind" "$id"
		trace wait --after "$n0" --pid "$kpid" --timeout 1 "$@" >/dev/null 2>&1 && return 0
		[ "$(trace field name what=screen)" = "$screen0" ] \
			|| fail "tapping $kind $id left screen $screen0 without $*"
	done
	fail "tapping $kind $id never gave $*"
}

# Fields 1..N of fields.txt active, the others not (only those that change are edited).
active=16
set_fields() {
	local i=0 code name group
	while IFS='|' read -r code name group; do
		i=$((i + 1))
		if [ $i -le "$1" ] && [ $i -gt $active ]; then
			"$motcua" service enable "$code" >/dev/null || fail "service enable $code"
		elif [ $i -gt "$1" ] && [ $i -le $active ]; then
			"$motcua" service disable "$code" >/dev/null || fail "service disable $code"
		fi
	done < <(grep -v '^#' "$here/fields.txt")
	active=$1
	"$motcua" --json services >"$tmp/fields.json"
}

# Checks the last whole frame of screen $1 (more filters may follow) against a
# screenshot; records its figures. The screenshot is kept as
# $case-$1[-$tag].png when keep is set.
check_screen() {
	local screen=$1 tag=${tag:-} shot=$tmp/shot.ppm
	shift
	[ -n "$ocr_list" ] && shot=$tmp/$case-$screen${tag:+-$tag}.ppm
	import -window root -crop "${W}x$H+0+0" +repage -depth 8 "$shot"
	check check --min-name "$min_name" --min-text "$min_text" --seen "$tmp/seen" \
		--groups "$tmp/groups" ${ocr_list:+--ocr "$ocr_list"} "$tmp/trace" "$shot" \
		"$tmp/fields.json" screen="$screen" "$@" >"$tmp/check" \
		|| { cat "$tmp/check"; fail "$case $screen${tag:+ $tag}: layout faults"; }
	echo "$case $screen${tag:+ $tag}: $(head -1 "$tmp/check")" >>"$out/figures.txt"
	[ -n "${keep:-}" ] && convert "$shot" "$out/$case-$screen${tag:+-$tag}.png"
}

# The home screen, each page, and each group's screen; every field must be on one.
check_lists() {
	local g page
	: >"$tmp/seen"
	: >"$tmp/groups"
	tag= check_screen home page=1/$pages
	for page in $(seq 2 "$pages"); do
		tap_until page next t=frame screen=home page="$page/$pages"
		tag=p$page check_screen home page="$page/$pages"
	done
	[ "$pages" -gt 1 ] && tap_until page prev t=frame screen=home page="1/$pages"
	cp "$tmp/groups" "$tmp/home-groups"
	while IFS= read -r g; do
		tap_until group "$g" t=frame screen=group group="$g"
		tag=${g%% *} check_screen group group="$g"
		keep=
		tap_until back - t=frame screen=home
	done <"$tmp/home-groups"
	check reach "$tmp/fields.json" "$tmp/seen" || fail "$case: a field cannot be reached"
}

start_kiosk() {
	: >"$tmp/trace"
	MOTCUA_TRACE=$tmp/trace "$kiosk" --printer "file:$tmp/printer" --window "$1" \
		>>"$tmp/kiosk.log" 2>&1 &
	kpid=$!
	wait_trace 0 what=printer state=ok >/dev/null
}
stop_kiosk() {
	kill "$kpid" 2>/dev/null && wait "$kpid" 2>/dev/null
	kpid=
}
# Waits for the home screen with $1 fields laid out; sets pages and list_mark.
wait_home() {
	local n
	n=$(wait_trace "$2" what=layout services="$1") || exit 1
	n=$(wait_trace "$n" what=list) || exit 1
	wait_trace "$n" t=frame screen=home >/dev/null
	list_mark=$n  # frames after it show this list
	pages=$(trace field pages what=list)
}

"$motcua" init >/dev/null || fail "init"
i=0
while IFS='|' read -r code name group; do
	i=$((i + 1))
	"$motcua" service add "$code" "$name" --range $((i * 1000 + 1))-$((i * 1000 + 999)) \
		--position $i --group "$group" >/dev/null || fail "service add $code"
done < <(grep -v '^#' "$here/fields.txt")
"$sim" --link "$tmp/printer" --out "$tmp/out" --control "$tmp/ctl" >"$tmp/sim.log" 2>&1 &
simpid=$!
for i in $(seq 1 100); do
	[ -L "$tmp/printer" ] && break
	sleep 0.05
done
[ -L "$tmp/printer" ] || fail "simulator did not start"
xvfb_start 1920x1920 || exit 77

for size in $sizes; do
	W=${size%x*} H=${size#*x}
	s=$((W < H ? W : H))
	min_name=$(( (28 * s + 1079) / 1080 )); [ $min_name -lt 18 ] && min_name=18
	min_text=$(( (20 * s + 1079) / 1080 )); [ $min_text -lt 14 ] && min_text=14
	set_fields 1
	start_kiosk "$size"
	for n in 1 5 12 16; do
		case=$size-$n
		mark=0  # the kiosk started with one field
		if [ $n != 1 ]; then
			mark=$(lines)
			set_fields $n
		fi
		wait_home $n "$mark"
		ocr_list=
		[ $n = 16 ] && ocr_list=$tmp/ocr-$size && : >"$ocr_list"
		keep=
		[ $n -ge 12 ] && keep=1
		check_lists
	done
	# A priority ticket for the longest name (its title is the longer one).
	code=TP group=$(grep "^TP|" "$here/fields.txt" | cut -d'|' -f3)
	if [ "$(trace count --after "$list_mark" t=frame screen=home rect=priority:$code)" = 0 ]; then
		tap_until group "$group" t=frame screen=group
	fi
	mark=$(lines)
	tap_until priority $code what=tap service=$code
	wait_trace "$mark" t=frame screen=ticket "text=Chạm vào màn hình để quay lại" >/dev/null
	case=$size-16 ocr_list= keep=1 check_screen ticket
	tap_until card ticket t=frame screen=home
	check ocr "$tmp/ocr-$size" >"$tmp/ocr" || { cat "$tmp/ocr"; fail "$size: OCR"; }
	echo "$size-16 $(cat "$tmp/ocr")" >>"$out/figures.txt"
	rm -f "$tmp"/*.ppm

	if [ "$size" = 1920x1080 ]; then
		# 16 fields fit here; kiosk_groups=always shows their groups all the same.
		mark=$(lines)
		"$motcua" set kiosk_groups always >/dev/null
		wait_trace "$mark" t=frame screen=home rects:group=6 rects:normal=0 >/dev/null
		mark=$(lines)
		"$motcua" set kiosk_groups auto >/dev/null
		wait_trace "$mark" t=frame screen=home rects:group=0 rects:normal=16 >/dev/null
	fi
	if [ "$size" = 800x480 ]; then
		# Pages: the 16 fields without groups do not fit at the floor.
		mark=$(lines)
		while IFS='|' read -r code name group; do
			"$motcua" service edit "$code" --group "" >/dev/null || fail "ungrouping $code"
		done < <(grep -v '^#' "$here/fields.txt")
		"$motcua" --json services >"$tmp/fields.json"
		wait_trace "$mark" what=list grouped=0 >/dev/null
		wait_trace "$mark" t=frame screen=home rects:group=0 >/dev/null
		pages=$(trace field pages what=list)
		[ "$pages" -gt 1 ] || fail "16 fields at 800x480 without groups: $pages page(s)"
		case=$size-16-nogroups ocr_list= keep=1 check_lists
		echo "$size-16 without groups: $pages pages" >>"$out/figures.txt"

		# Groups again; a group's screen goes home by itself.
		mark=$(lines)
		while IFS='|' read -r code name group; do
			"$motcua" service edit "$code" --group "$group" >/dev/null || fail "grouping $code"
		done < <(grep -v '^#' "$here/fields.txt")
		"$motcua" set kiosk_idle_s 3 >/dev/null
		wait_trace "$mark" t=frame screen=home "rect=group:Tư pháp – Hộ tịch" >/dev/null
		tap_until group "Tư pháp – Hộ tịch" what=screen name=group
		mark=$(lines)
		t0=$SECONDS
		trace wait --after "$mark" --pid "$kpid" --timeout 10 what=screen name=home >/dev/null \
			|| fail "the group's screen did not go home by itself"
		echo "$size: a group's screen went home by itself after $((SECONDS - t0)) s" \
			"(kiosk_idle_s=3)" >>"$out/figures.txt"
		"$motcua" set kiosk_idle_s 30 >/dev/null
	fi
	stop_kiosk
done
echo "done in $SECONDS s" >>"$out/figures.txt"
cat "$out/figures.txt"
echo "ok: layout matrix, screenshots in $out"
exit 0
