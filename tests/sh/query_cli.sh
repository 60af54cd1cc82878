#!/bin/sh
# `zhitu query` on the command line: arguments, -f files, standard input,
# formats, exit status and messages; SHOW (whose counts follow data/*.tsv,
# so it is checked by content rather than byte for byte); the analyst
# questions all parse and run; short-query throughput is printed.
# Prints "ok NAME" / "FAIL NAME"; run from the repository root.
set -u
zhitu=${ZHITU:-./zhitu}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
export LC_ALL=C.UTF-8 TZ=UTC
db="$tmp/db"

check() {   # check NAME CONDITION-EXIT-STATUS
	if [ "$2" -eq 0 ]; then echo "ok query_cli: $1"; else echo "FAIL query_cli: $1"; fi
}

"$zhitu" --db "$db" load --quiet tests/golden/fixtures/world.nq >"$tmp/load" 2>&1
check "load the fixture" $?

# a query as an argument; tsv when piped
out=$("$zhitu" --db "$db" query 'FIND ?x WHERE ?x a Bloc')
[ "$out" = "$(printf 'x\n欧盟')" ]
check "argument query, tsv by default when piped" $?

# several arguments are one text
out=$("$zhitu" --db "$db" query FIND '?x' WHERE '?x' a Bloc)
[ "$out" = "$(printf 'x\n欧盟')" ]
check "arguments joined into one query" $?

# statements from a file, with errors naming the file and line
printf 'FIND ?x WHERE ?x a Bloc;\n\nFIND ?c WHERE ?c a Country\n  ORDER BY ?c;\n' >"$tmp/ok.zq"
out=$("$zhitu" --db "$db" query -f "$tmp/ok.zq")
[ "$out" = "$(printf 'x\n欧盟\nc\n中国\n美国')" ]
check "-f FILE with several statements" $?

printf 'FIND ?x WHERE ?x a Bloc;\n\nFIND ?c WHERE ?c a Contry;\n' >"$tmp/bad.zq"
"$zhitu" --db "$db" query -f "$tmp/bad.zq" >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 1 ] && grep -q "^error: $tmp/bad.zq: line 3, column 20: unknown type 'Contry' — did you mean Country?\$" "$tmp/err" &&
	[ "$(cat "$tmp/out")" = "$(printf 'x\n欧盟')" ]
check "an error in a file names the file and line; earlier results stay" $?

# standard input
out=$(printf 'FIND ?x WHERE ?x a Court' | "$zhitu" --db "$db" query)
[ "$out" = "$(printf 'x\n北京互联网法院')" ]
check "queries on standard input" $?
out=$(printf 'FIND ?x WHERE ?x a Court' | "$zhitu" --db "$db" query -f -)
[ "$out" = "$(printf 'x\n北京互联网法院')" ]
check "-f - reads standard input" $?

# formats
out=$("$zhitu" --db "$db" query --format=json 'FIND ?x WHERE ?x a Bloc')
[ "$out" = "$(printf '[\n  {"x": "欧盟"}\n]')" ]
check "--format=json" $?
out=$("$zhitu" --db "$db" query --format table 'FIND ?x WHERE ?x a Bloc')
[ "$out" = "$(printf 'x\n----\n欧盟\n(1 row)')" ]
check "--format table" $?
"$zhitu" --db "$db" query --format xml 'SHOW TYPES' >/dev/null 2>"$tmp/err"
rc=$?
[ "$rc" -eq 2 ] && grep -q "unknown format 'xml'" "$tmp/err"
check "an unknown format is a usage error (exit 2)" $?
"$zhitu" --db "$db" query --bogus >/dev/null 2>&1
[ $? -eq 2 ]
check "an unknown option is a usage error (exit 2)" $?
"$zhitu" --db "$db" query --help | grep -q '^usage: zhitu query'
check "--help" $?

# exit status and messages
"$zhitu" --db "$db" query 'FIND ?x WHERE ?x a' >"$tmp/out" 2>"$tmp/err"
rc=$?
[ "$rc" -eq 1 ] && [ ! -s "$tmp/out" ] &&
	[ "$(head -n 1 "$tmp/err")" = "error: line 1, column 19: unexpected end of input, expected a variable, name or value" ]
