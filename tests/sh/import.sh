#!/bin/sh
# The importer end to end (issue 5), from the repository root:
#   - each gold-annotated corpus file, imported alone into a fresh
#     database and exported, meets its score-extraction bars;
#   - re-importing the same content is "unchanged" and changes nothing;
#   - a corrected file replaces what the earlier version contributed;
#   - --dry-run writes nothing (not even a new database);
#   - bad inputs (invalid UTF-8 with its byte offset, empty, binary) fail
#     with a message naming the file and leave the database as it was;
#     GBK text is converted; --lenient imports damaged UTF-8 with a warning;
#   - a directory imports its files in name order, and all five corpus
#     files together answer every analyst question.
# Prints "ok NAME" / "FAIL NAME" lines.
set -u
ZBIN=${ZHITU:-./zhitu}
# commits need not reach the disk for a test database
Z="$ZBIN --nosync"
C=../shared/corpus
G=../shared/gold
TOOLS=../shared/tools
T=$(mktemp -d /tmp/zt-import-XXXXXX)
trap 'rm -rf "$T"' EXIT INT TERM
export LC_ALL=C.UTF-8

ok() { echo "ok import: $1"; }
fail() { echo "FAIL import: $1${2:+: $2}"; }
check() { if [ "$2" -eq 0 ]; then ok "$1"; else fail "$1" "${3:-}"; fi; }

if [ ! -d "$C" ] || ! command -v python3 >/dev/null 2>&1; then
	echo "ok import: skipped (no ../shared/corpus or python3)"
	exit 0
fi

# The state of a database, for "nothing changed" comparisons.
state() { $Z --db "$1" export --format nquads 2>/dev/null | LC_ALL=C sort; }

# --- gold scores, one file per fresh database --------------------------
score() { # name gold-file bars...
	name=$1; shift
	db=$T/$name.db
	if ! $Z --db "$db" import -q "$C/$name".* >"$T/$name.out" 2>&1; then
		fail "score $name" "import failed: $(tail -n 2 "$T/$name.out")"
		return
	fi
	$Z --db "$db" export --format nquads >"$T/$name.nq" 2>/dev/null
	if out=$("$TOOLS/score-extraction" "$G/$name.jsonl" "$T/$name.nq" "$@" 2>&1); then
		ok "score $name ($(echo "$out" | tail -n 1 | tr -s ' ' | cut -c1-160))"
	else
		fail "score $name" "$(echo "$out" | tail -n 1)"
	fi
}
score 2024-05-monthly --min-recall 0.95 --min-actor 0.90 --min-kind 0.90 --min-typed 0.90 \
	--min-funding 0.90 --min-precision 0.80
score 2023-07-weekly-digest-record --min-recall 0.85 --min-actor 0.85 --min-kind 0.80 \
	--min-typed 0.75 --min-funding 0.90 --min-precision 0.80
score 2023-state-of-generative-ai-report --min-recall 0.95 --min-actor 0.90 --min-kind 0.90 \
	--min-typed 0.90 --min-funding 0.90 --min-precision 0.80

# --- the project's own sample issue, with its own gold -----------------
# tests/gold/2024-03-sample.jsonl is the project's reading of
# data/sample/2024-03-monthly.txt (the project's own text, so it may live
# in the repository).  Scored twice: with the shipped gazetteer, and with a
# gazetteer that no longer knows the names the gold expects (jurisdictions
# aside), so that the rules, not the gazetteer, must find them — next
# month's issue brings names no gazetteer has.
SG=tests/gold/2024-03-sample.jsonl
sample_score() { # label db-dir bars...
	label=$1; db=$2; shift 2
	if ! $Z --db "$db" import -q data/sample/2024-03-monthly.txt >"$T/sample.out" 2>&1; then
		fail "$label" "import failed: $(tail -n 2 "$T/sample.out")"
		return
	fi
	$Z --db "$db" export --format nquads >"$T/sample.nq" 2>/dev/null
	if out=$("$TOOLS/score-extraction" "$SG" "$T/sample.nq" "$@" 2>&1); then
		ok "$label ($(echo "$out" | tail -n 1 | tr -s ' ' | cut -c1-160))"
	else
		fail "$label" "$(echo "$out" | tail -n 1)"
	fi
}
sample_score "score sample issue" "$T/sample.db" --min-recall 0.95 --min-actor 0.95 --min-kind 0.95 \
	--min-typed 0.90 --min-funding 0.90 --min-precision 0.90
