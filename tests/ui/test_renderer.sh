#!/bin/bash
# The kiosk and the counter window draw with SDL's software renderer on the
# window's framebuffer (src/core/ui/window.c), not OpenGL: under Xvfb (and
# on PCs without a GPU driver) OpenGL is Mesa's llvmpipe, which alone took
# ~95 MB of their 120 MB. Each is started full screen at 1920x1080 without a
# window manager on the demo desk; checked: its first frame is the screen's
# size, no GL driver is mapped into it (/proc/PID/maps), and, outside
# sanitizer builds, its resident memory is under 60 MB.
# Usage: test_renderer.sh SOURCE_ROOT MOTCUA KIOSK COUNTER
set -u
src=$1 motcua=$2 kiosk=$3 counter=$4
. "$src/tests/lib/xvfb.sh"
tmp=$(mktemp -d)
pids=()
cleanup() {
	local p
	for p in "${pids[@]}"; do kill "$p" 2>/dev/null; wait "$p" 2>/dev/null; done
	xvfb_stop
	rm -rf "$tmp"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; tail -20 "$tmp"/*.log >&2; exit 1; }
export MOTCUA_DB=$tmp/m.db MOTCUA_LOG=warn MOTCUA_TRACE=$tmp/trace
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0"
"$motcua" init --demo >/dev/null 2>&1 || fail "init --demo"
xvfb_start 1920x1080 || fail "no Xvfb"

# check NAME PID: the process's first frame, maps and memory.
check() {
	local name=$1 pid=$2 wh rss
	python3 "$src/tests/lib/trace.py" wait "$tmp/trace" --pid "$pid" --timeout 20 t=frame \
		"prog=$name" >/dev/null || fail "$name drew no frame"
	wh=$(python3 "$src/tests/lib/trace.py" field "$tmp/trace" w t=frame "prog=$name")x
	wh+=$(python3 "$src/tests/lib/trace.py" field "$tmp/trace" h t=frame "prog=$name")
	[ "$wh" = 1920x1080 ] || fail "$name full screen draws ${wh}, not the screen's 1920x1080"
	if grep -E 'libLLVM|_dri\.so|libGLX_mesa|libGL\.so|libEGL' "/proc/$pid/maps" >"$tmp/gl"; then
		fail "$name maps a GL driver: $(awk '{ print $6 }' "$tmp/gl" | sort -u | tr '\n' ' ')"
	fi
	rss=$(awk '/^VmRSS/ { print $2 }' "/proc/$pid/status")
	if grep -q 'libasan\|libubsan' "/proc/$pid/maps"; then
		echo "$name: RSS $rss kB (sanitizer build: not checked)"
	elif [ "$rss" -ge $((60 * 1024)) ]; then
		fail "$name uses $rss kB resident, over 60 MB"
	else
		echo "$name: RSS $rss kB"
	fi
}

"$kiosk" >"$tmp/kiosk.log" 2>&1 &
pids+=($!)
check kiosk $!
"$counter" --counter 1 --fullscreen >"$tmp/counter.log" 2>&1 &
pids+=($!)
check counter $!
echo "ok: software renderer, full screen, no GL driver"
