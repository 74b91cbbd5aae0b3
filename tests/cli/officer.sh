#!/bin/bash
# motcua officer: add (PIN from standard input, stored as Argon2id, never
# in the clear), list, disable; bad input refused with exit 2 or 5 and
# nothing written; calls record the account.
set -u
motcua=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export MOTCUA_DB=$dir/q.db MOTCUA_FAKE_NOW=1795658400
fails=0 n=0
check() {
	n=$((n + 1))
	if eval "$1"; then echo "ok $n - $2"; else echo "not ok $n - $2"; fails=$((fails + 1)); fi
}
q() { sqlite3 "$MOTCUA_DB" "$1"; }
"$motcua" init --demo >/dev/null
echo 1357 | "$motcua" officer add "Nguyễn Thị Hoa" >"$dir/out" 2>&1
check "[ $? = 0 ] && grep -q 'Đã thêm cán bộ Nguyễn Thị Hoa' '$dir/out'" "add"
hashed=$(q "SELECT substr(pin_hash, 1, 10) = '\$argon2id\$' AND instr(pin_hash, '1357') = 0 FROM officers")
check "[ '$hashed' = 1 ]" "the PIN is stored as Argon2id only"
echo 1357 | "$motcua" officer add "Nguyễn Thị Hoa" >/dev/null 2>"$dir/err"
check "[ $? = 5 ] && grep -q 'đã có cán bộ' '$dir/err'" "a taken name is refused"
echo 12 | "$motcua" officer add "Lê B" >/dev/null 2>"$dir/err"
check "[ $? = 2 ] && grep -q 'mã PIN phải gồm' '$dir/err'" "a short PIN is refused"
"$motcua" officer add "Lê B" </dev/null >/dev/null 2>&1
check "[ $? = 2 ]" "no PIN on stdin is a usage error"
check "[ \"\$(q 'SELECT count(*) FROM officers')\" = 1 ]" "nothing written by the refusals"
"$motcua" --json officer list >"$dir/out"
check "grep -q '\"name\":\"Nguyễn Thị Hoa\",\"active\":true' '$dir/out'" "list --json"
"$motcua" issue HT >/dev/null
"$motcua" call 1 --officer "Nguyễn Thị Hoa" >/dev/null
check "[ \"\$(q 'SELECT count(*) FROM tickets t JOIN officers o ON o.id = t.officer_id')\" = 1 ]" \
	"a call records the account"
"$motcua" officer disable "Nguyễn Thị Hoa" >"$dir/out"
check "[ $? = 0 ] && [ \"\$(q 'SELECT active FROM officers')\" = 0 ]" "disable"
"$motcua" officer disable "Không Có" >/dev/null 2>&1
check "[ $? = 4 ]" "disable an unknown name: exit 4"
"$motcua" officer list >"$dir/out"
check "grep -q 'đã khóa' '$dir/out'" "list shows the disabled account"
"$motcua" officer frobnicate >/dev/null 2>&1
check "[ $? = 2 ]" "unknown action: exit 2"
echo "1..$n"
[ "$fails" = 0 ]