# the publisher's footer ("关于本刊…", "编辑部邮箱…") is not news
if grep -q '编辑部' "$T/sample.nq"; then
	fail "the publisher's footer brings no entities" "$(grep -m1 '编辑部' "$T/sample.nq" | cut -c1-160)"
else
	ok "the publisher's footer brings no entities"
fi
mkdir -p "$T/abl"
python3 - "$SG" "$T/abl/gazetteer.tsv" <<'PY'
import json, sys
sys.path.insert(0, "../shared/tools")
from zqlib import norm
names = set()
for line in open(sys.argv[1], encoding="utf-8"):
    d = json.loads(line)
    for x in d.get("actors", []) + d.get("objects", []) + d.get("entities", []):
        if x["type"] in ("Country", "Region", "Bloc"):
            continue
        names.update(norm(n) for n in [x["name"]] + x.get("alts", []))
    f = d.get("funding") or {}
    names.update(norm(n) for n in f.get("investors", []) + f.get("lead", []))
out = []
for line in open("data/gazetteer.tsv", encoding="utf-8"):
    c = line.rstrip("\n").split("\t")
    if line.startswith("#") or not line.strip() or len(c) < 2:
        out.append(line)
        continue
    ns = [c[0]] + [a.lstrip("~") for a in (c[2].split("|") if len(c) > 2 and c[2] else [])]
    if not any(norm(n) in names for n in ns):
        out.append(line)
kept = {l.split("\t")[0] for l in out if not l.startswith("#") and l.strip()}
with open(sys.argv[2], "w", encoding="utf-8") as f:
    for l in out:
        c = l.rstrip("\n").split("\t")
        if not l.startswith("#") and l.strip():
            c += [""] * (5 - len(c))
            c[3] = c[3] if c[3] in kept else ""
            c[4] = c[4] if c[4] in kept else ""
            l = "\t".join(c) + "\n"
        f.write(l)
PY
ZHITU_DATA=$T/abl sample_score "score sample issue, gazetteer without its names" "$T/sample-abl.db" \
	--min-recall 0.90 --min-actor 0.85 --min-kind 0.90 --min-typed 0.65 --min-funding 0.80 --min-precision 0.90

# --- re-import is a no-op ------------------------------------------------
DB=$T/re.db
cp "$C/2024-05-monthly.txt" "$T/issue.txt"
$Z --db "$DB" import "$T/issue.txt" >"$T/first.out" 2>&1
state "$DB" >"$T/s1"
$Z --db "$DB" import "$T/issue.txt" >"$T/second.out" 2>&1
rc=$?
state "$DB" >"$T/s2"
grep -q unchanged "$T/second.out" && cmp -s "$T/s1" "$T/s2" && [ $rc -eq 0 ]
check "re-import of the same content is unchanged" $? "$(head -n 2 "$T/second.out")"

# --- every event carries the links printed with its item ------------------
# (the monthly prints one link block per item; citations show it)
evs=$(grep -o '^<urn:zhitu:ev:[^>]*>' "$T/s1" | LC_ALL=C sort -u | wc -l)
urls=$(grep '^<urn:zhitu:ev:[^>]*> <urn:zhitu:p:url> "https\{0,1\}://' "$T/s1" | grep -o '^<[^>]*>' | LC_ALL=C sort -u | wc -l)
[ "$evs" -gt 20 ] && [ "$urls" -eq "$evs" ]
check "every monthly event has its item's url" $? "$urls of $evs events have a url"

# --- a corrected file replaces its earlier contribution ------------------
# drop the last industry item's title words and change one amount
sed -e 's/估值 240 亿美元/估值 250 亿美元/' "$C/2024-05-monthly.txt" >"$T/issue.txt"
$Z --db "$DB" import "$T/issue.txt" >"$T/third.out" 2>&1
state "$DB" >"$T/s3"
grep -q '"25000000000 USD"' "$T/s3" && ! grep -q '"24000000000 USD"' "$T/s3" &&
	grep -q 'replacing' "$T/third.out"
check "a corrected file replaces the earlier version" $? "$(head -n 3 "$T/third.out")"

