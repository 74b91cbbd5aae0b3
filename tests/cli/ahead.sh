#!/bin/bash
# `motcua issue` says who is ahead in the kiosk's and the paper's words, with
# the same figures as `issue --json` (both come from the call-order planner).
set -u
motcua=$1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
export MOTCUA_DB=$dir/q.db MOTCUA_FAKE_NOW=1795658400
fails=0 n=0
ok() { n=$((n + 1)); if eval "$1"; then echo "ok $n - $2"; else echo "not ok $n - $2"; fails=$((fails + 1)); fi; }
"$motcua" init --demo >/dev/null
"$motcua" issue HT >"$dir/1"
ok "grep -qx 'Không có ai chờ trước' $dir/1 && ! grep -q ' 0 ' $dir/1" "nobody ahead, in words"
"$motcua" counter pause 2 "Họp" >/dev/null
"$motcua" --json issue HT >"$dir/2"
ok "grep -q '\"ahead\":1' $dir/2 && grep -q '\"est_wait_s\":420' $dir/2" "JSON: 1 ahead, 7 minutes (counter 1 alone on HT)"
"$motcua" issue HT >"$dir/3"
ok "grep -qx 'Có 2 người đang chờ trước — dự kiến chờ khoảng 14 phút' $dir/3" "text: 2 ahead, 14 minutes"
echo "1..$n"
[ $fails = 0 ]
