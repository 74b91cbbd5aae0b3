#!/bin/sh
# pty-as-uart.sh: run a command that talks to a pseudo-terminal through the
# real libserialport path, as if the pty were the UART /dev/ttyS0.
#
# Usage:  pty-as-uart.sh SHIM PTY -- COMMAND [ARGS...]
#   SHIM  the built LD_PRELOAD shim (tests/serial/tiocm_shim.c; meson target
#         'tiocm-shim', e.g. build/tests/serial/libtiocm-shim.so)
#   PTY   the pty slave, or a symlink to it (e.g. the --link of
#         motcua-printer-sim, or the pty your own simulator opened)
# The command runs in a private mount namespace (unshare -m) in which PTY is
# bind-mounted over $UART_NODE (default /dev/ttyS0), with LD_PRELOAD=SHIM so
# the TIOCM*/TIOCGSERIAL ioctls libserialport 0.1.1 needs succeed on it.
# Inside, $MOTCUA_TEST_UART names the node to open, e.g.
#   serial:$MOTCUA_TEST_UART?baud=115200   (write it with '$' escaped, or use sh -c)
# Nothing outside the namespace changes.
#
# Safety: /dev/ttyS0 is a real UART. The command runs only when the bind
# really took (the node's device numbers equal the pty's); otherwise, or
# when not root or without unshare, the script exits 77 (meson: skipped)
# and the UART is never opened.
# Exit status: the command's, or 77 (skip), or 2 (usage).
set -u
if [ $# -lt 4 ] || [ "$3" != "--" ]; then
	echo "usage: $0 SHIM PTY -- COMMAND [ARGS...]" >&2
	exit 2
fi
shim=$1
pty=$2
shift 3
node=${UART_NODE:-/dev/ttyS0}

if [ "$(id -u)" != 0 ] || ! command -v unshare >/dev/null 2>&1; then
	echo "pty-as-uart: needs root and unshare; skipping" >&2
	exit 77
fi
real=$(readlink -f "$pty") || { echo "pty-as-uart: $pty not found" >&2; exit 77; }
case "$real" in
/dev/pts/*) ;;
*) echo "pty-as-uart: $pty is not a pty ($real); refusing" >&2; exit 77 ;;
esac
if [ ! -c "$node" ] || [ ! -r "$shim" ]; then
	echo "pty-as-uart: $node or $shim missing; skipping" >&2
	exit 77
fi

# The inner script: bind, verify, then run. Any failure before exec -> 77.
exec unshare -m --propagation private sh -c '
	real=$1 node=$2 shim=$3
	shift 3
	mount --bind "$real" "$node" 2>/dev/null || { echo "pty-as-uart: bind failed; skipping" >&2; exit 77; }
	want=$(stat -L -c %t:%T "$real") have=$(stat -c %t:%T "$node")
	if [ "$want" != "$have" ]; then
		echo "pty-as-uart: $node is not the pty after bind; refusing to run" >&2
		exit 77
	fi
	export MOTCUA_TEST_UART="$node"
	# Sanitizer builds: the shim comes before the ASan runtime; that is fine here.
	export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}verify_asan_link_order=0"
	LD_PRELOAD="$shim${LD_PRELOAD:+:$LD_PRELOAD}" exec "$@"
' pty-as-uart "$real" "$node" "$shim" "$@"
