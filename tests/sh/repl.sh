#!/bin/sh
# The REPL: statements piped in (no prompts, errors name the line, no
# history written), .read, a missing database, valgrind, and the terminal
# driven through a pseudo-terminal (tests/sh/repl_pty.py).
# Prints "ok NAME" / "FAIL NAME" lines; run from the repository root.
set -u
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT INT TERM
# A private copy: other work may rebuild ./zhitu while the tests run.
zhitu=$dir/zhitu
if ! cp ./zhitu "$zhitu"; then
	echo "FAIL repl: no ./zhitu to test (run make)"
	exit 0
fi
db=$dir/db
export LC_ALL=C.UTF-8 TZ=UTC HOME="$dir/home" XDG_STATE_HOME="$dir/state"
unset ZHITU_DB ZHITU_DATA
mkdir -p "$HOME"

ok() { echo "ok repl-$1"; }
fail() { echo "FAIL repl-$1: $2"; }
# same NAME EXPECTED ACTUAL: the files are equal
same() {
	if cmp -s "$2" "$3"; then
		ok "$1"
	else
		fail "$1" "output differs (- expected, + actual)"
		diff -u "$2" "$3" | head -40
	fi
}

if ! "$zhitu" --db "$db" load tests/sh/repl-fixture.nt >"$dir/load.out" 2>&1; then
	fail load "zhitu load failed: $(cat "$dir/load.out")"
	exit 0
fi

# Statements from a pipe: a comment and a blank line start nothing, a
# statement spans lines until complete, dot-commands switch the format,
# an error is reported with its line and the rest still runs.
cat >"$dir/script.zq" <<'EOF'
-- the regulators, over two lines

FIND ?who WHERE
  ?who a Regulator
.format csv
FIND ?who WHERE ?who a Regulator
FIND ?x WHERE ?x nosuchpredicate ?y
.nosuch
.format json
FIND ?who WHERE ?who a Regulator
.format
EOF
"$zhitu" --db "$db" repl <"$dir/script.zq" >"$dir/out" 2>"$dir/err"
rc=$?
printf '%s\n' 'who' '欧盟委员会' >"$dir/expected"
printf '%s\r\n' 'who' '欧盟委员会' >>"$dir/expected"
printf '%s\n' '[' '  {"who": "欧盟委员会"}' ']' 'json' >>"$dir/expected"
same piped-output "$dir/expected" "$dir/out"
if [ "$rc" -eq 1 ]; then ok piped-exit-status; else fail piped-exit-status "exit $rc, expected 1 after errors"; fi
if grep -q '^error: line 8: unknown command '"'"'.nosuch'"'"'; .help lists the commands$' "$dir/err"; then
	ok piped-dot-error-names-line
else
	fail piped-dot-error-names-line "stderr: $(cat "$dir/err")"
fi
if grep -q '^error: line 7, column 18: unknown predicate .nosuchpredicate.' "$dir/err"; then
	ok piped-query-error-names-line
else
	fail piped-query-error-names-line "stderr: $(cat "$dir/err")"
fi
if [ -e "$XDG_STATE_HOME/zhitu/history" ] || [ -e "$HOME/.local/state/zhitu/history" ]; then
	fail piped-no-history "a history file was written for piped input"
else
	ok piped-no-history
fi

# The settings dot-commands reach the session: .cite adds the citation
# column, .timer the elapsed time, .timeout stops a long statement, .sources
# lists the sources, .format dot draws a DESCRIBE; without an argument
# they show the setting.
cat >"$dir/settings.zq" <<'EOF'
.cite on
.cite
FIND ?who WHERE ?who a Regulator
.cite off
.timer on
.timer
FIND ?who WHERE ?who a Regulator
.timer off
.timeout 0.2
.timeout
FIND COUNT(?a) AS ?n WHERE ?a ?p ?b AND ?c ?q ?d AND ?e ?r ?f AND ?g ?s ?h
.timeout 0
.sources
.format dot
DESCRIBE 欧盟委员会
.cite maybe
EOF
"$zhitu" --db "$db" repl <"$dir/settings.zq" >"$dir/out" 2>"$dir/err"
rc=$?
# check NAME REGEX FILE: a line of FILE matches the extended regex
check() {
	if grep -Eq "$2" "$3"; then ok "$1"; else fail "$1" "no line matching '$2' in: $(cat "$3")"; fi
}
check dot-cite '^who	[^	]+$' "$dir/out"
check dot-cite-shows '^on$' "$dir/out"
check dot-timer '^time: [0-9.]+ ms$' "$dir/out"
check dot-timeout-shows '^0\.2$' "$dir/out"
check dot-timeout 'time limit' "$dir/err"
check dot-sources '^repl-fixture	' "$dir/out"
check dot-format-dot '^digraph ' "$dir/out"
check dot-bad-switch "^error: line 16: .cite wants on or off, not 'maybe'$" "$dir/err"
if [ "$rc" -eq 1 ]; then ok settings-exit-status; else fail settings-exit-status "exit $rc"; fi

