#!/bin/sh
# Concurrency (issue 6).
#  1. Readers during a large load: `zhitu query` processes in a loop, and
#     one long-lived REPL fed statements through a pipe, keep answering
#     while `zhitu load` writes 300,000 statements in one transaction.
#     Every answer must equal the answer before the load or the one after
#     it (a consistent snapshot, never a mix), the REPL's answers must never
#     go back from "after" to "before", and readers must not wait for the
#     writer: some answers start and finish while the load is running.
#  2. Two writers at once (two loads, two imports, a load and a forget):
#     the second waits or fails with a clear message; either way the final
#     graph is one a serial order would give and `zhitu check` passes.
. tests/sh/rel.inc
needs concurrency load import query forget export check repl

BAD=$ROOT/tests/bad
"$PY" - "$T" <<'EOF'
import sys
d = sys.argv[1]
def graph(path, prefix, nodes, hubs):
    with open(path, 'w') as f:
        for i in range(nodes):
            s = '<urn:x:%s/n%d>' % (prefix, i)
            f.write('%s <http://www.w3.org/2000/01/rdf-schema#label> "%s %d" .\n' % (s, prefix, i))
            f.write('%s <urn:zhitu:p:part_of> <urn:x:hub%d> .\n' % (s, i % hubs))
            f.write('%s <urn:zhitu:p:date> "2024-%02d-01"^^<http://www.w3.org/2001/XMLSchema#date> .\n' % (s, i % 12 + 1))
            f.write('%s <urn:zhitu:p:amount> "%d USD" .\n' % (s, i))
            f.write('%s <urn:zhitu:p:topic> <urn:x:t%d> .\n' % (s, i % 7))
    return path
graph(d + '/a.nt', 'a', 2000, 10)
graph(d + '/b.nt', 'b', 60000, 10)     # 300,000 statements
graph(d + '/c.nt', 'c', 100, 10)
with open(d + '/hubs.nt', 'w') as f:
    for h in range(10):
        f.write('<urn:x:hub%d> <http://www.w3.org/2000/01/rdf-schema#label> "hub%d" .\n' % (h, h))
EOF
DB=$T/db
if ! zt "$DB" load "$T/hubs.nt" "$T/a.nt" >"$T/out" 2>&1; then
	fail concurrency "cannot prepare: $(tail -n 2 "$T/out")"; exit 0
fi
Q='FIND ?h, COUNT(?x) AS ?n WHERE ?x part_of ?h GROUP BY ?h ORDER BY ?h'
zt "$DB" query --format tsv "$Q" >"$T/before" 2>"$T/err" || { fail concurrency "query fails: $(head -c 200 "$T/err")"; exit 0; }
cp -a "$DB" "$T/after.db"
zt "$T/after.db" load "$T/b.nt" >/dev/null 2>&1
zt "$T/after.db" query --format tsv "$Q" >"$T/after"
if cmp -s "$T/before" "$T/after"; then fail concurrency "the load does not change the answer"; exit 0; fi
state "$T/after.db" >"$T/after.nq"

# ---- 1. readers during a large load
mkfifo "$T/fifo"
# the REPL reads the pipe until it closes; keep a writer end open
"$ZHITU" --db "$DB" repl <"$T/fifo" >"$T/repl.out" 2>"$T/repl.err" &
rpid=$!
exec 4>"$T/fifo"
echo '.format tsv' >&4
"$ZHITU" --db "$DB" load "$T/b.nt" >"$T/load.out" 2>&1 &
wpid=$!
n=0 during=0 bad=0
while kill -0 $wpid 2>/dev/null; do
	n=$((n + 1))
	printf '%s;\n' "$Q" >&4
	"$ZHITU" --db "$DB" query --format tsv "$Q" >"$T/ans" 2>"$T/err"
	rc=$?
	alive=0; kill -0 $wpid 2>/dev/null && alive=1
	if [ $rc -ne 0 ]; then
		fail concurrency-readers "a query failed during the load: $(head -c 200 "$T/err")"; bad=1; break
	elif cmp -s "$T/ans" "$T/before"; then
		[ $alive = 1 ] && [ $n -gt 1 ] && during=$((during + 1))
	elif ! cmp -s "$T/ans" "$T/after"; then
		cp "$T/ans" "$T/mixed"
		fail concurrency-readers "answer $n is neither the before nor the after state: $(head -n 3 "$T/mixed" | tr '\n' ' ')"; bad=1; break
	fi
