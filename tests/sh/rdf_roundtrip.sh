#!/bin/sh
# RDF exchange end to end through the command line (issue 3):
#   a generated 1,000,000-triple N-Triples file loads and exports back to
#   the same set of triples; export -> load -> export gives the same quads;
#   loading the same file twice leaves an identical export; forget removes
#   exactly what a source added; a bad file is rejected with FILE:LINE:COL
#   and nothing of it is kept.
# Prints "ok NAME" / "FAIL NAME" lines.  Run from the repository root.
set -u
N=${RDF_TRIPLES:-1000000}
T=$(mktemp -d /tmp/zt-rdf-XXXXXX)
trap 'rm -rf "$T"' EXIT INT TERM
# A private copy of the binary: the tree may be rebuilt while this runs.
cp "${ZHITU:-./zhitu}" "$T/zhitu" || { echo "FAIL rdf_roundtrip: no zhitu binary"; exit 1; }
Z=$T/zhitu
export LC_ALL=C.UTF-8
sort() { LC_ALL=C command sort "$@"; }
comm() { LC_ALL=C command comm "$@"; }

ok() { echo "ok rdf_roundtrip: $1"; }
fail() { echo "FAIL rdf_roundtrip: $1"; }
check() { if [ "$2" -eq 0 ]; then ok "$1"; else fail "$1"; fi; }
# export DB FORMAT FILE: fails the test when the export fails or is empty
export_to() {
	if ! $Z --db "$1" export --format "$2" >"$3" 2>"$T/export.err" || [ ! -s "$3" ]; then
		fail "export of $1 ($2)"
		cat "$T/export.err"
	fi
}

# Canonical N-Triples (as zhitu writes them), so that the text of the
# triples can be compared: IRIs, Chinese and English tagged text with
# escapes, dates of three precisions, integers, decimals, money, blank nodes.
awk -v n="$N" 'BEGIN {
	x = "<http://www.w3.org/2001/XMLSchema#"
	for (i = 0; i < n; i++) {
		s = int(i / 8); k = i % 8
		if (k == 0) printf "<urn:zhitu:e:org/n%d> <http://www.w3.org/2000/01/rdf-schema#label> \"机构 %d 号\"@zh .\n", s, s
		else if (k == 1) printf "<urn:zhitu:e:org/n%d> <urn:zhitu:p:part_of> <urn:zhitu:e:org/n%d> .\n", s, (s * 7919) % (n / 8 + 1)
		else if (k == 2) printf "<urn:zhitu:e:org/n%d> <urn:zhitu:p:date> \"%04d-%02d-%02d\"%sdate> .\n", s, 1990 + s % 35, 1 + s % 12, 1 + s % 28, "^^" x
		else if (k == 3) printf "<urn:zhitu:e:org/n%d> <urn:zhitu:p:amount> \"%d USD\" .\n", s, s * 1000 + 1
		else if (k == 4) printf "<urn:zhitu:e:org/n%d> <urn:zhitu:p:title> \"Title \\\"%d\\\"\\twith\\\\escapes\\n\"@en .\n", s, s
		else if (k == 5) printf "<urn:zhitu:e:org/n%d> <urn:zhitu:p:n> \"%d.%d\"%sdecimal> .\n", s, s, 1 + s % 9, "^^" x
		else if (k == 6) printf "_:b%d <urn:zhitu:p:founded> \"%04d-%02d\"%sgYearMonth> .\n", s, 1990 + s % 35, 1 + s % 12, "^^" x
		else printf "<urn:zhitu:e:org/n%d> <urn:zhitu:p:count> \"%d\"%sinteger> .\n", s, s * 3, "^^" x
	}
}' >"$T/big.nt"

now() { date +%s%N; }
ms() { echo "$((($2 - $1) / 1000000)) ms"; }
t0=$(now)
$Z --db "$T/db" --nosync load "$T/big.nt" >"$T/load.out" 2>"$T/load.err"
rc=$?
t1=$(now)
check "load $N triples" $rc
[ $rc -eq 0 ] || cat "$T/load.err"
echo "# load: $(cat "$T/load.out") [wall $(ms "$t0" "$t1")]"

