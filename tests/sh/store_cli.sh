#!/bin/sh
# The store's commands end to end: check, stats, sources, forget, the
# messages for a missing or foreign database, and a second writer.
# Prints "ok NAME" / "FAIL NAME" lines.  Run from the repository root.
set -u
Z=${ZHITU:-./zhitu}
T=$(mktemp -d /tmp/zt-storecli-XXXXXX)
trap 'rm -rf "$T"' EXIT INT TERM
export LC_ALL=C.UTF-8

ok() { echo "ok store_cli: $1"; }
fail() { echo "FAIL store_cli: $1"; }
expect() { if [ "$2" -eq 0 ]; then ok "$1"; else fail "$1"; fi; }

DB="$T/db"
cat > "$T/alpha.nt" <<'EOF'
<urn:zhitu:e:org/a> <http://www.w3.org/2000/01/rdf-schema#label> "甲公司"@zh .
<urn:zhitu:e:org/a> <urn:zhitu:p:part_of> <urn:zhitu:e:org/b> .
<urn:zhitu:e:org/b> <http://www.w3.org/2000/01/rdf-schema#label> "Beta Group"@en .
EOF
cat > "$T/beta.nt" <<'EOF'
<urn:zhitu:e:org/a> <urn:zhitu:p:part_of> <urn:zhitu:e:org/b> .
<urn:zhitu:e:org/c> <urn:zhitu:p:part_of> <urn:zhitu:e:org/b> .
EOF

# read commands on a missing database: a message that says what to do
out=$("$Z" --db "$T/none" stats 2>&1); rc=$?
[ $rc -ne 0 ] && echo "$out" | grep -q "no database at" && echo "$out" | grep -q "import"
expect "missing database is explained" $?
[ ! -e "$T/none" ]
expect "a read command creates nothing" $?

# a directory that is not a database
mkdir "$T/other" && echo hi > "$T/other/notes.txt"
out=$("$Z" --db "$T/other" load "$T/alpha.nt" 2>&1); rc=$?
[ $rc -ne 0 ] && echo "$out" | grep -q "not a zhitu database"
expect "foreign directory refused" $?

"$Z" --db "$DB" load "$T/alpha.nt" "$T/beta.nt" >/dev/null 2>&1
expect "load two files" $?
[ "$(stat -c %a "$DB")" = 700 ] && [ "$(stat -c %a "$DB/data.mdb")" = 600 ]
expect "database is private to its owner" $?

out=$("$Z" --db "$DB" check 2>&1)
expect "check passes" $?
echo "$out" | grep -q "^ok: "
expect "check reports what it checked" $?

out=$("$Z" --db "$DB" stats)
echo "$out" | grep -Eq '^facts +[0-9]+' && echo "$out" | grep -Eq '^sources +3$' &&
	echo "$out" | grep -Eq '^map size +[0-9.]+ (MiB|GiB|TiB)'
expect "stats prints counts" $?

out=$("$Z" --db "$DB" sources --format tsv)
[ "$(echo "$out" | head -1)" = "$(printf 'source\tpublished\tfacts\timported\thash')" ]
expect "sources header" $?
echo "$out" | awk -F'\t' '$1 == "alpha" && $3 == 3 { a = 1 } $1 == "beta" && $3 == 2 { b = 1 }
	$1 == "zhitu:schema" { s = 1 } END { exit !(a && b && s) }'
expect "sources lists each file with its fact count" $?
echo "$out" | awk -F'\t' 'NR > 1 { print $4 "|" length($5) }' |
	grep -Evq '^[0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}\|12$'
[ $? -ne 0 ]
expect "sources shows import time and hash prefix" $?

facts_before=$("$Z" --db "$DB" stats | awk '$1 == "facts" { print $2 }')
out=$("$Z" --db "$DB" forget beta 2>&1)
expect "forget a source" $?
echo "$out" | grep -q "forgot beta (2 facts)"
expect "forget says what it removed" $?
facts_after=$("$Z" --db "$DB" stats | awk '$1 == "facts" { print $2 }')
# a part_of b is still supported by alpha; c part_of b goes
[ "$facts_after" -eq $((facts_before - 1)) ]
expect "forget keeps facts another source supports" $?
"$Z" --db "$DB" sources --format tsv | grep -q "^beta" && fail "forgotten source still listed" || ok "forgotten source unlisted"
"$Z" --db "$DB" check >/dev/null 2>&1
expect "check passes after forget" $?

out=$("$Z" --db "$DB" forget alpha nosuch 2>&1); rc=$?
[ $rc -ne 0 ] && echo "$out" | grep -q "no source named 'nosuch'"
expect "forget of an unknown source fails" $?
"$Z" --db "$DB" sources --format tsv | grep -q "^alpha"
expect "a failed forget changes nothing" $?

out=$("$Z" --db "$DB" sources --format json)
echo "$out" | head -1 | grep -q '^\['
expect "sources as JSON" $?

"$Z" --db "$DB" check --bogus >/dev/null 2>&1
[ $? -eq 2 ]
expect "usage errors exit 2" $?