# An incomplete statement at the end of the input is reported, not dropped.
printf 'FIND ?who WHERE\n' | "$zhitu" --db "$db" repl >"$dir/out" 2>"$dir/err"
rc=$?
if [ "$rc" -ne 0 ] && grep -q '^error: line 1, column 16: unexpected end of input' "$dir/err"; then
	ok piped-incomplete-at-end
else
	fail piped-incomplete-at-end "exit $rc, stderr: $(cat "$dir/err")"
fi

# A script may lay a query out over lines that each could end it; the
# next statement, a blank line or ';' ends it.
cat >"$dir/layout.zq" <<'EOF'
FIND ?who
WHERE ?e actor ?who
  AND ?who a Regulator
-- a comment does not end it
  ORDER BY ?who
FIND ?c WHERE ?c a Company ORDER BY ?c
FIND ?b WHERE ?b a Bloc;
FIND ?who WHERE ?who a Regulator

FIND ?b WHERE ?b a Bloc
EOF
"$zhitu" --db "$db" repl <"$dir/layout.zq" >"$dir/out" 2>"$dir/err"
rc=$?
printf '%s\n' who 欧盟委员会 c OpenAI 微软 b 欧盟 who 欧盟委员会 b 欧盟 >"$dir/expected"
same script-layout "$dir/expected" "$dir/out"
if [ "$rc" -eq 0 ] && [ ! -s "$dir/err" ]; then ok script-layout-clean; else fail script-layout-clean "exit $rc: $(cat "$dir/err")"; fi

# A statement ended by ';' runs at once, while the pipe stays open (a
# program can wait for each answer).
mkfifo "$dir/fifo"
"$zhitu" --db "$db" repl <"$dir/fifo" >"$dir/out" 2>&1 &
pid=$!
exec 3>"$dir/fifo"
printf 'FIND ?who WHERE ?who a Regulator;\n' >&3
i=0
while [ $i -lt 200 ] && ! grep -q 欧盟委员会 "$dir/out"; do
	sleep 0.1
	i=$((i + 1))
done
if grep -q 欧盟委员会 "$dir/out"; then ok pipe-semicolon-runs-at-once; else fail pipe-semicolon-runs-at-once "no answer in 20 s: $(cat "$dir/out")"; fi
exec 3>&-
wait $pid

# .read runs a file (whose errors name it and the line), nests, stops a
# file that reads itself, and .quit ends the input.
cat >"$dir/inner.zq" <<'EOF'
FIND ?who WHERE ?who a Regulator
.bogus
EOF
cat >"$dir/loop.zq" <<EOF
.read $dir/loop.zq
EOF
cat >"$dir/outer.zq" <<EOF
.read $dir/inner.zq
.read $dir/missing.zq
.read $dir/loop.zq
.quit
FIND ?who WHERE ?who a Regulator
EOF
"$zhitu" --db "$db" repl <"$dir/outer.zq" >"$dir/out" 2>"$dir/err"
printf '%s\n' 'who' '欧盟委员会' >"$dir/expected"
same read-output "$dir/expected" "$dir/out"
{
	echo "error: $dir/inner.zq: line 2: unknown command '.bogus'; .help lists the commands"
	echo "error: line 2: cannot open '$dir/missing.zq': No such file or directory"
	echo "error: $dir/loop.zq: line 1: .read is nested more than 16 deep (does a file read itself?)"
} >"$dir/expected"
same read-errors "$dir/expected" "$dir/err"

# Usage errors and a missing database.
if "$zhitu" --db "$db" repl --format nosuch </dev/null >/dev/null 2>"$dir/err"; then
	fail bad-format "an unknown --format was accepted"
else
	ok bad-format
fi
if "$zhitu" --db "$dir/none" repl </dev/null >/dev/null 2>"$dir/err"; then
	fail missing-db "a missing database was accepted"
elif grep -q 'zhitu .*import' "$dir/err" && [ ! -e "$dir/none" ]; then
	ok missing-db
else
	fail missing-db "no word on how to make one, or it was created: $(cat "$dir/err")"
fi

# Everything is freed on exit.
if command -v valgrind >/dev/null 2>&1; then
	valgrind -q --leak-check=full --errors-for-leak-kinds=definite,possible --error-exitcode=99 \
		"$zhitu" --db "$db" repl <"$dir/script.zq" >/dev/null 2>"$dir/vg"
	if [ $? -eq 99 ]; then
		fail valgrind "$(head -40 "$dir/vg")"
	else
		ok valgrind
	fi
fi

# The terminal: completion, history, multi-line input, Ctrl-C, errors,
# .format (each prints its own ok/FAIL line).
if command -v python3 >/dev/null 2>&1; then
	mkdir -p "$dir/pty"
	python3 tests/sh/repl_pty.py "$zhitu" "$db" "$dir/pty"
else
	fail pty "python3 is missing (make test installs it)"
fi
exit 0