export_to "$T/db" nquads "$T/e1.nq"
t2=$(now)
echo "# export: $(wc -l <"$T/e1.nq") quads in $(ms "$t1" "$t2")"

# The triples of the file's source, without the source's own description.
grep ' <urn:zhitu:source:big> \.$' "$T/e1.nq" | grep -v '^<urn:zhitu:source:big> ' |
	sed 's| <urn:zhitu:source:big> \.$| .|' | sort >"$T/got.nt"
sort "$T/big.nt" >"$T/want.nt"
cmp -s "$T/got.nt" "$T/want.nt"
check "exported triples = loaded triples" $?
if ! cmp -s "$T/got.nt" "$T/want.nt"; then
	diff "$T/want.nt" "$T/got.nt" | head -5
fi

export_to "$T/db" ntriples "$T/nt"
sort "$T/nt" >"$T/nt.sorted"
[ -z "$(comm -23 "$T/want.nt" "$T/nt.sorted" | head -n 1)" ] &&
	[ "$(uniq -d "$T/nt.sorted" | wc -l)" -eq 0 ]
check "N-Triples export: every triple once" $?

# export -> load into a fresh database -> export: the same quads
$Z --db "$T/db2" --nosync load "$T/e1.nq" >/dev/null 2>"$T/load2.err"
check "load the export" $?
export_to "$T/db2" nquads "$T/e2.nq"
sort "$T/e2.nq" >"$T/e2.sorted"
sort "$T/e1.nq" >"$T/e1.sorted"
cmp -s "$T/e1.sorted" "$T/e2.sorted"
check "export -> load -> export is the same graph" $?

# loading the same file again changes nothing
$Z --db "$T/db" load "$T/big.nt" >"$T/again.out" 2>&1
grep -q unchanged "$T/again.out"
check "second load reports unchanged" $?
export_to "$T/db" nquads "$T/e3.nq"
cmp -s "$T/e1.nq" "$T/e3.nq"
check "load twice = identical export" $?

# forget removes exactly what a source added (a fact it shares survives)
cat >"$T/extra.nt" <<'EOF'
<urn:zhitu:e:org/n1> <urn:zhitu:p:part_of> <urn:zhitu:e:org/n7919> .
<urn:x:new> <urn:x:p> "only in extra" .
EOF
$Z --db "$T/db" load "$T/extra.nt" >/dev/null 2>&1
export_to "$T/db" nquads "$T/e4.nq"
grep -q 'only in extra' "$T/e4.nq"
check "second source loaded" $?
$Z --db "$T/db" forget extra >/dev/null 2>&1
check "forget" $?
export_to "$T/db" nquads "$T/e5.nq"
sort "$T/e5.nq" >"$T/e5.sorted"
cmp -s "$T/e1.sorted" "$T/e5.sorted"
check "forget = exact removal" $?

# a bad file: FILE:LINE:COLUMN, non-zero exit, nothing kept
printf '<urn:x:a> <urn:x:p> "fine" .\n<urn:x:a> <urn:x:p> "中文\\q" .\n' >"$T/bad.nt"
$Z --db "$T/db" load "$T/bad.nt" >/dev/null 2>"$T/bad.err"
rc=$?
[ $rc -ne 0 ] && grep -q "bad.nt:2:24: bad escape" "$T/bad.err"
check "bad line reported as FILE:LINE:COLUMN" $?
export_to "$T/db" nquads "$T/e6.nq"
sort "$T/e6.nq" >"$T/e6.sorted"
cmp -s "$T/e1.sorted" "$T/e6.sorted"
check "nothing kept from a bad file" $?

# TSV: a header and four columns on every row
$Z --db "$T/small" --nosync load "$T/extra.nt" >/dev/null 2>&1
export_to "$T/small" tsv "$T/e.tsv"
head -n 1 "$T/e.tsv" | grep -q '^s	p	o	graph$' &&
	grep -q '^<urn:x:new>	<urn:x:p>	"only in extra"	<urn:zhitu:source:extra>$' "$T/e.tsv" &&
	awk -F '\t' 'NF != 4 { bad = 1 } END { exit bad }' "$T/e.tsv"
check "TSV export" $?