done
wait $wpid
wrc=$?
for _ in 1 2 3; do printf '%s;\n' "$Q" >&4; done
exec 4>&-
wait $rpid
rrc=$?
if [ $bad = 0 ]; then
	# The REPL's answers, in order: each is a header line then 10 rows.
	verdict=$("$PY" - "$T/repl.out" "$T/before" "$T/after" <<'EOF'
import sys
out = open(sys.argv[1]).read().splitlines()
before = open(sys.argv[2]).read().splitlines()
after = open(sys.argv[3]).read().splitlines()
size, header = len(before), before[0]
answers, i = [], 0
while i < len(out):
    if out[i] != header:
        i += 1
        continue
    answers.append(out[i:i + size])
    i += size
seen_after, nb, na = False, 0, 0
for k, a in enumerate(answers):
    if a == after:
        seen_after, na = True, na + 1
    elif a == before:
        if seen_after:
            print('answer %d went back to the before state' % k); sys.exit()
        nb += 1
    else:
        print('answer %d is neither state: %r' % (k, a[:3])); sys.exit()
if na == 0:
    print('the REPL never saw the loaded data'); sys.exit()
print('ok %d %d' % (nb, na))
EOF
)
	case $verdict in
	ok*) set -- $verdict
	     if [ $wrc -eq 0 ] && [ $rrc -eq 0 ] && [ $during -ge 1 ]; then
		ok concurrency-readers "$n query processes, $during answered while the load ran; REPL $2 answers before, $3 after"
	     else
		fail concurrency-readers "load exit $wrc, REPL exit $rrc, $during answers while the load ran (readers waited?)"
	     fi ;;
	*) fail concurrency-readers "REPL: $verdict" ;;
	esac
fi
if state "$DB" | cmp -s - "$T/after.nq" && checked "$DB"; then
	ok concurrency-after-load
else
	fail concurrency-after-load "the graph after the load differs, or check fails"
fi

# ---- 2. two writers at once
# two_writers NAME REFS... -- CMD1... -- CMD2...: run both, the second a
# moment after the first; the result must be one of the reference graphs.
BUSY='another|busy|lock|in use|writ'
two() {
	_name=$1 _db=$2 _c1=$3 _c2=$4; shift 4
	"$ZHITU" --db "$_db" $_c1 >"$T/w1.out" 2>&1 &
	_p1=$!
	sleep 0.05
	"$ZHITU" --db "$_db" $_c2 >"$T/w2.out" 2>&1
	_r2=$?
	wait $_p1
	_r1=$?
	_got=$(state "$_db" | sha256sum | cut -c 1-64)
	_match=
	for _ref; do [ "$_got" = "$(state "$_ref" | sha256sum | cut -c 1-64)" ] && _match=$_ref; done
	if [ $_r1 -ne 0 ]; then
		fail "$_name" "the first writer failed: $(head -c 200 "$T/w1.out")"
	elif [ $_r2 -ne 0 ] && ! grep -Eqi "$BUSY" "$T/w2.out"; then
		fail "$_name" "the second writer failed without saying why: $(head -c 200 "$T/w2.out")"
	elif [ -z "$_match" ]; then
		fail "$_name" "the graph is not one a serial order gives (second writer exit $_r2)"
	elif ! checked "$_db"; then
		fail "$_name" "check fails: $(head -n 2 "$T/.check.out")"
	else
		ok "$_name" "second writer $([ $_r2 -eq 0 ] && echo waited || echo "refused: $(head -n 1 "$T/w2.out" | cut -c 1-80)")"
	fi
}
# two loads: B (large) then C; the references: A+B+C, or A+B if C was refused
base=$T/base2.db; rm -rf "$base"; zt "$base" load "$T/hubs.nt" "$T/a.nt" >/dev/null 2>&1
cp -a "$base" "$T/abc.db"; zt "$T/abc.db" load "$T/b.nt" "$T/c.nt" >/dev/null 2>&1
cp -a "$base" "$T/ab.db"; zt "$T/ab.db" load "$T/b.nt" >/dev/null 2>&1
cp -a "$base" "$T/w.db"
two concurrency-two-loads "$T/w.db" "load $T/b.nt" "load $T/c.nt" "$T/abc.db" "$T/ab.db"
# two imports of different issues: either order, or the second refused
d1=$BAD/doc/base.txt
d2=$(ls "$SHARED"/corpus/*.txt 2>/dev/null | head -n 1)
if [ -n "$d2" ]; then
	for o in 12 21 1; do
		rm -rf "$T/i$o.db"; cp -a "$base" "$T/i$o.db"
	done
	zt "$T/i12.db" import "$d1" "$d2" >/dev/null 2>&1
	zt "$T/i21.db" import "$d2" "$d1" >/dev/null 2>&1
	zt "$T/i1.db" import "$d1" >/dev/null 2>&1
	rm -rf "$T/w.db"; cp -a "$base" "$T/w.db"
	two concurrency-two-imports "$T/w.db" "import $d1" "import $d2" "$T/i12.db" "$T/i21.db" "$T/i1.db"
fi
# a load and a forget of another source
# (from A+C: load B while forgetting C gives A+B, or A+B+C if refused)
cp -a "$base" "$T/w2.db"; zt "$T/w2.db" load "$T/c.nt" >/dev/null 2>&1
two concurrency-load-and-forget "$T/w2.db" "load $T/b.nt" "forget c" "$T/ab.db" "$T/abc.db"
exit 0
