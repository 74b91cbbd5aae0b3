#!/bin/bash
# Crash test: kill -9 a process in the middle of issuing, many times. After
# each kill the database must open, pass `motcua check`, and numbering must
# continue after the last number the killed process saw committed, with no
# duplicate and no gap.
set -eu
motcua=$1 stress=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
db=$dir/q.db
"$motcua" --db "$db" init --demo >/dev/null
# A wide range so that fast issuing never wraps.
"$motcua" --db "$db" service add Z "Thử tải" --prefix Z --range 1-999999 >/dev/null
for round in $(seq 1 15); do
	"$stress" issue-loop "$db" Z >"$dir/out" 2>"$dir/err" &
	pid=$!
	# Let it issue a few, then kill it at an arbitrary moment.
	for _ in $(seq 1 200); do
		[ "$(wc -l <"$dir/out")" -ge $((round % 5 + 1)) ] && break
		sleep 0.01
	done
	sleep "0.0$((RANDOM % 10))"
	kill -9 $pid 2>/dev/null || { echo "round $round: issuer died early: $(cat "$dir/err")"; exit 1; }
	wait $pid 2>/dev/null || true
	# Numbers look like Z000123: compare them as numbers.
	last=$(tail -n 1 "$dir/out" | sed 's/^Z0*//')
	"$motcua" --db "$db" check >/dev/null || { echo "round $round: check failed"; exit 1; }
	next=$("$motcua" --db "$db" --json issue Z | sed -n 's/.*"number":"Z0*\([0-9]*\)".*/\1/p')
	if [ -z "$last" ] || [ "$next" -le "$last" ]; then
		echo "round $round: last committed $last, next issued $next"
		exit 1
	fi
done
count=$(sqlite3 "$db" "SELECT count(*) FROM tickets")
maxseq=$(sqlite3 "$db" "SELECT max(seq) FROM tickets")
dups=$(sqlite3 "$db" "SELECT count(*) FROM (SELECT number FROM tickets GROUP BY number HAVING count(*) > 1)")
echo "15 kill -9 rounds: $count tickets, max seq $maxseq, duplicates $dups"
[ "$count" = "$maxseq" ] && [ "$dups" = 0 ]
