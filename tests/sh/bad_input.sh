#!/bin/sh
# Hostile and broken input (issue 6): every case of tests/bad/cases.tsv,
# the grammar fuzz (every token at every position of a query), and a path
# query that explodes on a dense graph.  Each case must end with the
# promised exit status and message, leave the database as it was (export
# before = export after) and `zhitu check` passing, never die by a signal,
# and stay within a time and memory bound (tests/bad/bounded.py).
. tests/sh/rel.inc
needs bad-input load import query export check repl

BAD=$ROOT/tests/bad
DB=$T/base.db
GEN=$T/gen
mkdir -p "$GEN"

# The database every case starts from (a fresh copy each time, so cases
# cannot disturb one another): the vocabulary, a small graph and one
# imported sample issue.
if ! zt "$DB" load "$BAD/fixture.nt" >"$T/prep.out" 2>&1 ||
   ! zt "$DB" import "$BAD/doc/base.txt" >>"$T/prep.out" 2>&1; then
	fail bad-input "cannot prepare the database: $(tail -n 3 "$T/prep.out")"
	exit 0
fi
state "$DB" >"$T/before.nq"

# Input for a case: a file of tests/bad, or a generated one.
input_of() {
	case $1 in
	gen:no-such-file*) echo "$GEN/${1#gen:}" ;;
	gen:*)
		_f=$GEN/${1#gen:}
		[ -f "$_f" ] || "$PY" "$BAD/gen.py" "${1#gen:}" "$_f"
		echo "$_f" ;;
	*) echo "$BAD/$1" ;;
	esac
}

# Whether text file $1 matches every regex of "$2" (joined by " && ").
matches() {
	[ "$2" = - ] && return 0
	printf '%s\n' "$2" | awk 'BEGIN { RS = " && " } { sub(/\n$/, ""); print }' >"$T/res"
	while IFS= read -r _re; do
		grep -Eqi -- "$_re" "$1" || { MISSING=$_re; return 1; }
	done <"$T/res"
	return 0
}

# Checks for cases that may succeed: what success must look like.
# Called with the case's database, output and error files.
success_check() {
	_id=$1 _db=$2 _out=$3 _err=$4
	cat "$_out" "$_err" >"$T/both"
	case $_id in
	doc-gbk|doc-gb18030)
		# Converted: the same graph as the same text given in UTF-8
		# under the same file name (content hashes aside).
		_name=${_id#doc-}.txt
		mkdir -p "$T/utf8" && cp "$BAD/doc/base.txt" "$T/utf8/$_name"
		rm -rf "$T/cmp.db" && cp -a "$DB" "$T/cmp.db"
		zt "$T/cmp.db" import "$T/utf8/$_name" >/dev/null 2>&1 || { WHY="the UTF-8 twin did not import"; return 1; }
		state "$T/cmp.db" | grep -v content_hash >"$T/want"
		state "$_db" | grep -v content_hash >"$T/got"
		cmp -s "$T/want" "$T/got" || { WHY="graph differs from the UTF-8 import: $(diff "$T/want" "$T/got" | head -n 4 | tr '\n' ' ')"; return 1; } ;;
	doc-bad-date)
		state "$_db" >"$T/got"
		if grep -q '"2024-13\|"2023-02-29' "$T/got"; then WHY="a date that does not exist was stored"; return 1; fi
		matches "$T/both" 'bad-date\.txt && (13月40日|2024-13|month|date|日期)' ||
			{ WHY="no warning names the impossible date (/$MISSING/)"; return 1; } ;;
	doc-absurd-amount)
		state "$_db" >"$T/got"
		# money literals of amount/valuation: no inf/nan, no sign, below 10^15
		awk '$2 == "<urn:zhitu:p:amount>" || $2 == "<urn:zhitu:p:valuation>"' "$T/got" |
			sed -E 's/^[^ ]+ [^ ]+ "([^"]*)".*/\1/' >"$T/amounts"
		if grep -Eiv '^[0-9]{1,15}(\.[0-9]+)? [A-Z]{3}$' "$T/amounts" | grep -q .; then
			WHY="absurd amount stored: $(grep -Eiv '^[0-9]{1,15}(\.[0-9]+)? [A-Z]{3}$' "$T/amounts" | head -n 2 | tr '\n' ' ')"
			return 1
		fi
		matches "$T/both" 'absurd-amount\.txt && (amount|金额|money|value)' ||
			{ WHY="no warning about the absurd amounts (/$MISSING/)"; return 1; } ;;
	rdf-nul-byte)
		# N-Triples allows a raw NUL in a literal; it must survive
		state "$_db" | grep -qF '"a\u0000b"' ||
			{ WHY="the NUL character did not survive to the export"; return 1; } ;;
	rdf-long-literal)
		state "$_db" | awk 'length($0) > 1000000 { n++ } END { exit n == 1 ? 0 : 1 }' ||
			{ WHY="the 10^6-character literal is not in the export"; return 1; } ;;
	rdf-long-iri)
		state "$_db" | awk 'length($0) > 1000000 { n++ } END { exit n >= 1 ? 0 : 1 }' ||
			{ WHY="the 10^6-character IRI is not in the export"; return 1; } ;;
	esac
	return 0
}

