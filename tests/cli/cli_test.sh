#!/bin/bash
# The motcua CLI as a script would use it: JSON output, exit codes, bad input
# refused with a message and nothing written, the business day across
# processes with an injected clock (MOTCUA_FAKE_NOW).
set -u
motcua=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export MOTCUA_DB=$dir/q.db
fails=0 n=0

# expect CODE DESCRIPTION -- COMMAND...: runs it, checks the exit code.
expect() {
	local want=$1 what=$2
	shift 3
	n=$((n + 1))
	"$@" >"$dir/out" 2>"$dir/err"
	local got=$?
	if [ "$got" != "$want" ]; then
		echo "not ok $n - $what: exit $got, wanted $want"
		sed 's/^/#   /' "$dir/out" "$dir/err"
		fails=$((fails + 1))
	else
		echo "ok $n - $what"
	fi
}
# must COND DESCRIPTION: a shell test on the last output.
must() {
	n=$((n + 1))
	if eval "$1"; then echo "ok $n - $2"; else echo "not ok $n - $2"; fails=$((fails + 1)); fi
}
tickets() { sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM tickets"; }
events() { sqlite3 "$MOTCUA_DB" "SELECT count(*) FROM events"; }

expect 2 "no command" -- "$motcua"
expect 0 "--help" -- "$motcua" --help
must "grep -q '^Mã thoát: 0 thành công' $dir/out" "help lists exit codes"
# Every line a person reads is Vietnamese: no English sentence words (the
# syntax lines keep their option names and metavariables, which are typed).
must "! grep -v '^  [a-z]' $dir/out | grep -Eiw 'the|of|to|is|not|and|or|with|only|if|from|for' " "help has no English sentences"
expect 0 "--version" -- "$motcua" --version
expect 4 "missing database is not found" -- "$motcua" status
must "grep -q 'chưa có cơ sở dữ liệu ở .*q.db (tạo mới bằng .motcua --db .*q.db init.)' $dir/err" "message says how to create one"
must "[ ! -e $MOTCUA_DB ]" "nothing created by status"

# 2026-11-26 09:00 in Vietnam.
export MOTCUA_FAKE_NOW=1795658400
expect 0 "init --demo" -- "$motcua" init --demo
expect 5 "init refuses an existing file" -- "$motcua" init
expect 0 "services --json" -- "$motcua" --json services
must "grep -q '\"code\":\"HT\"' $dir/out && grep -q 'Hộ tịch' $dir/out" "services lists codes and Vietnamese names"
expect 0 "counters --json" -- "$motcua" --json counters
must "grep -q '\"number\":4' $dir/out" "counters lists numbers"

before=$(events)
expect 4 "issue unknown service" -- "$motcua" issue NOPE
must "grep -qx 'motcua: không có lĩnh vực mã \"NOPE\" (xem .motcua services.)' $dir/err" "unknown field in Vietnamese"
expect 2 "issue without service" -- "$motcua" issue
expect 2 "issue with two services" -- "$motcua" issue HT CT
expect 2 "issue with bad option" -- "$motcua" issue HT --urgent
must "grep -qx 'motcua: issue: không có tùy chọn --urgent (cách dùng: motcua issue SERVICE .*)' $dir/err" "bad option named in Vietnamese"
expect 2 "issue with an option missing its value" -- "$motcua" issue HT --print
must "grep -q 'motcua: issue: tùy chọn --print cần một giá trị' $dir/err" "missing value named in Vietnamese"
expect 2 "call bad counter" -- "$motcua" call abc
expect 2 "call counter 0" -- "$motcua" call 0
expect 4 "call unknown counter" -- "$motcua" call 42
expect 2 "unknown command" -- "$motcua" frobnicate
must "grep -qx 'motcua: không có lệnh \"frobnicate\" (xem motcua --help)' $dir/err" "unknown command in Vietnamese"
expect 2 "service add bad range" -- "$motcua" service add NEW "Mới" --range 5-1
expect 2 "service add malformed range" -- "$motcua" service add NEW "Mới" --range abc
expect 2 "set unknown key" -- "$motcua" set colour blue
must "grep -qx 'motcua: không có cài đặt \"colour\" (xem .motcua settings.)' $dir/err" "unknown setting in Vietnamese"
expect 2 "set bad value" -- "$motcua" set priority_every many
expect 2 "counter pause without reason" -- "$motcua" counter pause 1
expect 2 "report bad date" -- "$motcua" report --day 31/02/2026
must "[ $(tickets) = 0 ] && [ $(events) = $before ]" "bad input wrote nothing"

# A field's group (the kiosk's first screen): set, shown, cleared; bad ones refused.
expect 0 "service edit --group" -- "$motcua" --json service edit HT --group "Tư pháp – Hộ tịch"
must "grep -q '\"group\":\"Tư pháp – Hộ tịch\"' $dir/out" "edit answers the group"
expect 0 "service add --group" -- "$motcua" service add TP "Tư pháp" --range 7001-7999 --group "Tư pháp – Hộ tịch"
expect 0 "services --json" -- "$motcua" --json services
must "[ \"\$(grep -o '\"group\":\"Tư pháp – Hộ tịch\"' $dir/out | wc -l)\" = 2 ]" "services lists both fields' group"
expect 0 "services" -- "$motcua" services
must "grep -q 'Hộ tịch \\[Tư pháp – Hộ tịch\\]' $dir/out" "services shows the group after the name"
must "[ \"\$(sqlite3 $MOTCUA_DB \"SELECT group_name FROM services WHERE code = 'CT'\")\" = '' ]" "a field without --group has none"
expect 2 "service edit --group only spaces" -- "$motcua" service edit CT --group "   "
must "grep -q 'nhóm' $dir/err" "the message names the group"
expect 2 "service edit --group too long" -- "$motcua" service edit CT --group "$(printf 'x%.0s' $(seq 1 81))"
expect 2 "service edit --group with a control character" -- "$motcua" service edit CT --group "$(printf 'a\033b')"
must "[ \"\$(sqlite3 $MOTCUA_DB \"SELECT group_name FROM services WHERE code = 'CT'\")\" = '' ]" "a refused group writes nothing"
expect 0 "service edit --group \"\" clears it" -- "$motcua" service edit TP --group ""
must "[ \"\$(sqlite3 $MOTCUA_DB \"SELECT group_name FROM services WHERE code = 'TP'\")\" = '' ]" "the group is cleared"
expect 0 "service disable TP" -- "$motcua" service disable TP
expect 2 "set kiosk_groups bad" -- "$motcua" set kiosk_groups sometimes
expect 0 "set kiosk_groups always" -- "$motcua" set kiosk_groups always
expect 0 "set kiosk_groups auto" -- "$motcua" set kiosk_groups auto
expect 2 "set kiosk_idle_s 1" -- "$motcua" set kiosk_idle_s 1

expect 0 "issue --json" -- "$motcua" --json issue HT
must "grep -q '\"number\":\"1001\"' $dir/out && grep -q '\"id\":' $dir/out && grep -q '\"service\":\"HT\"' $dir/out" "issue JSON has id, number, service"
expect 0 "issue priority" -- "$motcua" --json issue CT --priority
must "grep -q '\"priority\":true' $dir/out" "priority flag stored"
expect 0 "call --json" -- "$motcua" --json call 1
must "grep -q '\"counter\":1' $dir/out && grep -q '\"number\":\"1001\"' $dir/out" "call JSON has counter and number"
expect 3 "call on empty queue exits 3" -- "$motcua" call 1
must "[ ! -s $dir/out ]" "empty queue prints nothing on stdout"
must "grep -qx 'motcua: không có ai đang chờ quầy 1' $dir/err" "empty queue said in Vietnamese"
expect 3 "call --json on empty queue" -- "$motcua" --json call 1
must "grep -q '\"error\":\"empty\"' $dir/out && grep -q '\"message\":\"không có ai đang chờ quầy 1\"' $dir/out" "JSON: English code, Vietnamese message"
expect 0 "call counter 2" -- "$motcua" call 2
expect 0 "recall" -- "$motcua" recall 2
expect 0 "skip" -- "$motcua" skip 2
expect 0 "requeue" -- "$motcua" requeue 2001
expect 5 "requeue twice" -- "$motcua" requeue 2001
must "grep -qx 'motcua: không xếp lại được số 2001: số này đang chờ, không phải vắng mặt' $dir/err" "wrong state in Vietnamese words"
expect 0 "call again" -- "$motcua" call 2
expect 0 "transfer to service" -- "$motcua" --json transfer 2 --service DD
must "grep -q '\"service\":\"DD\"' $dir/out && grep -q '\"number\":\"2001\"' $dir/out" "transfer keeps the number"
expect 2 "transfer without target" -- "$motcua" transfer 3
expect 0 "pause with reason" -- "$motcua" counter pause 3 "Nghỉ trưa"
expect 5 "call on paused counter" -- "$motcua" call 3
must "grep -qx 'motcua: quầy 3 đang tạm dừng (Nghỉ trưa): hãy cho quầy làm việc lại trước (.motcua counter resume.)' $dir/err" "paused counter in Vietnamese"
expect 0 "resume" -- "$motcua" counter resume 3
expect 0 "call transferred" -- "$motcua" --json call 3
must "grep -q '\"number\":\"2001\"' $dir/out" "transferred ticket called at the new service"
expect 0 "finish" -- "$motcua" finish 3
expect 5 "finish twice" -- "$motcua" finish 3
expect 0 "status" -- "$motcua" status
must "grep -q 'Hải Hưng' $dir/out" "status names the commune"
must "grep -q '^   2  đang mở .* Chứng thực – Hộ tịch — Trần Văn Nam — CT, HT\$' $dir/out" "status: a counter's state, name, officer and fields"
must "grep -q '^LD .* Lao động – Thương binh và Xã hội\$' $dir/out" "status: a long field name whole"
must "! grep -q 'dịch vụ' $dir/out" "status says lĩnh vực, never dịch vụ"
expect 0 "status --json" -- "$motcua" --json status
expect 0 "report" -- "$motcua" report
must "grep -q 'BÁO CÁO' $dir/out" "report has a Vietnamese title"
must "grep -q '^Tổng cộng ' $dir/out && ! grep -q 'Tổng Tổng' $dir/out" "report: one total row label"
expect 0 "report csv" -- "$motcua" report --by counter --csv "$dir/r.csv"
must "head -c 3 $dir/r.csv | od -An -tx1 | grep -q 'ef bb bf'" "CSV starts with a UTF-8 BOM"
must "grep -q 'Quầy' $dir/r.csv" "CSV keeps Vietnamese"
expect 0 "report month json" -- "$motcua" --json report --month 2026-11
must "grep -q '\"from\":20261101' $dir/out && grep -q '\"to\":20261130' $dir/out" "month range"
expect 0 "backup" -- "$motcua" backup "$dir/b.db"
expect 0 "check" -- "$motcua" check
expect 0 "pin set" -- sh -c "echo 2468 | '$motcua' pin set"
must "sqlite3 $MOTCUA_DB \"SELECT value FROM settings WHERE key='admin_pin_hash'\" | grep -q '^\$argon2id\\$'" "PIN stored as Argon2id hash"
expect 2 "pin too short" -- sh -c "echo 12 | '$motcua' pin set"

expect 2 "json error for a bad global option" -- "$motcua" --json --bogus status
must "grep -q '\"ok\":false' $dir/out" "bad global option still gives one JSON object"
expect 4 "counter add with a bad service code" -- "$motcua" counter add 7 "Quầy 7" HT,XX
must "! sqlite3 $MOTCUA_DB 'SELECT number FROM counters' | grep -qx 7" "no half-made counter"
expect 2 "backup onto the live database" -- "$motcua" backup "$MOTCUA_DB"
expect 1 "report into a missing folder" -- "$motcua" report --csv "$dir/no/such/r.csv"
must "grep -qx 'motcua: không ghi được tệp .*/no/such/r.csv: không có tệp hoặc thư mục này' $dir/err" "a system error in Vietnamese words"
expect 2 "report --csv - with --json" -- "$motcua" --json report --csv -
sqlite3 "$MOTCUA_DB" "INSERT INTO devices VALUES ('serial:/dev/ttyOLD', 'printer', 'no_answer', '', 1)"
expect 0 "device forget" -- "$motcua" device forget serial:/dev/ttyOLD
must "[ \$(sqlite3 $MOTCUA_DB 'SELECT count(*) FROM devices') = 0 ]" "device row removed"
expect 4 "device forget unknown" -- "$motcua" device forget nothing
expect 0 "day" -- "$motcua" --json day
must "grep -q '\"business_day\":20261126' $dir/out" "day shows the business day"

# Next morning in another process: numbers restart; yesterday's waiting expire.
expect 0 "issue for tomorrow's waiting check" -- "$motcua" issue LD
export MOTCUA_FAKE_NOW=$((1795658400 + 86400))
expect 0 "issue next day" -- "$motcua" --json issue HT
must "grep -q '\"number\":\"1001\"' $dir/out && grep -q '\"day\":20261127' $dir/out" "numbering restarted at local midnight"
must "[ \$(sqlite3 $MOTCUA_DB \"SELECT status FROM tickets WHERE number='4001'\") = expired ]" "yesterday's waiting ticket expired"
# The clock jumps back a day: issuing is refused with a reason.
export MOTCUA_FAKE_NOW=1795662000
expect 5 "issue with clock gone back" -- "$motcua" issue HT
must "grep -q 'đồng hồ của máy chỉ ngày 26/11/2026 nhưng đã có số được cấp cho ngày 27/11/2026' $dir/err && grep -q 'motcua day reset' $dir/err" "message explains the clock and the way out"
expect 0 "day reset when the clock is right" -- "$motcua" day reset
expect 0 "issue after the reset" -- "$motcua" --json issue HT
must "grep -q '\"day\":20261126' $dir/out" "back on the clock's day"

echo "1..$n"
[ $fails = 0 ]