# --- dry run -------------------------------------------------------------
$Z --db "$DB" import --dry-run "$C/2023-11-monthly-pdf.txt" >"$T/dry.out" 2>&1
rc=$?
state "$DB" >"$T/s4"
cmp -s "$T/s3" "$T/s4" && [ $rc -eq 0 ] && grep -q 'dry run' "$T/dry.out" && grep -q 'events' "$T/dry.out"
check "dry run shows what would be added and writes nothing" $? "$(head -n 2 "$T/dry.out")"
$Z --db "$T/none.db" import --dry-run "$C/2024-05-monthly.txt" >/dev/null 2>&1
[ ! -e "$T/none.db" ]
check "dry run creates no database" $?

# --- explain -------------------------------------------------------------
$Z --db "$T/ex.db" import --dry-run --explain "$C/2024-05-monthly.txt" >"$T/explain.out" 2>&1
grep -q 'actor 科罗拉多州立法机构.*← "' "$T/explain.out" && grep -q 'amount 1000000000 USD.*\[10 *亿美元\]' "$T/explain.out"
check "explain shows the text each fact came from" $? "$(grep -m 2 actor "$T/explain.out")"

# --- bad input leaves the database unchanged ------------------------------
bad() { # name file expected-regex
	$Z --db "$DB" import "$2" >"$T/bad.out" 2>"$T/bad.err"
	rc=$?
	state "$DB" >"$T/s5"
	[ $rc -ne 0 ] && grep -Eqi "$3" "$T/bad.err" && cmp -s "$T/s3" "$T/s5"
	check "$1" $? "exit $rc: $(head -n 2 "$T/bad.err")"
}
printf '2024 年 5 月\n人工智能月刊\n\n1. 测试条目\n\n发布日期：2024 年 5 月 8 日\n\n摘要：\n\n某机构发布\377\376文件。\n' >"$T/invalid.txt"
bad "invalid UTF-8 names the file and the byte offset" "$T/invalid.txt" 'invalid\.txt.*UTF-8 at byte [0-9]+'
: >"$T/empty.txt"
bad "an empty file is refused" "$T/empty.txt" 'empty\.txt.*empty'
printf '\000\001\002binary\000data\377' >"$T/blob.bin"
bad "a binary file is refused" "$T/blob.bin" 'blob\.bin.*(binary|text file)'
bad "a missing file is reported" "$T/missing.txt" 'missing\.txt.*(cannot open|No such)'

$Z --db "$T/len.db" import --lenient "$T/invalid.txt" >"$T/len.out" 2>&1
check "--lenient replaces bad bytes and warns" $? "$(head -n 3 "$T/len.out")"
grep -q 'replaced' "$T/len.out" || fail "--lenient warning" "$(cat "$T/len.out")"

if command -v iconv >/dev/null 2>&1; then
	printf '2024 年 6 月\n人工智能月刊\n\n一、最新法律与监管动态\n\n1. 示例监管局发布《示例数据管理办法》\n\n发布日期：2024 年 6 月 3 日\n\n摘要：\n\n2024 年 6 月 3 日，示例监管局发布了《示例数据管理办法》。\n' |
		iconv -f UTF-8 -t GBK >"$T/gbk.txt"
	$Z --db "$T/gbk.db" import "$T/gbk.txt" >"$T/gbk.out" 2>&1 &&
		grep -q 'GB18030' "$T/gbk.out" &&
		$Z --db "$T/gbk.db" export --format nquads 2>/dev/null | grep -q '示例数据管理办法'
	check "GBK text is converted" $? "$(head -n 3 "$T/gbk.out")"
fi

# --- a directory, all five files, the analyst questions -------------------
ALL=$T/all.db
$Z --db "$ALL" import "$C" >"$T/all.out" 2>&1
rc=$?
[ $rc -eq 0 ] && grep -q '5 files: 5 imported' "$T/all.out"
check "a directory imports every file" $? "$(tail -n 2 "$T/all.out")"
$Z --db "$ALL" check >/dev/null 2>&1
check "the database checks clean after importing the corpus" $?
if out=$("$TOOLS/ask-questions" ../shared/questions/analyst.jsonl --zhitu "$ZBIN" --db "$ALL" 2>&1); then
	ok "analyst questions ($(echo "$out" | tail -n 1))"
else
	fail "analyst questions" "$(echo "$out" | grep FAIL | head -n 3 | tr '\n' ' ')"
fi
exit 0