tried=0
grep -v '^#' "$BAD/cases.tsv" | while IFS='	' read -r id cmd input expect msg; do
	[ -n "$id" ] || continue
	# ZHITU_BAD_ONLY=REGEX runs only the matching cases (for debugging)
	if [ -n "${ZHITU_BAD_ONLY:-}" ]; then echo "$id" | grep -Eq "$ZHITU_BAD_ONLY" || continue; fi
	tried=$((tried + 1))
	f=$(input_of "$input")
	db=$T/case.db
	rm -rf "$db" && cp -a "$DB" "$db"
	secs=30
	case $id in doc-100mb-line) secs=180 ;; esac
	case $cmd in
	query) set -- "$ZHITU" --db "$db" query -f "$f" ;;
	*) set -- "$ZHITU" --db "$db" "$cmd" "$f" ;;
	esac
	bounded "$secs" /dev/null "$T/out" "$T/err" "$@"
	res="exit $BSTATUS, ${BSECS}s, ${BPEAK} MB"
	WHY= MISSING=
	case $BSTATUS in
	timeout|signal-*) WHY="did not end cleanly" ;;
	0)  [ "$expect" = fail ] && WHY="succeeded but must fail"
	    if [ -z "$WHY" ]; then success_check "$id" "$db" "$T/out" "$T/err" || :; fi ;;
	1)  if [ "$expect" = ok ]; then
		WHY="failed: $(head -c 300 "$T/err")"
	    elif ! matches "$T/err" "$msg"; then
		WHY="message lacks /$MISSING/: $(head -c 300 "$T/err")"
	    elif [ "$(wc -c <"$T/err")" -gt 65536 ]; then
		WHY="message of $(wc -c <"$T/err") bytes (a clear message is short)"
	    elif ! state "$db" | cmp -s - "$T/before.nq"; then
		WHY="the database changed"
	    fi ;;
	*)  WHY="exit status $BSTATUS (expected 0 or 1)" ;;
	esac
	if [ -z "$WHY" ] && ! checked "$db"; then
		WHY="check fails afterwards: $(head -n 2 "$T/.check.out")"
	fi
	if [ -n "$WHY" ]; then
		fail "bad-$id" "$WHY ($res)"
	else
		ok "bad-$id" "$res"
	fi
	echo "$tried" >"$T/tried"
done

[ -n "${ZHITU_BAD_ONLY:-}" ] && [ -z "${ZHITU_BAD_REST:-}" ] && exit 0

# ---- grammar fuzz: every token inserted before, and put in place of, every
# token of a query that uses most of the grammar; each token deleted once.
# The variants run through the REPL's script mode (it carries on after an
# error), one process per position; no variant may crash it.
BASE='FIND ?x , COUNT ( ?y ) AS ?n WHERE ?x a Law AND ?x ( part_of | ^ part_of ) * ?y OPTIONAL ?y label ?l FILTER ?l ~ "示例" AND ?n >= 1 DURING 2024 GROUP BY ?x ORDER BY ?n DESC LIMIT 5 OFFSET 1'
TOKENS='FIND WHERE AND OR NOT OPTIONAL FILTER DURING BETWEEN BEFORE AFTER ON AS OF COUNT GROUP ORDER BY LIMIT OFFSET DESCRIBE TIMELINE PATH SHOW EXPLAIN ASC DESC TO MAX TYPES SOURCES STATS ( ) { } {1,3} , ; * + ? | ^ / ~ = != < <= > >= ?v ?公司 ？变量 示例数据保护局 2024 2024-05-14 2024年5月 2024-Q2 2.5亿 10亿美元 $350M "q" “欧盟” 《法》 「欧盟」 -- # . \ @ ! ` 0 -1'
"$PY" - "$BASE" "$TOKENS" "$T/gf" <<'EOF'
import os, sys
base, toks, out = sys.argv[1].split(' '), sys.argv[2].split(' '), sys.argv[3]
os.makedirs(out, exist_ok=True)
for i in range(len(base) + 1):
    lines = []
    for t in toks:
        lines.append(' '.join(base[:i] + [t] + base[i:]))
        if i < len(base):
            lines.append(' '.join(base[:i] + [t] + base[i + 1:]))
    if i < len(base):
        lines.append(' '.join(base[:i] + base[i + 1:]))
    with open(os.path.join(out, '%03d.zq' % i), 'w') as f:
        f.write(';\n'.join(lines) + ';\n')
