#!/bin/sh
# The command line's own behaviour: usage, unknown commands and options,
# the database path rules, exit statuses.
set -u
Z=${ZHITU:-./zhitu}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass() { echo "ok $1"; }
fail() { echo "FAIL $1: $2"; }

out=$($Z --help 2>&1); rc=$?
if [ $rc -eq 0 ] && echo "$out" | grep -q 'usage: zhitu'; then pass cli_help; else fail cli_help "rc=$rc"; fi

out=$($Z frobnicate 2>&1); rc=$?
if [ $rc -eq 2 ] && echo "$out" | grep -q "unknown command 'frobnicate'"; then pass cli_unknown_command; else fail cli_unknown_command "rc=$rc $out"; fi

out=$($Z --bogus stats 2>&1); rc=$?
if [ $rc -eq 2 ] && echo "$out" | grep -q "unknown option '--bogus'"; then pass cli_unknown_option; else fail cli_unknown_option "rc=$rc $out"; fi

out=$($Z --db "$tmp/none.db" stats 2>&1); rc=$?
if [ $rc -ne 0 ] && echo "$out" | grep -q "no database at '$tmp/none.db'" && [ ! -e "$tmp/none.db" ]; then
	pass cli_missing_db_not_created
else
	fail cli_missing_db_not_created "rc=$rc $out"
fi

printf '<urn:x:a> <urn:zhitu:p:part_of> <urn:x:b> .\n' >"$tmp/one.nt"
ZHITU_DB="$tmp/env.db" $Z load "$tmp/one.nt" >/dev/null 2>&1
if [ -d "$tmp/env.db" ]; then pass cli_env_db; else fail cli_env_db "ZHITU_DB not honoured"; fi
$Z --db="$tmp/eq.db" load "$tmp/one.nt" >/dev/null 2>&1
if [ -d "$tmp/eq.db" ]; then pass cli_db_equals; else fail cli_db_equals "--db=PATH not honoured"; fi

mkdir "$tmp/notdb"; echo hello >"$tmp/notdb/readme.txt"
out=$($Z --db "$tmp/notdb" stats 2>&1); rc=$?
if [ $rc -ne 0 ] && echo "$out" | grep -qi "not a zhitu database"; then pass cli_not_a_db; else fail cli_not_a_db "rc=$rc $out"; fi

# --nowait: while one writer holds the database (a load reading a FIFO that
# stays open for a while), a second writer fails at once with a clear
# message instead of waiting.
if mkfifo "$tmp/slow.nt" 2>/dev/null; then
	$Z --db "$tmp/env.db" load "$tmp/slow.nt" >/dev/null 2>&1 &
	holder=$!
	( printf '<urn:x:c> <urn:zhitu:p:part_of> <urn:x:d> .\n'; sleep 4 ) >"$tmp/slow.nt" &
	feeder=$!
	sleep 1
	start=$(date +%s)
	out=$($Z --db "$tmp/env.db" --nowait forget one 2>&1); rc=$?
	took=$(( $(date +%s) - start ))
	wait $feeder $holder 2>/dev/null
	if [ $rc -ne 0 ] && [ $took -lt 3 ] && echo "$out" | grep -q 'another process is writing'; then
		pass cli_nowait_fails_fast
	else
		fail cli_nowait_fails_fast "rc=$rc took=${took}s $out"
	fi
	out=$($Z --db "$tmp/env.db" --nowait forget one 2>&1); rc=$?
	if [ $rc -eq 0 ]; then pass cli_nowait_when_free; else fail cli_nowait_when_free "rc=$rc $out"; fi
fi
