#!/bin/sh
# The paper ticket as a citizen (and OCR) reads it (issue 11), from the
# simulator's PNG: tesseract reads the big number exactly, for every prefix
# letter a field may have (A-Z but I and O, which motcua refuses because they
# read as 1 and 0) on the Epson profile, and for the letters that look like
# digits (B/8, D/0, S/5, Z/2) on the others; also digits OCR used to misread
# (1009 read "10803"). OCR is told the numbers' alphabet, as a person knows
# a number holds no O. The ticket names the counters serving the field and
# says it is valid only on the day it was issued. Run by with-sim.sh with
# --profile=...:  ticket_ocr.sh MOTCUA
# (77 = skipped without tesseract's Vietnamese data).
set -u
m=$1
. "$(dirname "$0")/lib.sh"
if ! tesseract --list-langs 2>/dev/null | grep -qx vie; then
	echo "tesseract with Vietnamese data (tesseract-ocr-vie) missing"
	exit 77
fi
P="$SIM_SPEC?profile=$(state profile)&nvwrites=1000"
today=$(TZ=Asia/Ho_Chi_Minh date +%d/%m/%Y)

# read_ticket: the last ticket's text, one line per printed line, spaces dropped.
read_ticket() {
	tesseract "$(state last_png)" stdout -l vie --psm 4 2>/dev/null | tr -d ' ' | grep -v '^$'
}

# read_number: the last ticket's tallest line (the number), read on its own at a
# reading size (tesseract misses 150 px letters on a whole page; the ticket
# is read as a person reads it: the number first, then the rest).
read_number() {
	png=$(state last_png)
	# One grey value per row; runs of inked rows are the printed lines.
	set -- $(convert "$png" -scale "1x$(identify -format %h "$png")!" -depth 8 txt:- |
		awk -F'[,:() ]+' 'NR > 1 { ink = $4 < 250 }
			ink && !run { start = $2 } { run = ink }
			!ink && prev && $2 - start > best { best = $2 - start; y = start }
			{ prev = ink } END { print y, best }')
	convert "$png" -crop "x$2+0+$1" +repage -negate -trim +repage -negate -resize x60 \
		-bordercolor white -border 20 "$TEST_TMP/number.png"
	tesseract "$TEST_TMP/number.png" stdout --psm 7 -l eng \
		-c tessedit_char_whitelist=ABCDEFGHJKLMNPQRSTUVWXYZ0123456789 2>/dev/null | tr -d ' \n'
}

# print_and_read SERVICE NUMBER: prints the next ticket of SERVICE, which must be NUMBER.
print_and_read() {
	got=$("$m" issue "$1" --print "$P" 2>&1) || fail "issue $1: $got"
	case $got in *"Số $2 "*) ;; *) fail "issued $got, expected $2" ;; esac
	number=$(read_number)
	[ "$number" = "$2" ] || fail "OCR read $2 as '$number' ($(state profile))"
	text=$(read_ticket)
}

case $(state profile) in
epson-*) letters="A B C D E F G H J K L M P Q R S T U V W X Y Z" ;;
*) letters="B D S Z" ;;
esac
for letter in $letters; do
	"$m" service add "X$letter" "Lĩnh vực $letter" --prefix "$letter" --range 1-999 >/dev/null ||
		fail "service X$letter"
	print_and_read "X$letter" "${letter}001"
done

# HT: 1001..1009, the ninth printed: served by counters 1 and 2 in the demo desk.
for i in 1 2 3 4 5 6 7 8; do "$m" issue HT >/dev/null; done
print_and_read HT 1009
echo "$text" | grep -qx "Quầyphụcvụ" || fail "no counters line: $(echo "$text" | tr '\n' '|')"
echo "$text" | grep -qx "1,2" || fail "counters 1, 2 not read: $(echo "$text" | tr '\n' '|')"
echo "$text" | grep -qx "Chỉcógiátrịtrongngày" || fail "no validity line"
# The validity date follows its label, and it is today (the ticket's day), not a range.
after=$(echo "$text" | sed -n '/^Chỉcógiátrịtrongngày$/{n;p;}')
[ "$after" = "$today" ] || fail "valid on '$after', expected $today"

# A field no counter serves says nothing wrong: no counters line at all.
"$m" service add XN "Lĩnh vực mới" --prefix N --range 1-999 >/dev/null || fail "service XN"
print_and_read XN N001
echo "$text" | grep -qx "Quầyphụcvụ" && fail "a counters line for a field no counter serves"
finish
