# Shared by the UI test scripts: source it, then call xvfb_start WxH.
# Starts a private Xvfb on a free display and exports DISPLAY. It sets no
# trap: call xvfb_stop from your own EXIT trap (it is safe to call twice).
xvfb_start() {
	local size=${1:-1920x1080}
	local n
	for n in $(seq 90 140); do
		if [ ! -e /tmp/.X$n-lock ] && [ ! -e /tmp/.X11-unix/X$n ]; then
			Xvfb :$n -screen 0 ${size}x24 -nolisten tcp >/dev/null 2>&1 &
			XVFB_PID=$!
			local i
			for i in $(seq 1 50); do
				[ -e /tmp/.X11-unix/X$n ] && break
				sleep 0.1
			done
			if kill -0 $XVFB_PID 2>/dev/null && [ -e /tmp/.X11-unix/X$n ]; then
				export DISPLAY=:$n
				return 0
			fi
		fi
	done
	echo "xvfb_start: no free display" >&2
	return 1
}

xvfb_stop() {
	[ -n "${XVFB_PID:-}" ] && kill $XVFB_PID 2>/dev/null && wait $XVFB_PID 2>/dev/null
	XVFB_PID=
}

# Saves a screenshot of the whole screen to $1 (PNG).
xvfb_screenshot() {
	import -window root "$1"
}