EOF
gf_fail=0 gf_n=0 gf_max=0
for f in "$T"/gf/*.zq; do
	gf_n=$((gf_n + $(grep -c '' "$f")))
	bounded 60 "$f" "$T/out" "$T/err" "$ZHITU" --db "$DB" repl
	case $BSTATUS in
	0|1) ;;
	*) fail "bad-grammar-fuzz-$(basename "$f" .zq)" "exit $BSTATUS after ${BSECS}s: $(tail -c 300 "$T/err")"
	   gf_fail=1 ;;
	esac
	[ "$BPEAK" -gt "$gf_max" ] && gf_max=$BPEAK
done
if [ "$gf_fail" = 0 ]; then
	if state "$DB" | cmp -s - "$T/before.nq" && checked "$DB"; then
		ok bad-grammar-fuzz "$gf_n variants, peak ${gf_max} MB"
	else
		fail bad-grammar-fuzz "the database changed or check fails after $gf_n variants"
	fi
fi

# ---- paths that explode: (p|^p)* on a dense graph.
"$PY" "$BAD/gen.py" dense.nt "$T/dense.nt"
DD=$T/dense.db
if ! zt "$DD" load "$T/dense.nt" >"$T/out" 2>&1; then
	fail bad-path-explosion "cannot load the dense graph: $(tail -n 2 "$T/out")"
else
	# from one node: every node reachable, each once (cycles everywhere)
	want=$("$PY" - "$T/dense.nt" <<'EOF'
import re, sys
adj = {}
for line in open(sys.argv[1]):
    m = re.match(r'<urn:x:(n\d+)> <urn:zhitu:p:part_of> <urn:x:(n\d+)>', line)
    if m:
        a, b = m.groups()
        adj.setdefault(a, set()).add(b)
        adj.setdefault(b, set()).add(a)
seen, todo = {'n0'}, ['n0']
while todo:
    for b in adj.get(todo.pop(), ()):
        if b not in seen:
            seen.add(b); todo.append(b)
print(len(seen))
EOF
)
	bounded 60 /dev/null "$T/out" "$T/err" "$ZHITU" --db "$DD" query --format tsv 'FIND ?b WHERE n0 (part_of|^part_of)* ?b'
	got=$(($(grep -c '' "$T/out") - 1))
	if [ "$BSTATUS" = 0 ] && [ "$got" = "$want" ]; then
		ok bad-path-from-one-node "$got rows, ${BSECS}s, ${BPEAK} MB"
	else
		fail bad-path-from-one-node "exit $BSTATUS, $got rows (want $want): $(head -c 200 "$T/err")"
	fi
	# all pairs (4 million rows): the row guard or the timeout must stop it
	for q in 'FIND ?a, ?b WHERE ?a (part_of|^part_of)* ?b' \
	         'FIND COUNT(?b) WHERE ?a (part_of|^part_of)*/(part_of|^part_of)* ?b'; do
		bounded 60 /dev/null "$T/out" "$T/err" "$ZHITU" --db "$DD" query --timeout 1 --format tsv "$q"
		if [ "$BSTATUS" = 1 ] && grep -Eqi 'time|limit|rows|too many' "$T/err"; then
			ok bad-path-explosion "stopped: $(head -n 1 "$T/err" | cut -c 1-100); ${BSECS}s, ${BPEAK} MB"
		elif [ "$BSTATUS" = 0 ]; then
			fail bad-path-explosion "'$q' was not stopped ($(grep -c '' "$T/out") lines, ${BSECS}s, ${BPEAK} MB)"
		else
			fail bad-path-explosion "'$q': exit $BSTATUS after ${BSECS}s: $(head -c 200 "$T/err")"
		fi
	done
	# no time limit at all: the row guard alone must stop the 4 million rows
	bounded 120 /dev/null "$T/out" "$T/err" "$ZHITU" --db "$DD" query --timeout 0 --max-rows 10000 \
		--format tsv 'FIND ?a, ?b WHERE ?a (part_of|^part_of)* ?b'
	if [ "$BSTATUS" = 1 ] && grep -Eqi 'rows|limit' "$T/err"; then
		ok bad-path-row-guard "stopped: $(head -n 1 "$T/err" | cut -c 1-100); ${BSECS}s, ${BPEAK} MB"
	else
		fail bad-path-row-guard "exit $BSTATUS after ${BSECS}s, $(grep -c '' "$T/out") lines: $(head -c 200 "$T/err")"
	fi
fi
echo "bad inputs tried: $(cat "$T/tried" 2>/dev/null || echo 0) cases, grammar fuzz $gf_n variants"
exit 0
