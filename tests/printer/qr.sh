#!/bin/sh
# The ticket's QR code (issue 13, paper side) read back from the simulator's
# PNG with zbarimg (Debian: zbar-tools), drawn by the printer (GS ( k, the
# simulator playing a profile with QR codes) and by motcua (a raster, on a
# TM-T88III that has none), first by qr_ticket (the renderer alone), then
# through `motcua issue --print`: the URL is public_url/t/ and the ticket's
# own public token. Run by with-sim.sh:  qr.sh QR_TICKET MOTCUA
set -u
qr_ticket=$1 m=$2
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
state() { sed -n "s/^$1=//p" "$SIM_OUT/state"; }
command -v zbarimg >/dev/null || { echo "zbarimg (zbar-tools) missing: run .ci/install"; exit 1; }
url="http://192.168.1.10:8081/t/Zm9vYmFyYmF6cXV4MTIzNA"
profile=$(state profile)
modes="raster"
[ "$profile" != epson-tm-t88iii ] && modes="native raster"
for mode in $modes; do
	before=$(state tickets)
	out=$("$qr_ticket" "$mode" "$url" "$SIM_SPEC?profile=$profile" 2>&1) || fail "$mode: $out"
	i=0
	while [ "$(state tickets)" = "$before" ] && [ $i -lt 200 ]; do i=$((i + 1)); sleep 0.05; done
	read_back=$(zbarimg --raw -q "$(state last_png)" 2>/dev/null)
	echo "# $profile, $mode: $out; read back: $read_back"
	[ "$read_back" = "$url" ] || fail "$mode on $profile: zbarimg read '$read_back'"
done
[ "$(state ignored)" = 0 ] || fail "$(state ignored) commands the printer does not have"
if [ "$profile" = epson-tm-t88iii ]; then
	# The printer's own QR command on a printer without one: nothing drawn (so auto picks raster).
	before=$(state tickets)
	"$qr_ticket" native "$url" "$SIM_SPEC?profile=$profile" >/dev/null 2>&1
	i=0
	while [ "$(state tickets)" = "$before" ] && [ $i -lt 200 ]; do i=$((i + 1)); sleep 0.05; done
	[ "$(state ignored)" -gt 0 ] || fail "a TM-T88III drew GS ( k"
	zbarimg -q "$(state last_png)" >/dev/null 2>&1 && fail "a QR code on a printer without GS ( k"
fi
# Through the print job: setting public_url, the token from the database.
export MOTCUA_DB="$TEST_TMP/motcua.db"
"$m" init --demo >/dev/null || fail "init"
P="$SIM_SPEC?profile=$profile&nvwrites=1000"
"$m" issue HT --print "$P" >/dev/null || fail "issue without public_url"
zbarimg -q "$(state last_png)" >/dev/null 2>&1 && fail "a QR code without public_url"
"$m" set public_url "http://192.168.1.10:8081/" >/dev/null || fail "set public_url"
before=$(state bytes)
"$m" issue HT --print "$P" >/dev/null || fail "issue with public_url"
token=$(sqlite3 "$MOTCUA_DB" "SELECT public_token FROM tickets ORDER BY id DESC LIMIT 1")
read_back=$(zbarimg --raw -q "$(state last_png)" 2>/dev/null)
echo "# issue --print on $profile: $(($(state bytes) - before)) bytes, QR $read_back"
[ "$read_back" = "http://192.168.1.10:8081/t/$token" ] || fail "the ticket's QR code reads '$read_back'"
"$m" set ticket_qr off >/dev/null || fail "set ticket_qr off"
"$m" issue HT --print "$P" >/dev/null || fail "issue with ticket_qr off"
zbarimg -q "$(state last_png)" >/dev/null 2>&1 && fail "a QR code with ticket_qr off"
[ $fails -eq 0 ] && echo PASS && exit 0
exit 1
