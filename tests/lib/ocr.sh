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

# ocr_stack PNG LANG [CHARS] < LINES: reads one line of text in each
# rectangle "X Y W H" (a text's line, as the draw trace records it) of
# screenshot PNG, in language LANG (eng, vie), only characters CHARS when
# given. Prints one line per input line: the text read there. The crops are
# made dark on light (inverted when mostly dark, contrast stretched), scaled
# to 60 px lines and stacked with white space between into one image read
# by one tesseract run as a block of lines: dozens of numbers in about a
# second, where a run per crop (ocr_digits) takes ten.
ocr_stack() {
	local png=$1 lang=$2 chars=${3:-} dir x y w h mx i crops=() darks
	dir=$(mktemp -d)
	while read -r x y w h; do
		mx=$((h / 4 + 4))
		crops+=("$((w + 2 * mx))x$((h + 8))+$((x - mx))+$((y - 4))")
	done
	if [ ${#crops[@]} -gt 0 ]; then
		# Two passes over the screenshot: which crops are mostly dark, then the stack.
		local pick=() stack=()
		for i in "${!crops[@]}"; do
			pick+=('(' -clone 0 -crop "${crops[i]}" +repage ')')
		done
		darks=($(convert "$png" -colorspace gray "${pick[@]}" -delete 0 \
			-format '%[fx:mean < 0.5]\n' info:))
		for i in "${!crops[@]}"; do
			stack+=('(' -clone 0 -crop "${crops[i]}" +repage
				$([ "${darks[i]}" = 1 ] && echo -negate) -auto-level -resize x60
				-background white -gravity west -extent 1600x100 +gravity ')')
		done
		convert "$png" -colorspace gray "${stack[@]}" -delete 0 -append "$dir/all.png"
		tesseract "$dir/all.png" stdout -l "$lang" --psm 6 \
			${chars:+-c tessedit_char_whitelist="$chars"} 2>/dev/null | sed '/^[[:space:]]*$/d'
	fi
	rm -rf "$dir"
}
