#!/bin/bash
# Layout test of motcua-display over the matrix (suite "ui"):
#   test_display_layout.sh MOTCUA MOTCUA_DISPLAY SOURCE_ROOT OUT_DIR
# Screens 1920x1080, 1366x768, 1280x720 and 1080x1920 (Xvfb) x desks of 4,
# 12, 24 and 32 counters x 5, 12 and 16 fields with long Vietnamese names
# (desk.sh), every counter serving a number and counter 3 paused while it
# serves one. For each case layout_check.py reads the draw trace of every
# board page: texts inside the screen and their boxes, none overlapping,
# none too small, serving numbers at least 40 px tall per 1080 lines, the
# latest call the largest text, contrast, every counter on some page with
# "Trang K/N", every field's whole name, breaks only between words. For the
# cases of 24 counters and of 16 fields, OCR (tesseract) of each page's
# screenshot reads every serving number and every field's first word. And
# the case of the issue: 1280x720 with 8 fields, every field whole.
# Screenshots of the first page of each case stay in OUT_DIR.
# About 2 minutes on a quiet 2-core machine (tesseract runs beside the next
# cases).
set -u
MOTCUA=$1 DISPLAY_BIN=$2 SRC=$3 OUT=$4
. "$SRC/tests/lib/xvfb.sh"
. "$SRC/tests/lib/ocr.sh"
. "$SRC/tests/display/desk.sh"
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
fail() { echo "FAIL: $*"; [ -s "$T/display.err" ] && sed 's/^/  display: /' "$T/display.err"; exit 1; }
ok() { echo "ok ($SECONDS s): $*"; }
m() { "$MOTCUA" --db "$1" --json "${@:2}"; }
command -v sqlite3 >/dev/null || fail "needs the sqlite3 command (package sqlite3)"
ocr_available && tesseract --list-langs 2>/dev/null | grep -qx vie \
	|| fail "needs tesseract with English and Vietnamese data (tesseract-ocr-eng, -vie)"

# LAYOUT_SIZES="1080x1920" narrows the run while working on one size.
SIZES=(${LAYOUT_SIZES:-1920x1080 1366x768 1280x720 1080x1920})
COUNTERS=(4 12 24 32)
FIELDS=(5 12 16)

# build_desks FIELDS COUNTERS...: desks of FIELDS fields with 4 counters,
# then copies grown to 12, 24, 32; and what each shows. The sets are built
# side by side.
build_desks() {  # FIELDS COUNTERS...
	local f=$1 prev=0 c db
	shift
	for c in "$@"; do
		db=$T/d$f-$c.db
		if [ "$prev" = 0 ]; then
			desk_create "$db" "$f" || return 1
		else
			cp "$T/d$f-$prev.db" "$db"
		fi
		desk_counters "$db" "$f" $((prev + 1)) "$c" || return 1
		printf '{"counters":%s,"services":%s,"status":%s,"settings":%s,"last_event":%s}\n' \
			"$(m "$db" counters)" "$(m "$db" services)" "$(m "$db" status)" \
			"$(m "$db" settings)" "$(sqlite3 -readonly "$db" 'select max(id) from events')" \
			>"$T/d$f-$c.json"
		prev=$c
	done
}
builders=()
for f in "${FIELDS[@]}" 8; do
	if [ "$f" = 8 ]; then
		build_desks "$f" 4 2>"$T/desk-$f.err" &
	else
		build_desks "$f" "${COUNTERS[@]}" 2>"$T/desk-$f.err" &
	fi
	builders+=("$!:$f")
done
for b in "${builders[@]}"; do
	wait "${b%%:*}" || fail "desks of ${b#*:} fields: $(cat "$T/desk-${b#*:}.err")"
done
ok "13 desks (${FIELDS[*]} fields x ${COUNTERS[*]} counters; 8 fields x 4 counters)"

# after_case NAME SHOTS WHAT...: the first page's screenshot into OUT_DIR
# as a PNG; OCR of each page's screenshot reads the serving numbers (WHAT
# serving) or the fields' first words (field) the trace drew there. Says
# what it misread, exit 1. Runs in the background, beside the next cases
# (tesseract on one thread each).
after_case() {
	local name=$1 shots=$2 kind page img what want geo got bad=0
	shift 2
	convert "$shots/page-1.ppm" "$OUT/display-$name.png" || bad=1
	for kind in "$@"; do
		for page in "$shots"/page-*.read; do
			img=${page%.read}.ppm
			grep "^$kind" "$page" >"$shots/want"
			if [ "$kind" = serving ]; then
				cut -f3 "$shots/want" | ocr_stack "$img" eng 0123456789ABCDEFG \
					| paste "$shots/want" - >"$shots/read"
			else
				cut -f3 "$shots/want" | ocr_stack "$img" vie | paste "$shots/want" - >"$shots/read"
			fi
			while IFS=$'\t' read -r what want geo got; do
				if [ "${got%% *}" != "$want" ]; then
					echo "$name: OCR of $img reads '$got' for '$want'"
					bad=1
				fi
			done <"$shots/read"
		done
	done
	return $bad
}
export OMP_THREAD_LIMIT=1
finishers=()

# run_case SIZE COUNTERS FIELDS [OCR...]: one case on the running Xvfb.
cases=0
run_case() {
	local size=$1 c=$2 f=$3 name shots ocr reads
	shift 3
	reads=("$@")
	name=$size-${c}c-${f}f
	ocr=${reads:+--ocr}
	shots=$T/shots-$name
	# Pages turn fast here; slower where screenshots are read by OCR.
	MOTCUA_TRACE=$T/trace-$name "$DISPLAY_BIN" --db "$T/d$f-$c.db" --silent \
		--ticker-hz 0 --page-ms "$([ -n "$ocr" ] && echo 1000 || echo 400)" \
		2>"$T/display.err" &
	DPID=$!
	python3 "$SRC/tests/display/layout_check.py" "$T/trace-$name" "$DPID" \
		"$T/d$f-$c.json" "$shots" $ocr >"$T/check" || fail "$name: $(cat "$T/check")"
	kill "$DPID"; wait "$DPID" 2>/dev/null; DPID=
	after_case "$name" "$shots" "${reads[@]}" >"$T/after-$name.log" 2>&1 &
	finishers+=("$!:$name")
	cases=$((cases + 1))
	echo "ok ($SECONDS s): $name: $(cat "$T/check")${reads:+, OCR: ${reads[*]}}"
}

for size in "${SIZES[@]}"; do
	xvfb_start "$size" || fail "xvfb $size"
	for f in "${FIELDS[@]}"; do
		for c in "${COUNTERS[@]}"; do
			# OCR: the numbers with 24 counters, the fields' names with 16 fields.
			reads=()
			[ "$c" = 24 ] && reads+=(serving)
			[ "$f" = 16 ] && reads+=(field)
			run_case "$size" "$c" "$f" "${reads[@]}"
		done
	done
	# The case of the issue: at 1280x720 with 8 fields, every field whole.
	if [ "$size" = 1280x720 ]; then
		run_case "$size" 4 8 field
	fi
	xvfb_stop
done
ok "$cases cases: layout, sizes, contrast, pages, names and numbers (trace)"
for r in "${finishers[@]}"; do
	wait "${r%%:*}" || fail "$(cat "$T/after-${r#*:}.log")"
done
ok "serving numbers (24 counters) and first words of fields (16 fields) read back by OCR; screenshots in $OUT"
