#!/bin/bash
# Storage faults on the real CLI: a file that is not a motcua database
# (0 bytes, text, another SQLite file) is refused by every command but init
# and left untouched; read-only folders and files, -wal/-shm files of
# another user, no read permission, a full disk, a read-only disk and an
# I/O error each give a message naming the file, what went wrong and what
# to do, never SQLite's raw words; nothing is half-written.
# Root runs the permission cases as "nobody" (root ignores file modes) and
# the disk cases on a private tmpfs; without root those are skipped.
set -u
motcua=$1
eio_shim=$(realpath "$2")
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
chmod 755 "$dir"
export MOTCUA_FAKE_NOW=1795658400
fails=0 n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
bad() { n=$((n + 1)); echo "not ok $n - $1"; fails=$((fails + 1)); }
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
root=false
[ "$(id -u)" = 0 ] && root=true
# as_user CMD...: runs CMD as an ordinary user (nobody when we are root).
as_user() {
	if $root; then setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"; else "$@"; fi
}
RAW='readonly database|disk I/O error|unable to open|database or disk is full|file is not a database|SQL logic error'

# refused DESCRIPTION DB WORDS: every command but init exits 1 on DB, names
# it, says WORDS (a grep -E pattern), and leaves the file as it was.
refused() {
	local what=$1 db=$2 words=$3 before after all=true
	before=$(md5sum <"$db")
	for cmd in "status" "issue HT" "call 1" "services" "counters" "settings" \
			"set notice x" "backup $dir/copy.db" "check" "day" "day reset" "report" \
			"counter pause 1 x" "requeue 1001" "cancel 1001" "device forget x"; do
		# shellcheck disable=SC2086
		"$motcua" --db "$db" $cmd >"$dir/out" 2>"$dir/err"
		local got=$?
		if [ $got != 1 ] || ! grep -q "$db" "$dir/err" || ! grep -Eq "$words" "$dir/err" \
				|| grep -Eq "$RAW" "$dir/err"; then
			echo "# $cmd: exit $got: $(cat "$dir/err")"
			all=false
		fi
	done
	echo "pin" | "$motcua" --db "$db" pin set >/dev/null 2>&1 && all=false
	after=$(md5sum <"$db")
	if $all && [ "$before" = "$after" ] && [ ! -e "$db-wal" ] && [ ! -e "$dir/copy.db" ]; then
		ok "$what: refused by every command, file untouched"
	else
		bad "$what: refused by every command, file untouched"
	fi
}

: >"$dir/empty.db"
refused "0-byte file" "$dir/empty.db" "0 byte.*init"
echo "not a database, just some text long enough to fill a header..........." >"$dir/text.db"
refused "text file" "$dir/text.db" "không phải cơ sở dữ liệu motcua.*init"
sqlite3 "$dir/photos.db" "CREATE TABLE photos(a); INSERT INTO photos VALUES (1)"
refused "another program's SQLite file" "$dir/photos.db" "không phải cơ sở dữ liệu motcua.*init"
sqlite3 "$dir/blank.db" "CREATE TABLE t(a); DROP TABLE t"
refused "an empty SQLite file" "$dir/blank.db" "không phải cơ sở dữ liệu motcua.*init"
"$motcua" --db "$dir/empty.db" init >/dev/null 2>&1
[ $? = 5 ] && [ ! -s "$dir/empty.db" ] && ok "init refuses the existing 0-byte file" \
	|| bad "init refuses the existing 0-byte file"

# fault DESCRIPTION DB WORDS CMD...: CMD (as given) exits 1, names DB, says
# WORDS and shows no raw SQLite text. (No sqlite3 look in between: its
# connection would create or delete the -wal/-shm files under test.)
fault() {
	local what=$1 db=$2 words=$3
	shift 3
	"$@" >"$dir/out" 2>"$dir/err"
	local got=$?
	if [ $got = 1 ] && grep -q "$db" "$dir/err" && grep -Eq "$words" "$dir/err" \
			&& ! grep -Eq "$RAW" "$dir/err"; then
		ok "$what"
	else
		bad "$what: exit $got"
		sed 's/^/#   /' "$dir/err" "$dir/out"
	fi
}

