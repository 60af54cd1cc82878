#!/bin/sh
# Security promises (issue 6): database files readable by their owner only
# (files 0600, directory 0700) whatever the umask; the REPL history
# likewise; no shell-outs (nothing is ever executed, least of all a command
# built from input); queries cannot write; a query never creates a database.
. tests/sh/rel.inc
needs security load import query export check repl

BAD=$ROOT/tests/bad

# perms DIR — "ok" when DIR is 0700 and everything in it is 0600, else what is not.
perms() {
	[ -d "$1" ] || { echo "no directory $1"; return; }
	_bad=
	[ "$(stat -c %a "$1")" = 700 ] || _bad="$_bad dir=$(stat -c %a "$1")"
	for _f in "$1"/* "$1"/.[!.]*; do
		[ -e "$_f" ] || continue
		_m=$(stat -c %a "$_f")
		if [ -d "$_f" ]; then [ "$_m" = 700 ] || _bad="$_bad $(basename "$_f")=$_m"
		else [ "$_m" = 600 ] || _bad="$_bad $(basename "$_f")=$_m"; fi
	done
	echo "${_bad:-ok}"
}

# ---- database files, created by each writing command, under two umasks
for mask in 000 022; do
	for how in load import; do
		db=$T/perm-$how-$mask/sub/zhitu.db
		case $how in
		load) (umask $mask; zt "$db" load "$BAD/fixture.nt") >"$T/out" 2>&1 ;;
		import) (umask $mask; zt "$db" import "$BAD/doc/base.txt") >"$T/out" 2>&1 ;;
		esac
		rc=$?
		p=$(perms "$db")
		if [ $rc -eq 0 ] && [ "$p" = ok ]; then
			ok "sec-db-perms-$how-umask$mask"
		else
			fail "sec-db-perms-$how-umask$mask" "exit $rc, modes:$p $(head -c 200 "$T/out")"
		fi
	done
done
# and they stay so after more writes (map growth, a second file, forget)
db=$T/perm-load-000/sub/zhitu.db
(umask 000
 "$PY" "$BAD/gen.py" dense.nt "$T/dense.nt"
 zt "$db" load "$T/dense.nt" && zt "$db" import "$BAD/doc/base.txt" && zt "$db" forget fixture) >"$T/out" 2>&1
rc=$?
p=$(perms "$db")
if [ $rc -eq 0 ] && [ "$p" = ok ]; then ok sec-db-perms-after-writes
else fail sec-db-perms-after-writes "exit $rc, modes:$p $(head -c 200 "$T/out")"; fi

# ---- the REPL history, on a terminal, under umask 000
cat >"$T/term_drive.py" <<'EOF'
import os, pty, select, sys, time
argv, env = sys.argv[1:], dict(os.environ)
os.umask(0)
pid, fd = pty.fork()
if pid == 0:
    os.execve(argv[0], argv, env)
def wait_for(s, deadline=20):
    buf, end = b'', time.monotonic() + deadline
    while s not in buf and time.monotonic() < end:
        r, _, _ = select.select([fd], [], [], 0.2)
        if r:
            try:
                d = os.read(fd, 4096)
            except OSError:
                break
            if not d:
                break
            buf += d
    return s in buf
ok = wait_for(b'zhitu> ')
os.write(fd, b'SHOW TYPES;\r')
ok = ok and wait_for(b'zhitu> ')
os.write(fd, b'.quit\r')
end = time.monotonic() + 20
while time.monotonic() < end:
    p, st = os.waitpid(pid, os.WNOHANG)
    if p:
        sys.exit(0 if ok else 3)
    try:
        select.select([fd], [], [], 0.2) and os.read(fd, 4096)
    except OSError:
        pass
os.kill(pid, 9)
sys.exit(4)
EOF
hdb=$T/hist.db
zt "$hdb" load "$BAD/fixture.nt" >/dev/null 2>&1
mkdir -p "$T/home"
HOME=$T/home XDG_STATE_HOME=$T/state TERM=xterm "$PY" "$T/term_drive.py" "$ZHITU" --db "$hdb" repl >/dev/null 2>&1
rc=$?
hist=$T/state/zhitu/history
if [ $rc -ne 0 ]; then
	fail sec-history-perms "the REPL session on a terminal did not go through (status $rc)"
elif [ ! -f "$hist" ]; then
	fail sec-history-perms "no history file at $hist"
elif [ "$(stat -c %a "$hist")" != 600 ] || [ "$(stat -c %a "$T/state/zhitu")" != 700 ]; then
	fail sec-history-perms "history $(stat -c %a "$hist"), its directory $(stat -c %a "$T/state/zhitu")"
else
	ok sec-history-perms
fi
# not a terminal: no history written at all
echo 'SHOW TYPES;' | HOME=$T/home2 XDG_STATE_HOME=$T/state2 "$ZHITU" --db "$hdb" repl >/dev/null 2>&1
if [ -e "$T/state2/zhitu/history" ] || [ -e "$T/home2/.local/state/zhitu/history" ]; then
	fail sec-history-not-a-terminal "history written for piped input"
else
	ok sec-history-not-a-terminal
fi

# ---- no shell-outs: nothing in the program can start another program ...
calls=$(grep -nE '(^|[^A-Za-z0-9_.>])(system|popen|execl|execlp|execle|execv|execve|execvp|execvpe|posix_spawnp?|fork|vfork|wordexp)[[:space:]]*\(' \
	store/*.c query/*.c import/*.c grammar/*.c grammar/*.y grammar/*.l cli/*.c 2>/dev/null)
if [ -z "$calls" ]; then
	ok sec-no-exec-calls
else
	fail sec-no-exec-calls "$(echo "$calls" | head -n 3 | tr '\n' ' ')"
fi
# ... and inputs full of shell syntax run nothing (under strace, when there:
# the only program executed is zhitu itself).
sdb=$T/shell.db
cp "$BAD/doc/base.txt" "$T/x;touch \$HOME pwned-a;\`touch pwned-b\`\$(touch pwned-c).txt"
printf '<urn:x:a> <http://www.w3.org/2000/01/rdf-schema#label> "$(touch pwned-d) `touch pwned-e` ; touch pwned-f" .\n' >"$T/shell.nt"
mkdir -p "$T/cwd"
(cd "$T/cwd" &&
 zt "$sdb" load "$T/shell.nt" &&
 zt "$sdb" import "$T/x;touch \$HOME pwned-a;\`touch pwned-b\`\$(touch pwned-c).txt" &&
 zt "$sdb" query 'FIND ?x WHERE ?x label "$(touch pwned-g)"'
 zt "$sdb" query 'DESCRIBE `touch pwned-h`'
 echo '.read $(touch pwned-i)' | zt "$sdb" repl
 true) >"$T/out" 2>&1
if ls "$T/cwd" "$T" | grep -Eq '^pwned-[a-z]$'; then
	fail sec-shell-syntax-inert "a command ran: $(ls "$T/cwd" "$T" | grep -E '^pwned-[a-z]$' | tr '\n' ' ')"
else
	ok sec-shell-syntax-inert
fi
if command -v strace >/dev/null 2>&1; then
	(cd "$T/cwd" && strace -f -qq -e trace=execve -o "$T/strace" \
		"$ZHITU" --db "$sdb" import "$T/x;touch \$HOME pwned-a;\`touch pwned-b\`\$(touch pwned-c).txt" "$BAD/doc/gbk.txt" "$BAD/doc/binary.bin" >/dev/null 2>&1)
	n=$(grep -c 'execve(' "$T/strace")
	if [ "$n" = 1 ]; then ok sec-import-executes-nothing
	else fail sec-import-executes-nothing "$n execve calls: $(grep 'execve(' "$T/strace" | cut -c 1-120 | tr '\n' ' ')"; fi
fi

# ---- queries cannot write: data.mdb byte-identical after every kind of
# statement (and the write-like ones the language must refuse), through
# `query` and the REPL's dot-commands.
qdb=$T/query.db
zt "$qdb" load "$BAD/fixture.nt" >/dev/null 2>&1 && zt "$qdb" import "$BAD/doc/base.txt" >/dev/null 2>&1
data_before=$(sha256sum "$qdb/data.mdb" | cut -c 1-64)
state "$qdb" >"$T/q-before.nq"
for q in 'FIND ?x WHERE ?x a Law' 'FIND ?s, ?p, ?o WHERE ?s ?p ?o LIMIT 50' 'DESCRIBE 示例数据保护局' \
         'TIMELINE 示例数据保护局' 'PATH 示例数据保护局 TO Sampleland' 'SHOW TYPES' 'SHOW PREDICATES' \
         'SHOW TOPICS' 'SHOW SOURCES' 'SHOW STATS' 'EXPLAIN FIND ?x WHERE ?x part_of* ?y' \
         'FIND ?x WHERE ?x a Law AS OF 2020-01-01' 'INSERT DATA { <urn:x:a> <urn:x:p> <urn:x:b> }' \
         'DELETE WHERE ?s ?p ?o' 'CLEAR ALL' 'LOAD "/etc/passwd"'; do
	zt "$qdb" query "$q" >/dev/null 2>&1
done
for f in "$BAD"/query/*.zq; do zt "$qdb" query -f "$f" >/dev/null 2>&1; done
printf '.help\n.format json\n.timer on\n.sources\nSHOW STATS;\n.read %s\n.quit\n' "$BAD/query/insert.zq" |
	zt "$qdb" repl >/dev/null 2>&1
if [ "$(sha256sum "$qdb/data.mdb" | cut -c 1-64)" != "$data_before" ]; then
	fail sec-queries-cannot-write "data.mdb changed"
elif ! state "$qdb" | cmp -s - "$T/q-before.nq"; then
	fail sec-queries-cannot-write "the graph changed"
else
	ok sec-queries-cannot-write
fi


# a query never creates a database
zt "$T/none.db" query 'SHOW TYPES' >"$T/out" 2>&1
rc=$?
if [ $rc -ne 0 ] && [ ! -e "$T/none.db" ] && grep -qi 'none\.db' "$T/out"; then
	ok sec-query-creates-nothing
else
	fail sec-query-creates-nothing "exit $rc, exists: $([ -e "$T/none.db" ] && echo yes || echo no), said: $(head -c 200 "$T/out")"
fi
exit 0
