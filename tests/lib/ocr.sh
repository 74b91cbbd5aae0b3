# Shared by the UI test scripts: source it. Reads text back from screenshots
# with tesseract (Debian: tesseract-ocr, tesseract-ocr-eng, tesseract-ocr-vie),
# so a test checks what a person would read, not only what the program says
# it drew.

# True when tesseract and its English data are installed.
ocr_available() {
	command -v tesseract >/dev/null && tesseract --list-langs 2>/dev/null | grep -qx eng
}

# ocr_digits PNG < LINES: reads numbers in screenshot PNG. Each line of input
# is "X Y W H": the rectangle of one line of text as the draw trace records
# it. Prints one line per input line: the digits read there ("" when none).
#
# Tesseract is fickle with a lone digit and with very large ones (measured on
# the display's numbers, 13 to 179 px lines: "0" read as nothing or "8" at
# some scales, 150 px "2001" as "21"). So each crop gets a margin at the
# sides (not above or below: the next line would join in), is inverted when
# mostly dark (light text on a dark ground: it may blink between the two),
# made black and white, and is read at three heights (50, 90, 110
# px); the reading at least two agree on wins. All crops go to one tesseract
# run (a list of images), which is most of the cost.
ocr_digits() {
	local png=$1 dir x y w h mx my n=0 i scale dark
	dir=$(mktemp -d)
	while read -r x y w h; do
		mx=$((h / 4 + 4)) my=4
		n=$((n + 1))
		dark=$(convert "$png" -crop "$((w + 2 * mx))x$((h + 2 * my))+$((x - mx))+$((y - my))" \
			+repage -colorspace gray -write "$dir/$n.png" -format '%[fx:mean < 0.5]' info:)
		local args=()
		for scale in 50 90 110; do
			args+=('(' +clone -resize "$((scale * 100 / (h > 0 ? h : 1)))%" -threshold 50%
				-bordercolor white -border 20 -write "$dir/$n-$scale.png" +delete ')')
			echo "$dir/$n-$scale.png" >>"$dir/list"
		done
		convert "$dir/$n.png" $([ "$dark" = 1 ] && echo -negate) "${args[@]}" null:
	done
	if [ "$n" -gt 0 ]; then
		# One page of output per image, ended by a form feed.
		tesseract "$dir/list" stdout --psm 6 -c tessedit_char_whitelist=0123456789 2>/dev/null \
			| tr -d ' \n' | tr '\f' '\n' >"$dir/read"
		for i in $(seq 0 $((n - 1))); do
			sed -n "$((3 * i + 1)),$((3 * i + 3))p" "$dir/read" | sort | uniq -c | sort -rn \
				| awk 'NR == 1 { print ($1 >= 2 ? $2 : "") }'
		done
	fi
	rm -rf "$dir"
}

# ocr_words PNG < LINES: reads one line of Vietnamese text in each rectangle
# "X Y W H" (a text's line, as the draw trace records it) of screenshot PNG.
# Prints one line per input line: the text read there. Each crop is made
# dark on light (inverted when mostly dark), scaled to about 70 px lines and
# read as a single line (tesseract's "vie" data); all crops in one run.
ocr_words() {
	local png=$1 dir x y w h n=0 dark i
	dir=$(mktemp -d)
	while read -r x y w h; do
		n=$((n + 1))
		dark=$(convert "$png" -crop "$((w + 8))x$((h + 4))+$((x - 4))+$((y - 2))" +repage \
			-colorspace gray -write "$dir/$n-raw.png" -format '%[fx:mean < 0.5]' info:)
		convert "$dir/$n-raw.png" $([ "$dark" = 1 ] && echo -negate) \
			-resize "$((7000 / (h > 0 ? h : 1)))%" -bordercolor white -border 20 "$dir/$n.png"
		echo "$dir/$n.png" >>"$dir/list"
	done
	if [ "$n" -gt 0 ]; then
		tesseract "$dir/list" stdout -l vie --psm 7 2>/dev/null | tr -d '\n' | tr '\f' '\n' \
			>"$dir/read"
		for i in $(seq 1 "$n"); do
			sed -n "${i}p" "$dir/read"
		done
	fi
	rm -rf "$dir"
}
