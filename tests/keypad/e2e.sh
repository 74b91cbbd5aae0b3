#!/bin/bash
# motcua-keypad end to end: a simulated bus of two keypads (keypad_sim) on a
# pseudo-terminal that the bridge opens as /dev/ttyS0 through the shared pty
# harness (tests/serial/pty-as-uart.sh), named by a chain of symlinks as
# udev makes them (/dev/motcua-keypads -> ttyUSB0). Keypad 1 speaks
# protocol version 2, keypad 2 version 1. Key presses, lost and corrupted
# frames, line noise, a lost acknowledgement, a keypad that restarts
# between two polls; every outcome is checked in the database and in what
# the LED displays were sent.
# Usage: e2e.sh KEYPAD SIM FIXTURE CLI PTY_AS_UART SHIM
set -u
keypad=$1 sim=$2 fix=$3 cli=$4 harness=$5 shim=$6
. "$(dirname "$0")/bus_lib.sh"
db=$tmp/q.db
ticket() { "$fix" "$db" ticket "$1"; }
ticket_is() { ticket "$1" | grep -Eq "$2"; }
counter() { "$fix" "$db" counter "$1"; }

"$fix" "$db" setup 2>/dev/null || fail "setup"
# The printer's serial: syntax, as strict: a bad port string is a usage error.
for bad in "serial:/dev/ttyS0?baud=+9600" "serial:/dev/ttyS0?baud=12345" "ttyS0" \
	"/dev/ttyS0?flow=dtrdsr"; do
	"$keypad" --db "$db" --port "$bad" >/dev/null 2>&1; rc=$?
	[ $rc = 2 ] || fail "--port $bad: exit $rc, expected 2"
done
for bad in "+80" " 80" "80ms" "9"; do
	"$keypad" --db "$db" --port /dev/ttyS0 --timeout-ms "$bad" >/dev/null 2>&1; rc=$?
	[ $rc = 2 ] || fail "--timeout-ms '$bad': exit $rc, expected 2"
done
for s in HT HT CT; do "$fix" "$db" issue $s >/dev/null 2>&1; done   # A1001 A1002 B2001

start_sim --addr 1 --addr 2 --v1 2

# libserialport 0.1.1 opens only names it finds in /sys/class/tty: the
# serial module resolves links first. (Inside the harness /dev/ttyS0 is the pty.)
mkdir "$tmp/by-path"
ln -s /dev/ttyS0 "$tmp/motcua-keypads"
ln -s ../motcua-keypads "$tmp/by-path/pci-0000:00:14.0-usb-0:2:1.0-port0"
"$harness" "$shim" "$pty" -- "$keypad" --db "$db" \
	--port "serial:$tmp/by-path/pci-0000:00:14.0-usb-0:2:1.0-port0?baud=9600" \
	--keypad 1=1 --keypad 2=2 --stats-s 1 >"$tmp/bridge.log" 2>&1 &
bridge=$!
pids+=($bridge)
# The harness exits 77 when it cannot fake a UART here (not root, no unshare).
sleep 0.3
if ! kill -0 $bridge 2>/dev/null; then
	wait $bridge
	rc=$?
	[ $rc = 77 ] && { echo "skipped: no pty harness"; exit 77; }
	fail "bridge exited with $rc"
fi

wait_for 'seen "HELLO 1" && seen "HELLO 2"'
grep -q "ttyS0 open at 9600 baud" "$tmp/bridge.log" || fail "the link was not resolved to ttyS0"
wait_for 'grep -q "keypad 1: protocol 2, firmware 1.0, 12 keys" "$tmp/bridge.log"'
wait_for 'seen "DISPLAY 1 0 " && seen "DISPLAY 2 0 "'

# Next: A1001 called to counter 1, OK beep, number blinking on the LED.
ctl key 1 1
wait_for 'ticket_is A1001 "^called 1 "'
wait_for 'seen "BEEP 1 1" && seen "DISPLAY 1 1 A1001"'

# Recall.
ctl key 1 2
wait_for 'ticket_is A1001 "^called 1 0 1 "'
# The acknowledgement rides on the next poll: wait for it, or the lost-ack
# switch below would catch this event instead of the next one.
wait_for 'seen "ACKED 1 2"'

# A lost acknowledgement: the keypad sends event 3 again; executed once.
ctl ignore-ack 1
ctl key 1 2
wait_for 'seen "ACKED 1 3"'
[ "$(count "SENT-KEY 1 3 2")" -ge 2 ] || fail "the event was not repeated"
ticket_is A1001 '^called 1 0 2 ' || fail "repeated key event executed twice: $(ticket A1001)"

# A corrupted reply (bad CRC): the master retries, the skip happens once,
# and the bad frame shows in the periodic bus summary.
ctl corrupt 1
ctl key 1 3
wait_for 'ticket_is A1001 "^noshow "'
wait_for 'seen "DISPLAY 1 0 "'
wait_for 'grep -q "bus: 1 bad CRC, 0 malformed frames in the last 1 s (1 and 0 since start)" "$tmp/bridge.log"'

