#!/bin/bash
# The browser pages in a real browser: Debian's chromium, headless, driven
# by puppeteer-core (npm, installed here from package-lock.json when
# node_modules is missing). This script sets a desk up and starts motcuad
# with its public listener; web_test.js does the rest and prints TAP.
# Screenshots go to $2 (meson: the build folder; docs/images holds the
# copies the README shows).
set -u
motcua=$1 motcuad=$2 shots=$3
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../server/lib.sh"
chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ] || ! command -v node >/dev/null || ! command -v npm >/dev/null; then
	echo "1..0 # SKIP chromium, node or npm missing (.ci/install installs them)"
	exit 77
fi
if [ ! -d "$here/node_modules/puppeteer-core" ]; then
	(cd "$here" && npm ci --no-audit --no-fund --loglevel=error >&2) || fail "npm ci failed"
fi
mkdir -p "$shots"
export MOTCUA_FAKE_NOW=1795658400   # 2026-11-26 09:00 in Vietnam
"$motcua" init --demo >/dev/null
echo 1357 | "$motcua" officer add "Nguyễn Thị Hoa" >/dev/null
echo 2468 | "$motcua" officer add "Trần Văn Nam" >/dev/null
"$motcua" service add XS '<img src=x onerror="window.pwned=1">Lĩnh vực <b>thử</b>' \
	--prefix X --range 1-99 >/dev/null
rating=$(token tablet1 --role rating --counter 1)
display=$(token tv1 --role display)
start_server srv --public-listen 127.0.0.1:0 --web "$here/../../assets/web"
"$motcua" set public_url "$public_url" >/dev/null
MOTCUA=$motcua MOTCUAD=$motcuad SERVER_PID=$srv_pid SERVER_LOG=$tmp/srv.log \
	WEB=$here/../../assets/web URL=$url PUBLIC_URL=$public_url RATING_TOKEN=$rating DISPLAY_TOKEN=$display \
	SHOTS=$shots CHROMIUM=$chromium node "$here/web_test.js"
rc=$?
grep -q -e "$rating" -e "$display" -e 1357 -e 2468 "$tmp/srv.log" \
	&& { echo "not ok - a token or a PIN reached the server's log"; rc=1; }
stop_server srv
exit $rc
