#!/bin/bash
# The README's Vietnamese quick start, run as written. Every ```sh block of
# the "Hướng dẫn nhanh" section marked <!-- quickstart: run ... --> is run
# line by line, in order, in one shell, against a temporary database; each
# line must succeed (exit 0). What differs from a real desk, and only this:
#  - the programs are the build's (PATH), the database is $MOTCUA_DB in a
#    temporary folder (the README relies on the default path);
#  - the line PRINTER=... names the printer simulator instead of a USB port;
#  - standard input carries a PIN (for `motcua pin set`);
#  - the programs started with '&' open their windows on a private Xvfb
#    screen; each must draw (the draw trace, $MOTCUA_TRACE), stay up, show
#    what the README set up, and close cleanly on SIGTERM.
# Then the results: `motcua status` prints the README's sample output (all
# but its first line, which holds the date), the PIN is stored, the
# self-test ticket came out of the printer, the report file exists.
# usage: quickstart.sh README BUILD_SRC_DIR   (BUILD_SRC_DIR: build/src)
set -u
readme=$(realpath "$1")
bin=$(realpath "$2")
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/xvfb.sh"
trace() { python3 "$here/../lib/trace.py" "$@"; }

tmp=$(mktemp -d)
simpid=
pids=() names=() traces=() errs=()
cleanup() {
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
	[ -n "$simpid" ] && kill "$simpid" 2>/dev/null && wait "$simpid" 2>/dev/null
	xvfb_stop
	if [ "${MOTCUA_TEST_KEEP:-0}" = 1 ]; then echo "# kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
n=0 fails=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
bad() { n=$((n + 1)); echo "not ok $n - $1"; fails=$((fails + 1)); }
check() { if eval "$1"; then ok "$2"; else bad "$2"; fi; }

# The section's marked blocks: "run<TAB>line" and "status<TAB>line".
python3 - "$readme" >"$tmp/blocks" <<'EOF'
import re, sys
text = open(sys.argv[1], encoding="utf-8").read()
start = text.index("## Hướng dẫn nhanh")
end = text.index("\n## ", start + 1)
section = text[start:end]
pat = re.compile(r"<!-- quickstart: (run|status)[^>]*-->\n```[a-z]*\n(.*?)```", re.S)
for kind, body in pat.findall(section):
    for line in body.splitlines():
        if kind == "run" and (not line.strip() or line.lstrip().startswith("#")):
            continue
        print(f"{kind}\t{line}")
EOF
runs=$(grep -c '^run' "$tmp/blocks")
check '[ "$runs" -ge 15 ]' "the quick start has its commands ($runs lines)"
check 'grep -q "^run	motcua-kiosk " "$tmp/blocks" && grep -q "^run	motcua-display" "$tmp/blocks" \
	&& grep -q "^run	motcua-counter " "$tmp/blocks"' "it starts the kiosk, the display and a counter"
check 'grep -q "^run	motcua pin set" "$tmp/blocks" && grep -q "^run	PRINTER=" "$tmp/blocks"' \
	"it sets the PIN and names the printer"

export MOTCUA_DB=$tmp/motcua.db
export PATH=$bin/cli:$bin/kiosk:$bin/display:$bin/counter:$PATH
export SDL_AUDIODRIVER=dummy MOTCUA_LOG=warn
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
xvfb_start 1920x1080 || exit 1
"$bin/printer-sim/motcua-printer-sim" --link "$tmp/printer" --out "$tmp/paper" \
	--control "$tmp/ctl" >/dev/null 2>"$tmp/sim.log" &
simpid=$!
for _ in $(seq 100); do [ -e "$tmp/paper/state" ] && [ -L "$tmp/printer" ] && break; sleep 0.05; done
cd "$tmp" || exit 1

i=0 status_out=
while IFS=$'\t' read -r kind line; do
	[ "$kind" = run ] || continue
	i=$((i + 1))
	if [[ $line == PRINTER=* ]]; then
		line="PRINTER='file:$tmp/printer'"
	fi
	export MOTCUA_TRACE=$tmp/trace.$i
	if [[ $line == *'&' ]]; then
		eval "$line" </dev/null >"$tmp/out.$i" 2>"$tmp/err.$i"
		pids+=($!) names+=("${line%% *}") traces+=("$tmp/trace.$i") errs+=("$tmp/err.$i")
		ok "started: $line"
		continue
	fi
	eval "$line" <<<"2468" >"$tmp/out.$i" 2>"$tmp/err.$i"
	rc=$?
	if [ $rc = 0 ]; then
		ok "$line"
	else
		bad "$line: exit $rc"
		sed 's/^/#   /' "$tmp/out.$i" "$tmp/err.$i"
	fi
	[ "$line" = "motcua status" ] && [ -z "$status_out" ] && status_out=$tmp/out.$i
done < <(cat "$tmp/blocks")

# `motcua status` as the README shows it: the names, the counters, the fields.
grep '^status' "$tmp/blocks" | cut -f2- >"$tmp/status.readme"
if [ -n "$status_out" ] && [ "$(tail -n +2 "$tmp/status.readme")" = "$(tail -n +2 "$status_out")" ] \
		&& grep -Eqx 'UBND xã Hải Hưng — Bộ phận Tiếp nhận và Trả kết quả — [0-9]{2}/[0-9]{2}/[0-9]{4} [0-9]{2}:[0-9]{2}' "$status_out"; then
	ok "motcua status prints the README's sample"
else
	bad "motcua status differs from the README's sample"
	diff "$tmp/status.readme" "${status_out:-/dev/null}" | sed 's/^/#   /'
fi
check '[ "$(sqlite3 "$MOTCUA_DB" "SELECT substr(value, 1, 10) FROM settings WHERE key = '\''admin_pin_hash'\''")" = "\$argon2id\$" ]' \
	"the PIN is stored as an Argon2id hash"
check 'ls "$tmp/paper"/ticket-*.png >/dev/null 2>&1' "the self-test ticket came out of the printer"
check 'head -c 3 bao-cao.csv | od -An -tx1 | grep -q "ef bb bf" && grep -q "^\"HT\",\"Hộ tịch\",1,1," bao-cao.csv' \
	"the report file has the test citizen"

# The windows: each draws what the README set up, stays up, and closes cleanly.
for k in "${!pids[@]}"; do
	pid=${pids[$k]} name=${names[$k]} t=${traces[$k]}
	case $name in
	# The README's fields as buttons, and the README's printer working.
	motcua-kiosk) want=("text=Hộ tịch" "text=Chứng thực" "what=printer;state=ok") ;;
	# The commune's name, and the number the README called at counter 1.
	motcua-display) want=("text=UBND xã Hải Hưng" "text=1001" "rect=counter:1;rect=counter:2") ;;
	# Counter 1's window with its buttons.
	*) want=("t=frame;rect=button:next") ;;
	esac
	for w in "${want[@]}"; do
		IFS=';' read -ra filters <<<"$w"  # one or more filters, ';' between them
		if trace wait "$t" --pid "$pid" --timeout 30 "${filters[@]}" >/dev/null; then
			ok "$name drew $w"
		else
			bad "$name drew $w"
			tail -5 "${errs[$k]}" | sed 's/^/#   /'
		fi
	done
	check 'kill -0 "$pid" 2>/dev/null' "$name is still running"
done
for k in "${!pids[@]}"; do
	kill "${pids[$k]}"
	wait "${pids[$k]}"
	rc=$?
	check '[ $rc = 0 ]' "${names[$k]} closes cleanly on SIGTERM (exit $rc)"
done
pids=()

echo "1..$n"
[ $fails = 0 ]
