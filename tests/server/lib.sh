# Shared by the server tests: source it after setting $motcua and $motcuad.
# It makes $tmp (removed on exit, after every server it started is
# stopped, even when a test fails) and gives:
#   ok COND WHAT         a TAP line: COND (shell) holds
#   finish               the plan line and the exit code
#   fail MSG             bail out: MSG, the logs, exit 1
#   start_server NAME ARGS...   motcuad on 127.0.0.1, a free port; sets $url
#                        (and $public_url with --public-listen 127.0.0.1:0)
#                        (and ${NAME}_pid), its log in $tmp/NAME.log
#   stop_server NAME     SIGTERM, wait; its exit code in $stopped_rc
#   token NAME ROLE [N]  a device token (motcua token add), printed
#   api METHOD PATH TOKEN [BODY] [CURL ARGS...]
#                        the body in $tmp/body, the status in $status
#   sql QUERY            sqlite3 on $MOTCUA_DB
#   cert NAME            a self-signed certificate and key: $tmp/NAME.pem, $tmp/NAME.key
tmp=$(mktemp -d)
servers=()
n=0 fails=0
cleanup() {
	local p
	for p in "${servers[@]}"; do
		kill -9 "$p" 2>/dev/null
		wait "$p" 2>/dev/null
	done
	rm -rf "$tmp"
}
trap cleanup EXIT
export MOTCUA_DB=$tmp/q.db
ok() {
	n=$((n + 1))
	if eval "$1"; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		fails=$((fails + 1))
		[ -f "$tmp/body" ] && sed 's/^/#   /' "$tmp/body" | head -5
	fi
}
finish() {
	echo "1..$n"
	[ $fails = 0 ]
	exit $?
}
fail() {
	echo "Bail out! $*"
	local f
	for f in "$tmp"/*.log; do
		[ -f "$f" ] && { echo "# --- $(basename "$f"):"; tail -20 "$f" | sed 's/^/# /'; }
	done
	exit 1
}
wait_for() {
	local what=$1 deadline=$((SECONDS + 20))
	until eval "$what"; do
		[ $SECONDS -lt $deadline ] || fail "timed out waiting for: $what"
		sleep 0.05
	done
}
start_server() {
	local name=$1
	shift
	rm -f "$tmp/$name.url"
	"$motcuad" --listen 127.0.0.1:0 --url-file "$tmp/$name.url" "$@" 2>>"$tmp/$name.log" &
	local pid=$!
	servers+=("$pid")
	eval "${name}_pid=$pid"
	wait_for "[ -s '$tmp/$name.url' ] || ! kill -0 $pid 2>/dev/null"
	[ -s "$tmp/$name.url" ] || fail "motcuad $name did not start"
	url=$(sed -n 1p "$tmp/$name.url")
	public_url=$(sed -n 2p "$tmp/$name.url")
}
stop_server() {
	local pid
	eval "pid=\$${1}_pid"
	kill -TERM "$pid" 2>/dev/null
	wait "$pid"
	stopped_rc=$?
}
token() {
	"$motcua" --json token add "$@" | sed -n 's/.*"token":"\([^"]*\)".*/\1/p'
}
api() {
	local method=$1 path=$2 tok=$3
	shift 3
	local args=(-s -o "$tmp/body" -w '%{http_code}' -X "$method")
	[ -n "$tok" ] && args+=(-H "Authorization: Bearer $tok")
	if [ $# -gt 0 ] && [ "${1:0:1}" != "-" ]; then
		args+=(-H 'Content-Type: application/json' --data-binary "$1")
		shift
	fi
	status=$(curl "${args[@]}" "$@" "$url$path")
}
sql() { sqlite3 "$MOTCUA_DB" "$1"; }
cert() {
	openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 30 \
		-subj "/CN=motcua" -keyout "$tmp/$1.key" -out "$tmp/$1.pem" 2>/dev/null
}