check "a syntax error exits 1 with the message on stderr" $?
"$zhitu" --db "$tmp/missing.db" query 'SHOW TYPES' >/dev/null 2>"$tmp/err"
[ $? -eq 1 ] && grep -q "no database at" "$tmp/err"
check "a missing database is an error" $?
"$zhitu" --db "$db" query --timeout 0.000001 'FIND ?a ?b ?c WHERE ?a ?p ?x AND ?b ?q ?y AND ?c ?r ?z' >/dev/null 2>"$tmp/err"
[ $? -eq 1 ] && grep -q "time limit" "$tmp/err"
check "--timeout stops a runaway query with a message" $?
"$zhitu" --db "$db" query --max-rows 10 'FIND ?a ?b WHERE ?a a ?t AND ?b a ?u' >/dev/null 2>"$tmp/err"
[ $? -eq 1 ] && grep -q "more than 10 rows" "$tmp/err"
check "--max-rows refuses a large result with a message" $?
out=$("$zhitu" --db "$db" query --timer 'FIND ?x WHERE ?x a Bloc' | tail -n 1)
case "$out" in "time: "*" ms") true ;; *) false ;; esac
check "--timer prints the time" $?

# SHOW: the vocabulary in Chinese and English, and the store
"$zhitu" --db "$db" query 'SHOW TYPES' >"$tmp/types"
grep -q "$(printf '^Regulator\tAuthority\t监管机构\t')" "$tmp/types" &&
	grep -q "$(printf '^Agency\tRegulator\t')" "$tmp/types" &&
	[ "$(head -n 1 "$tmp/types")" = "$(printf 'type\tsubtype_of\tzh\taliases\tinstances')" ]
check "SHOW TYPES lists the hierarchy with Chinese labels" $?
"$zhitu" --db "$db" query 'SHOW PREDICATES' >"$tmp/preds"
grep -q "$(printf '^part_of\t隶属\t.*\t9$')" "$tmp/preds" && grep -q "$(printf '^actor\t行为方\t')" "$tmp/preds"
check "SHOW PREDICATES lists predicates with counts" $?
"$zhitu" --db "$db" query 'SHOW TOPICS' | grep -q "$(printf '^FoundationModel\t基础模型\t.*大模型.*\t4$')"
check "SHOW TOPICS lists topics with aliases and counts" $?
"$zhitu" --db "$db" query 'SHOW SOURCES' >"$tmp/sources"
grep -q "$(printf '^2024-05-issue\t2024-06-01\t')" "$tmp/sources" && grep -q "$(printf '^lab-notes\t2024-12-31\t')" "$tmp/sources"
check "SHOW SOURCES lists sources with their dates" $?
"$zhitu" --db "$db" query 'SHOW STATS' | grep -q "$(printf '^sources\t4$')"
check "SHOW STATS counts the store" $?

# every analyst question parses and runs
if command -v python3 >/dev/null 2>&1; then
	python3 -c 'import json,sys
for l in open("../shared/questions/analyst.jsonl", encoding="utf-8"):
    if l.strip(): print(json.loads(l)["query"])' >"$tmp/analyst" 2>/dev/null
	if [ -s "$tmp/analyst" ]; then
		fails=0
		while IFS= read -r q; do
			"$zhitu" --db "$db" query --format tsv "$q" >/dev/null 2>"$tmp/err" || { fails=$((fails + 1)); cat "$tmp/err"; }
		done <"$tmp/analyst"
		[ "$fails" -eq 0 ]
		check "every analyst question parses and runs" $?
	fi
fi

# throughput of short queries (parse, plan, run, print) in one process
i=0
: >"$tmp/many.zq"
while [ $i -lt 2000 ]; do
	echo "FIND ?m WHERE ?m developer OpenAI;" >>"$tmp/many.zq"
	i=$((i + 1))
done
start=$(date +%s%N)
"$zhitu" --db "$db" query -f "$tmp/many.zq" >"$tmp/many.out"
rc=$?
end=$(date +%s%N)
[ "$rc" -eq 0 ] && [ "$(grep -c '^GPT-4o$' "$tmp/many.out")" -eq 2000 ]
check "2000 short queries in one run" $?
ms=$(( (end - start) / 1000000 ))
[ "$ms" -gt 0 ] && echo "# 2000 short queries through the CLI in $ms ms ($((2000 * 1000 / ms)) per second, including start-up)"
exit 0
