# Shared by the printer test scripts run by with-sim.sh: source it after
# setting m (the motcua binary). Gives a fresh demo database, fail/finish,
# the simulator's state and control, and ink measurements of its PNGs
# (ImageMagick).
export MOTCUA_DB="$TEST_TMP/motcua.db"
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
finish() {
	[ $fails -eq 0 ] && echo "PASS" && exit 0
	echo "$fails failure(s)"
	exit 1
}
state() { sed -n "s/^$1=//p" "$SIM_OUT/state"; }
# sim COMMAND KEY VALUE: sends a control command, then waits until state KEY = VALUE.
sim() {
	echo "$1" >"$SIM_CTL"
	i=0
	while [ "$(state "$2")" != "$3" ]; do
		i=$((i + 1)); [ $i -gt 250 ] && { fail "sim never applied '$1'"; return 1; }
		sleep 0.02
	done
}
# wait_state KEY VALUE: waits (up to 60 s) until state KEY reaches at least VALUE.
wait_state() {
	i=0
	while [ "$(state "$1")" -lt "$2" ]; do
		i=$((i + 1)); [ $i -gt 3000 ] && { fail "$1 never reached $2"; return 1; }
		sleep 0.02
	done
}
devstatus() {  # the devices row of printer string $1
	sqlite3 "$MOTCUA_DB" "SELECT status FROM devices WHERE kind = 'printer' AND name = '$1'"
}
live() { sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM tickets WHERE status <> 'void'"; }
# ink PNG: "W H X Y" of the box holding every black dot ("0 0 -1 -1" when none).
ink() { convert "$1" -negate -trim -format '%w %h %X %Y' info: 2>/dev/null | tr -d '+'; }
# paper_width PNG
paper_width() { identify -format '%w' "$1"; }
# dark_column PNG X: 1 when column X has black dots.
dark_column() { convert "$1" -crop "1x+$2+0" +repage -format '%[fx:minima < 0.5 ? 1 : 0]' info:; }

"$m" init --demo >/dev/null || { echo "init failed"; exit 1; }
