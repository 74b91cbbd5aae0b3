#!/bin/bash
# motcua-counter's officer login under Xvfb (issue 13): with officer
# accounts the window opens on "Đăng nhập cán bộ" and does nothing else;
# a wrong PIN says so and signs nobody in; three wrong PINs lock the
# account; the right PIN opens the counter under the officer's name (window
# title and header) and the call that follows records the account
# (officer_id); F10 logs out back to the login screen.
# Usage: test_counter_login.sh SOURCE_ROOT BUILD_ROOT
set -eu
src=$1
build=$2
. "$src/tests/counter/ui_lib.sh"
sql() { sqlite3 "$db" "$1"; }
type_text() { xdotool type --clearmodifiers --delay 30 "$1"; }

"$fix" "$db" setup
for s in HT HT CT; do "$fix" "$db" issue $s >/dev/null; done
echo 1357 | "$cli" officer add "Nguyễn Thị Hoa" >/dev/null
echo 2468 | "$cli" officer add "Trần Văn Nam" >/dev/null
nam=$(sql "SELECT id FROM officers WHERE name = 'Trần Văn Nam'")
"$prog" --help | grep -q "F10 đăng xuất" || fail "--help does not list F10"

export MOTCUA_TRACE=$tmp/trace
"$prog" --counter 1 --window 1280x800 >"$tmp/log" 2>&1 &
pids+=($!)
wid=$(xdotool search --sync --name "motcua" | head -1)
wait_trace 0 t=frame mode=login rect=officer:1 rect=officer:2 "text=Đăng nhập cán bộ"
eval "$(xdotool getwindowgeometry --shell "$wid" | grep -E '^(X|Y)=')"
wx=$X wy=$Y
xdotool windowfocus --sync "$wid" 2>/dev/null || true
trace texts | grep -qx "Nguyễn Thị Hoa" || fail "the login screen does not list the accounts"

# The login screen does nothing else: F1 calls nobody.
key F1
sleep 0.5
[ "$(counter 1 | cut -d' ' -f2)" = - ] || fail "F1 called someone before a login"

# Pick Trần Văn Nam with a click, then a wrong PIN.
click officer 2
wait_trace 0 t=frame mode=login rect=login:pin "text=Trần Văn Nam"
n=$(lines)
type_text 0000
wait_trace "$n" t=frame mode=login "text=••••"
key Return
wait_trace "$n" t=frame mode=login "text=Mã PIN không đúng"
[ "$(sql 'SELECT officer FROM counters WHERE number = 1')" = "" ] \
	|| fail "a wrong PIN signed someone in"

# The right PIN: the counter is the officer's.
n=$(lines)
type_text 2468
key Return
wait_trace "$n" t=frame mode=main "text=Quầy 1 · Trần Văn Nam"
wait_for '[ "$(xdotool getwindowname "$wid")" = "Quầy 1 · Trần Văn Nam – motcua" ]'
[ "$(sql 'SELECT officer FROM counters WHERE number = 1')" = "Trần Văn Nam" ] \
	|| fail "the counter does not name the officer"
key F1
wait_for '[ "$(counter 1 | cut -d" " -f2)" != - ]'
called=$(counter 1 | cut -d' ' -f2)
[ "$(sql "SELECT officer_id FROM tickets WHERE number = '$called'")" = "$nam" ] \
	|| fail "the call did not record the account: $(sql "SELECT officer, officer_id FROM tickets WHERE number = '$called'")"

# F10: back to the login screen, nobody at the counter.
n=$(lines)
key F10
wait_trace "$n" t=frame mode=login "text=Đăng nhập cán bộ"
wait_for '[ "$(xdotool getwindowname "$wid")" = "Quầy 1 – motcua" ]'
[ "$(sql 'SELECT officer FROM counters WHERE number = 1')" = "" ] || fail "logout kept the officer"

# Nguyễn Thị Hoa by typing the start of her name; three wrong PINs lock her account.
n=$(lines)
type_text Ng
key Return
wait_trace "$n" t=frame mode=login rect=login:pin "text=Nguyễn Thị Hoa"
for pin in 1111 2222; do
	n=$(lines)
	type_text $pin
	key Return
	wait_trace "$n" t=frame mode=login "text=Mã PIN không đúng"
done
n=$(lines)
type_text 3333
key Return
wait_trace "$n" t=frame mode=login "text=Tạm khóa 5 phút do nhập sai nhiều lần"
n=$(lines)
type_text 1357
key Return
wait_trace "$n" t=frame mode=login "text=Tạm khóa 5 phút do nhập sai nhiều lần"
[ "$(sql 'SELECT officer FROM counters WHERE number = 1')" = "" ] || fail "a locked account logged in"
grep -q '1357\|2468' "$tmp/log" && fail "a PIN in the program's log"
echo "counter login: ok"
