#!/bin/sh
# zhitu under valgrind (issue 6): no invalid access, no use of
# uninitialised memory, no leak (definite, indirect or possible), for
# representative commands.  By default a small set keeps `make test`
# quick; ZHITU_VALGRIND=1 runs the full set: every command on the sample
# issue and the shared corpus, the bad inputs that exercise error paths,
# a REPL script, and every Check unit suite (in one process, CK_FORK=no).
# Skipped under the sanitizers (they do not mix with valgrind).
. tests/sh/rel.inc
[ "$SANITIZED" = 1 ] && exit 0
command -v valgrind >/dev/null 2>&1 || { fail valgrind "valgrind is not installed"; exit 0; }
needs valgrind load import query export check repl

BAD=$ROOT/tests/bad
VG="valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect,possible --errors-for-leak-kinds=definite,indirect,possible --track-origins=yes"
FULL=${ZHITU_VALGRIND:-0}
DB=$T/vg.db
n=0

# vg NAME EXPECTED-STATUS ARGS... — run zhitu ARGS under valgrind.
vg() {
	_name=$1 _want=$2; shift 2
	n=$((n + 1))
	# shellcheck disable=SC2086
	$VG --log-file="$T/vg.log" "$ZHITU" "$@" >"$T/vg.out" 2>"$T/vg.err" </dev/null
	_rc=$?
	if [ $_rc -eq 99 ] || [ -s "$T/vg.log" ]; then
		fail "valgrind-$_name" "$(grep -m 4 -E '==[0-9]+== [A-Z]' "$T/vg.log" | sed 's/==[0-9]*== //' | tr '\n' ' ')"
	elif [ "$_want" != any ] && [ $_rc -ne "$_want" ]; then
		fail "valgrind-$_name" "exit $_rc (expected $_want): $(head -c 200 "$T/vg.err")"
	else
		ok "valgrind-$_name"
	fi
}

# the default set: a write, a read, an error path
vg load 0 --db "$DB" load "$BAD/fixture.nt"
vg query 0 --db "$DB" query 'FIND ?x, ?l WHERE ?x a Entity AND ?x label ?l ORDER BY ?l LIMIT 20'
vg bad-rdf 1 --db "$DB" load "$BAD/rdf/unterminated-literal.nt"
if [ "$FULL" = 1 ]; then
	vg import 0 --db "$DB" import "$BAD/doc/base.txt"
	vg export 0 --db "$DB" export --format nquads
	for f in "$SHARED"/corpus/*; do
		[ -f "$f" ] && vg "import-$(basename "$f")" 0 --db "$DB" import "$f"
	done
	for f in "$BAD"/doc/*; do vg "bad-$(basename "$f")" any --db "$DB" import "$f"; done
	for f in "$BAD"/rdf/*; do vg "bad-$(basename "$f")" any --db "$DB" load "$f"; done
	for f in "$BAD"/query/*.zq; do vg "bad-$(basename "$f")" any --db "$DB" query -f "$f"; done
	for q in 'DESCRIBE 示例数据保护局' 'TIMELINE 示例数据保护局' 'PATH 示例数据保护局 TO Sampleland' \
	         'SHOW TYPES' 'SHOW STATS' 'EXPLAIN FIND ?x WHERE ?x part_of* ?y' \
	         'FIND ?e, COUNT(?a) AS ?n WHERE ?e actor ?a GROUP BY ?e ORDER BY ?n DESC' \
	         'FIND ?x WHERE ?x a Law AS OF 2020-01-01' 'FIND ?a, ?b WHERE ?a (part_of|^part_of)* ?b'; do
		vg "query-$n" 0 --db "$DB" query --cite "$q"
	done
	vg query-timeout any --db "$DB" query --timeout 0.01 'FIND ?a, ?b, ?c WHERE ?a ?p ?b AND ?b ?q ?c'
	vg export-tsv 0 --db "$DB" export --format tsv
	vg check 0 --db "$DB" check
	vg stats 0 --db "$DB" stats
	vg sources 0 --db "$DB" sources
	printf '.format json\nSHOW SOURCES;\n.timer on\nFIND ?x WHERE ?x a Law;\nFIND ?x WHERE ?x bad bad;\n.quit\n' >"$T/script"
	n=$((n + 1))
	# shellcheck disable=SC2086
	$VG --log-file="$T/vg.log" "$ZHITU" --db "$DB" repl <"$T/script" >/dev/null 2>&1
	if [ -s "$T/vg.log" ]; then fail valgrind-repl-script "$(grep -m 4 -E '==[0-9]+== [A-Z]' "$T/vg.log" | tr '\n' ' ')"
	else ok valgrind-repl-script; fi
	vg forget 0 --db "$DB" forget base
	vg check 0 --db "$DB" check
	# every unit suite, in one process so valgrind sees the code under test
	for t in "$BUILD"/tests/test_*; do
		[ -x "$t" ] || continue
		n=$((n + 1))
		# shellcheck disable=SC2086
		CK_FORK=no $VG --log-file="$T/vg.log" "$t" >"$T/vg.out" 2>&1
		rc=$?
		if [ -s "$T/vg.log" ] || [ $rc -eq 99 ]; then
			fail "valgrind-$(basename "$t")" "$(grep -m 4 -E '==[0-9]+== [A-Z]' "$T/vg.log" | sed 's/==[0-9]*== //' | tr '\n' ' ')"
		else
			ok "valgrind-$(basename "$t")"
		fi
	done
fi
echo "valgrind: $n runs"
exit 0