# Lost requests (two in a row): the third attempt gets through. Put back.
ctl mute 1 2
ctl key 1 4
wait_for 'ticket_is A1001 "^waiting "'

# Noise and a bad frame on the line, then Next: A1001 is first again.
ctl raw 00 FF 55 02 01 81 13 37 03 10 02 41 42 03 AA
ctl key 1 1
wait_for 'ticket_is A1001 "^called 1 "'

# Finish, the rating light comes on, key "2" (Hài lòng) rates it.
ctl key 1 7
wait_for 'ticket_is A1001 "^done 1 0 "'
wait_for 'seen "DISPLAY 1 2 "'
ctl key 1 18
wait_for 'ticket_is A1001 "^done 1 2 "'
# A second rating key is refused (error beep), the rating stays.
n_err=$(count "BEEP 1 2")
ctl key 1 17
wait_for '[ "$(count "BEEP 1 2")" -gt $n_err ]'
ticket_is A1001 '^done 1 2 ' || fail "rating changed"

# Transfer to counter 2 (digits 2 then CHUYỂN); keypad 2 calls it.
ctl key 1 1
wait_for 'ticket_is A1002 "^called 1 "'
ctl key 1 5 2
wait_for 'ticket_is A1002 "^waiting 0 0 [0-9]+ 2 "'
ctl key 2 1
wait_for 'ticket_is A1002 "^called 2 "'
wait_for 'seen "DISPLAY 2 1 A1002"'
# Keypad 2 (version 1) got polls it understands: its event was acknowledged.
wait_for 'seen "ACKED 2 1"'

# Pause and resume from the keypad; the LED shows ---- dimmed.
ctl key 1 6
wait_for 'counter 1 | grep -q "^paused - Chưa ghi lý do$"'
wait_for 'seen "DISPLAY 1 4 ----"'
ctl key 1 1    # refused while paused
wait_for '[ "$(count "BEEP 1 2")" -gt $((n_err + 1)) ]'
ctl key 1 6
wait_for '[ "$(counter 1 | cut -d" " -f1)" = open ]'

# Call a chosen number: digits 2001 then GỌI SỐ -> B2001.
ctl key 1 8 2001
wait_for 'ticket_is B2001 "^called 1 "'
wait_for 'seen "DISPLAY 1 1 B2001"'

# A call made elsewhere (the CLI) reaches the LED too.
"$fix" "$db" issue HT >/dev/null 2>&1     # A1003
"$cli" --db "$db" call 1 >/dev/null 2>&1 || fail "motcua call 1"
# (flags 3: blinking, and the rating light for B2001 that this call finished)
wait_for 'seen "DISPLAY 1 3 A1003"'
ticket_is B2001 '^done ' || fail "B2001 not finished by the CLI call"

# Keypad 1 restarts between two polls (a power glitch, its watchdog) and the
# officer presses GỌI LẠI at once: it is numbered event 1 again, in a new
# session. The bridge must not take it for an event it already did, nor
# acknowledge it with the old session's number before seeing it.
printf 'reset 1\nkey 1 2\n' >"$tmp/ctl"
wait_for 'ticket_is A1003 "^called 1 0 1 "'
wait_for 'grep -q "keypad 1 (counter 1) restarted" "$tmp/bridge.log"'
wait_for 'seen "HELLO-KEEP 1"'
# Its blank display gets the number again (steady: not a new call).
wait_for '[ "$(count "DISPLAY 1 [02] A1003")" -ge 1 ]'
# Several restarts in a row, each with a key press: none is lost.
for i in 1 2 3; do
	printf 'reset 1\nkey 1 2\n' >"$tmp/ctl"
	wait_for 'ticket_is A1003 "^called 1 0 $((1 + i)) "'
done

# A keypad that stops answering is marked offline (keypad 1 goes on working),
# then it is greeted again and its display is sent again.
n_hello=$(count "HELLO 2")
ctl mute 2 3
wait_for 'grep -q "keypad 2 (counter 2) does not answer" "$tmp/bridge.log"'
ctl key 1 2
wait_for 'ticket_is A1003 "^called 1 0 5 "'
wait_for '[ "$(count "HELLO 2")" -gt $n_hello ]'
wait_for 'grep -q "keypad 2 (counter 2) online" "$tmp/bridge.log"'
wait_for '[ "$(count "DISPLAY 2 0 A1002")" -ge 1 ]'

# Stop: displays blanked by broadcast, statistics show the bad frames.
kill -TERM $bridge
wait $bridge
rc=$?
[ $rc = 0 ] || fail "bridge exited with status $rc after SIGTERM"
grep -q "stopped: .* [1-9][0-9]* bad CRC" "$tmp/bridge.log" || fail "bad CRC not counted"
[ "$(count "DISPLAY 2 0 ")" -ge 2 ] || fail "displays not blanked on exit"
# Nobody talked over a keypad: every request came >= 4 ms after a reply.
! grep "^EARLY" "$tmp/sim.log" | head -3 | grep . >&2 || fail "requests sooner than 4 ms after a reply"
echo "ok: keypad bridge end to end"