if $root || [ "$(id -u)" != 0 ]; then
	u=$dir/u
	mkdir "$u"
	# As deployed (README): a shared folder of the motcua group; sticky, so
	# one user cannot delete another's files.
	$root && chown root:65534 "$u" && chmod 3770 "$u"
	db=$u/q.db
	as_user "$motcua" --db "$db" init --demo >/dev/null || bad "init as an ordinary user"

	chmod 444 "$db"
	fault "read-only database file" "$db" "chỉ cho đọc.*chmod 660" \
		as_user "$motcua" --db "$db" issue HT
	chmod 644 "$db"
	rm -f "$db-wal" "$db-shm"  # left read-only by the read-only file's connection

	mode=$(stat -c %a "$u")
	chmod 555 "$u"
	fault "read-only folder" "$db" "thư mục $u.*chmod 2770" \
		as_user "$motcua" --db "$db" issue HT
	chmod "$mode" "$u"

	if $root; then
		install -m 600 /dev/null "$db-shm"
		install -m 600 /dev/null "$db-wal"
		fault "-wal/-shm files of another user" "$db" "$db-(wal|shm).*chmod 660" \
			as_user "$motcua" --db "$db" issue HT
		rm -f "$db-shm" "$db-wal"
		chown root "$db"
		chmod 600 "$db"
		fault "no permission to read" "$db" "quyền đọc" as_user "$motcua" --db "$db" status
		chown 65534 "$db"
	else
		skip "-wal/-shm files of another user" "needs root"
		skip "no permission to read" "needs root"
	fi

	fault "I/O error" "$db" "I/O error.*motcua check" \
		env LD_PRELOAD="$eio_shim" EIO_SHIM_SUFFIX=-wal "$motcua" --db "$db" issue HT
	[ "$(sqlite3 "$db" 'PRAGMA integrity_check; SELECT count(*) FROM tickets')" = "ok
0" ] && ok "no ticket written by any failed command, file intact" \
		|| bad "no ticket written by any failed command, file intact"
fi

# The disk cases need a filesystem of our own: a tmpfs in a private mount namespace.
if $root && unshare -m true 2>/dev/null; then
	cat >"$dir/disk.sh" <<SH
set -u
mkdir -p "$dir/disk"
mount -t tmpfs -o size=600k tmpfs "$dir/disk" || exit 99
db=$dir/disk/q.db
"$motcua" --db "\$db" init --demo >/dev/null || exit 98
# Fill the disk to the last byte.
dd if=/dev/zero of="$dir/disk/filler" bs=4k 2>/dev/null
"$motcua" --db "\$db" issue HT >"$dir/full.out" 2>"$dir/full.err"; echo \$? >"$dir/full.rc"
rm "$dir/disk/filler"
"$motcua" --db "\$db" --json issue HT >"$dir/after.out" 2>&1; echo \$? >"$dir/after.rc"
mount -o remount,ro "$dir/disk"
"$motcua" --db "\$db" issue HT >"$dir/ro.out" 2>"$dir/ro.err"; echo \$? >"$dir/ro.rc"
cp "\$db" "$dir/disk-copy.db"
umount "$dir/disk"
SH
	unshare -m bash "$dir/disk.sh"
	rc=$?
	if [ $rc = 0 ]; then
		ddb=$dir/disk/q.db
		if [ "$(cat "$dir/full.rc")" = 1 ] && grep -q "$ddb" "$dir/full.err" \
				&& grep -q "đầy" "$dir/full.err" && ! grep -Eq "$RAW" "$dir/full.err"; then
			ok "disk full: plain message naming the file"
		else
			bad "disk full: exit $(cat "$dir/full.rc"): $(cat "$dir/full.err")"
		fi
		if [ "$(cat "$dir/after.rc")" = 0 ] && grep -q '"number":"1001"' "$dir/after.out"; then
			ok "after freeing space the next ticket is 1001 (nothing half-written)"
		else
			bad "after freeing space: $(cat "$dir/after.out")"
		fi
		if [ "$(cat "$dir/ro.rc")" = 1 ] && grep -q "chỉ đọc" "$dir/ro.err" \
				&& grep -q "$ddb" "$dir/ro.err" && ! grep -Eq "$RAW" "$dir/ro.err"; then
			ok "read-only disk: plain message naming the file"
		else
			bad "read-only disk: exit $(cat "$dir/ro.rc"): $(cat "$dir/ro.err")"
		fi
	else
		skip "disk full" "no tmpfs ($rc)"; skip "after freeing space" "no tmpfs"
		skip "read-only disk" "no tmpfs"
	fi
else
	skip "disk full" "needs root and mount namespaces"; skip "after freeing space" "idem"
	skip "read-only disk" "idem"
fi

# Outputs that cannot be written.
export MOTCUA_DB=$dir/out.db
"$motcua" init --demo >/dev/null
"$motcua" issue HT >/dev/null
"$motcua" report --csv /dev/full >"$dir/out" 2>"$dir/err"
[ $? = 1 ] && grep -q /dev/full "$dir/err" && ok "report --csv /dev/full fails, naming the file" \
	|| bad "report --csv /dev/full: $(cat "$dir/err")"
"$motcua" backup /dev/full/x.db >"$dir/out" 2>"$dir/err"
[ $? = 1 ] && grep -q "/dev/full" "$dir/err" && ok "backup into a non-folder fails, naming it" \
	|| bad "backup into a non-folder: $(cat "$dir/err")"

# A change that was saved exits 0 even when its output cannot be written:
# a script retrying on failure must not create a phantom citizen.
count() { sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM tickets"; }
before=$(count)
"$motcua" --json issue HT >/dev/full 2>"$dir/err"
rc=$?
[ $rc = 0 ] && [ "$(count)" = $((before + 1)) ] && grep -q "ĐÃ được lưu" "$dir/err" \
	&& ok "issue --json > /dev/full: saved, exit 0, says so on stderr" \
	|| bad "issue --json > /dev/full: exit $rc, tickets $before -> $(count)"
"$motcua" --json call 1 >&- 2>"$dir/err"
[ $? = 0 ] && ok "call with standard output closed: exit 0" || bad "call with stdout closed"
before=$(count)
{ sleep 0.2; "$motcua" --json issue CT; echo $? >"$dir/pipe.rc"; } | true
[ "$(cat "$dir/pipe.rc")" = 0 ] && [ "$(count)" = $((before + 1)) ] \
	&& ok "issue into a closed pipe: saved, exit 0 (no SIGPIPE death)" \
	|| bad "issue into a closed pipe: exit $(cat "$dir/pipe.rc")"
"$motcua" --json status >/dev/full 2>"$dir/err"
[ $? = 1 ] && ok "status > /dev/full: nothing saved, exit 1" || bad "status > /dev/full"
"$motcua" --json call 9 >/dev/full 2>"$dir/err"
[ $? = 4 ] && ok "a failed command keeps its own exit code (4)" || bad "call 9 > /dev/full"

echo "1..$n"
[ $fails = 0 ]
