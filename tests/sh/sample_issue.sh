#!/bin/sh
# The bundled sample issue (data/sample/2024-03-monthly.txt): it keeps the
# monthly layout the importer and `make demo` rely on, and it is written in
# the project's own words — no run of 16 characters of its prose appears in
# any corpus document (run from the repository root).
set -u
sample=data/sample/2024-03-monthly.txt
corpus=../shared/corpus
if [ ! -f "$sample" ]; then
	echo "FAIL sample_issue_exists"
	exit 0
fi
echo "ok sample_issue_exists"
python3 - "$sample" "$corpus" <<'PY'
import glob, os, re, sys
sample, corpus = sys.argv[1], sys.argv[2]
text = open(sample, encoding="utf-8").read()
def report(ok, name, why=""):
    print(("ok " if ok else "FAIL ") + name + ((": " + why) if why and not ok else ""))

# Layout: two sections, a table of contents that matches the items, and
# every item with its four fields.
legal = text.find("一、最新法律与监管动态")
industry = text.find("二、最新行业动态")
report(0 < legal < industry, "sample_issue_sections", "section headings missing or out of order")
toc = text[:legal]
body = text[legal:]
items = re.findall(r"^(\d+)\. (.+)$", body, re.M)
heads = [t for _, t in items]
report(12 <= len(items) <= 20, "sample_issue_item_count", "%d items" % len(items))
report(all(h in toc for h in heads), "sample_issue_toc_matches",
       "not in the table of contents: " + ", ".join(h for h in heads if h not in toc))
blocks = re.split(r"^\d+\. .+$", body, flags=re.M)[1:]
missing = [heads[i] for i, b in enumerate(blocks)
           if not all(k in b for k in ("发布日期：", "来源：", "链接：", "摘要："))]
report(not missing, "sample_issue_item_fields", "; ".join(missing))
dates = re.findall(r"发布日期：\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日", body)
report(len(dates) == len(items) and all(y == "2024" and m == "3" for y, m, _ in dates),
       "sample_issue_dates_in_march_2024", str(dates))
report("领投" in body and ("亿美元" in body or "万美元" in body), "sample_issue_has_funding")

# Own words: compare the prose (not field labels or links) with the corpus.
if not os.path.isdir(corpus):
    print("ok sample_issue_own_words  # corpus not present, skipped")
    sys.exit(0)
squash = lambda s: re.sub(r"\s+", "", s)
ref = squash("".join(open(f, encoding="utf-8", errors="replace").read()
                     for f in sorted(glob.glob(os.path.join(corpus, "*")))))
prose = [l for l in text.splitlines()
         if l.strip() and not re.match(r"\s*(-|发布日期|来源|链接|摘要|\d+\.|▶)", l)]
# Names are shared by nature ("Salesforce Ventures"): only windows that
# are mostly Chinese prose count.
W, shared = 16, []
for line in prose:
    s = squash(line)
    for i in range(len(s) - W + 1):
        w = s[i:i + W]
        if sum(ord(ch) > 0x2E80 for ch in w) >= 10 and w in ref:
            shared.append(w)
            break
report(not shared, "sample_issue_own_words", "shared with the corpus: " + " | ".join(shared[:5]))
PY
