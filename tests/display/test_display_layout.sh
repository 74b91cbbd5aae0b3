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
# screenshot reads every serving number and every field's first word.
# Screenshots of the first page of each case stay in OUT_DIR.
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

SIZES=(1920x1080 1366x768 1280x720 1080x1920)
COUNTERS=(4 12 24 32)
FIELDS=(5 12 16)

# The desks: 4 counters, then copies grown to 12, 24, 32; and what each shows.
for f in "${FIELDS[@]}"; do
	prev=0
	for c in "${COUNTERS[@]}"; do
		db=$T/d$f-$c.db
		if [ "$prev" = 0 ]; then
			desk_create "$db" "$f" || fail "desk of $f fields"
		else
			cp "$T/d$f-$prev.db" "$db"
		fi
		desk_counters "$db" "$f" $((prev + 1)) "$c" || fail "desk of $f fields, $c counters"
		printf '{"counters":%s,"services":%s,"status":%s,"settings":%s,"last_event":%s}\n' \
			"$(m "$db" counters)" "$(m "$db" services)" "$(m "$db" status)" \
			"$(m "$db" settings)" "$(sqlite3 -readonly "$db" 'select max(id) from events')" \
			>"$T/d$f-$c.json"
		prev=$c
	done
done
ok "12 desks (${FIELDS[*]} fields x ${COUNTERS[*]} counters)"

# Letters without their marks: tesseract's Vietnamese data reads "Đăng" as
# "Đang" at 19 px; the trace already proved the exact text was drawn.
bare() { python3 -c 'import sys, unicodedata
s = unicodedata.normalize("NFD", sys.argv[1].replace("Đ", "D").replace("đ", "d"))
print("".join(c for c in s if not unicodedata.combining(c)).lower())' "$1"; }

# ocr_case NAME SHOTS: OCR of each page's screenshot reads what the trace says.
ocr_case() {
	local name=$1 shots=$2 page what want geo got
	for page in "$shots"/page-*.read; do
		png=${page%.read}.png
		grep '^serving' "$page" >"$T/nums"
		grep '^field' "$page" >"$T/fields"
		cut -f3 "$T/nums" | ocr_digits "$png" | paste "$T/nums" - >"$T/read"
		cut -f3 "$T/fields" | ocr_words "$png" | paste "$T/fields" - >>"$T/read"
		while IFS=$'\t' read -r what want geo got; do
			if [ "$what" = serving ]; then
				[ "$got" = "$want" ] || fail "$name: OCR of $png reads '$got' for $want"
			else
				[ "$(bare "${got%% *}")" = "$(bare "$want")" ] \
					|| fail "$name: OCR of $png reads '$got' for the field '$want…'"
			fi
		done <"$T/read"
	done
}

cases=0
for size in "${SIZES[@]}"; do
	xvfb_start "$size" || fail "xvfb $size"
	for f in "${FIELDS[@]}"; do
		for c in "${COUNTERS[@]}"; do
			name=$size-${c}c-${f}f
			ocr=
			{ [ "$c" = 24 ] || [ "$f" = 16 ]; } && ocr=--ocr
			rm -rf "$T/shots"
			# Pages turn fast here; slower where screenshots are read by OCR.
			MOTCUA_TRACE=$T/trace-$name "$DISPLAY_BIN" --db "$T/d$f-$c.db" --silent \
				--ticker-hz 0 --page-ms "$([ -n "$ocr" ] && echo 1500 || echo 400)" \
				2>"$T/display.err" &
			DPID=$!
			python3 "$SRC/tests/display/layout_check.py" "$T/trace-$name" "$DPID" \
				"$T/d$f-$c.json" "$T/shots" $ocr >"$T/check" || fail "$name: $(cat "$T/check")"
			kill "$DPID"; wait "$DPID" 2>/dev/null; DPID=
			cp "$T/shots/page-1.png" "$OUT/display-$name.png"
			[ -n "$ocr" ] && ocr_case "$name" "$T/shots"
			cases=$((cases + 1))
			echo "ok ($SECONDS s): $name: $(cat "$T/check")${ocr:+, OCR}"
		done
	done
	xvfb_stop
done
ok "$cases cases: layout, sizes, contrast, pages, names and numbers (trace and OCR)"
