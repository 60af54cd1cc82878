#!/usr/bin/env python3
"""run.py — the `make bench` harness: the same generated graphs and the same
questions through zhitu, SQLite and Oxigraph in one invocation.

For every size: generate the graph (bench/gen.c), load it into each engine
(zhitu end to end with `zhitu load`; SQLite through its C API; Oxigraph
through node), answer the questions of the generator's PARAMS file with each
engine several times, check that every engine gives the same counts (and the
counts the generator knows), and keep the median time of each operation and
each engine's peak memory.  Then time the import of a newsletter issue
replicated to >= 50 MB, and write bench/results.md and bench/results.png.

Exit status 1 when engines disagree or zhitu fails; the report is written
either way so that it shows what went wrong.  Standard library only.
"""
import argparse
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time

OPS = ["load", "load_api", "lookup", "join", "closure_down", "closure_up", "path", "name"]
ENGINES = ["zhitu", "sqlite", "oxigraph"]
OP_TITLE = {
    "load": "bulk load, end to end (`zhitu load`)",
    "load_api": "  … zhitu through the C API (zt_bulk)",
    "lookup": "point lookup: all facts of a node, both directions",
    "join": "3-pattern join, events on a topic in 2024 + actors",
    "join_first": "  … first row",
    "closure_down": "part_of+ below the root",
    "closure_up": "part_of+ above a leaf",
    "path": "shortest path (≤ 5 hops, 14 predicates, both ways)",
    "name": "name lookup by an alias in the other language",
    "short": "short ZQ query (parse + plan + run + format)",
}


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def run(cmd, timeout, stdin=None, env=None):
    """Run cmd; return (rc, stdout, stderr, wall seconds, peak RSS kB)."""
    t0 = time.perf_counter()
    try:
        p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             stdin=subprocess.DEVNULL if stdin is None else stdin, env=env)
    except OSError as e:
        return 127, "", "cannot run %s: %s" % (cmd[0], e.strerror), 0.0, 0
    try:
        out, err = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        p.kill()
        out, err = p.communicate()
        return (-9, out.decode(errors="replace"), "timed out after %ds" % timeout,
                time.perf_counter() - t0, 0)
    wall = time.perf_counter() - t0
    # The child has been reaped by communicate(); its rusage went into
    # RUSAGE_CHILDREN, whose ru_maxrss is the largest child so far, so the
    # drivers report their own peak instead and this is a fallback.
    return p.returncode, out.decode(errors="replace"), err.decode(errors="replace"), wall, 0


def run_rss(cmd, timeout, env=None):
    """Like run() but measures the child's own peak RSS with wait4.  Output
    goes through temporary files, so a chatty child cannot block on a full
    pipe while we wait for it."""
    import tempfile
    with tempfile.TemporaryFile() as fo, tempfile.TemporaryFile() as fe:
        t0 = time.perf_counter()
        try:
            p = subprocess.Popen(cmd, stdout=fo, stderr=fe, stdin=subprocess.DEVNULL, env=env)
        except OSError as e:
            return 127, "", "cannot run %s: %s" % (cmd[0], e.strerror), 0.0, 0
        deadline = t0 + timeout
        while True:
            pid, status, ru = os.wait4(p.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() > deadline:
                p.kill()
                os.wait4(p.pid, 0)
                return -9, "", "timed out after %ds" % timeout, time.perf_counter() - t0, 0
            time.sleep(0.002)
        wall = time.perf_counter() - t0
        p.returncode = os.waitstatus_to_exitcode(status)
        fo.seek(0)
        fe.seek(0)
        return (p.returncode, fo.read().decode(errors="replace"), fe.read().decode(errors="replace"),
                wall, ru.ru_maxrss)


def parse_lines(text):
    rows = []
    for line in text.splitlines():
        line = line.strip()
        if line.startswith("{"):
            try:
                rows.append(json.loads(line))
            except ValueError:
                pass
    return rows


def read_params(path):
    p = {"expect": {}}
    with open(path, encoding="utf-8") as f:
        for line in f:
            k, _, v = line.rstrip("\n").partition("\t")
            if k.startswith("expect_"):
                p["expect"][k[7:]] = int(v)
            elif k in ("triples", "entities", "events"):
                p[k] = int(v)
            elif k == "short":
                p.setdefault("short", []).append(v)
    return p


def size_name(n):
    e = int(round(math.log10(n)))
    return "1e%d" % e if abs(n - 10 ** e) < 1 else str(n)


def fmt_time(s):
    if s is None:
        return "—"
    if s >= 1:
        return "%.2f s" % s
    if s >= 1e-3:
        return "%.2f ms" % (s * 1e3)
    return "%.2f µs" % (s * 1e6)


def fmt_rate(r):
    if r >= 1e6:
        return "%.2fM/s" % (r / 1e6)
    if r >= 1e3:
        return "%.1fk/s" % (r / 1e3)
    return "%.1f/s" % r


class Bench:
    def __init__(self, a):
        self.a = a
        self.work = os.path.abspath(a.work)
        os.makedirs(self.work, exist_ok=True)
        self.res = {}          # size -> engine -> op -> {"t": [], "count": [], "first": [], "rss": kB}
        self.problems = []     # disagreements and failures (fail the run)
        self.notes = []        # things the report should say
        self.e2e = {}          # size -> {"query": [s], "load": s}
        self.imp = None
        self.t_start = time.time()
        self.load_avg = [os.getloadavg()[0]]

    # ------------------------------------------------------------ records
    def rec(self, size, engine, op, seconds, count, first=None, rss=0):
        d = self.res.setdefault(size, {}).setdefault(engine, {}).setdefault(
            op, {"t": [], "count": [], "first": [], "rss": 0})
        d["t"].append(seconds)
        d["count"].append(count)
        if first is not None and first >= 0:
            d["first"].append(first)
        d["rss"] = max(d["rss"], rss)

    def rec_lines(self, size, rows, rss_fallback=0):
        for r in rows:
            if r.get("op") in ("load", "stats"):
                continue
            n = max(1, int(r.get("n", 1)))
            self.rec(size, r["engine"], r["op"], r["seconds"] / n, r["count"],
                     r["first"] if r.get("first", -1) >= 0 else None,
                     max(r.get("rss_kb", 0), rss_fallback))

    def fail(self, msg):
        log("bench: " + msg)
        self.problems.append(msg)

    # ------------------------------------------------------------ engines
    def zhitu_load(self, size, nt, params, runs):
        """Load with `zhitu load` (the end-to-end figure, `load`) and, below
        --big, once through the C API's bulk loader (`load_api`: the same
        store work without the CLI's N-Triples reader).  When the CLI load
        fails, the C API load stands in so that the other operations can
        still be measured; the failure is a problem of the run."""
        a = self.a
        db = os.path.join(self.work, "zhitu-%s.db" % size_name(size))
        source = os.path.splitext(os.path.basename(nt))[0]
        cli_ok = True
        for i in range(runs):
            shutil.rmtree(db, ignore_errors=True)
            rc, out, err, wall, rss = run_rss([a.zhitu, "--db", db, "load", nt], a.timeout)
            if rc != 0:
                self.fail("`zhitu load` failed at %s (exit %d): %s" % (size_name(size), rc, (err or out).strip()[:300]))
                cli_ok = False
                break
            rc, out, err, _, _ = run([a.bin + "/zhitu_bench", db, "stats"], 120)
            st = parse_lines(out)
            src = [x for x in st if x.get("op") == "source" and x.get("name") == source]
            if not src:
                self.fail("zhitu stats at %s: no source %s (%s)" % (size_name(size), source, err.strip()[:200]))
                return None
            self.rec(size, "zhitu", "load", wall, src[0]["count"], None, rss)
        if cli_ok and size >= a.big:
            return db
        api_db = db if not cli_ok else db + "-api"
        for i in range(1 if cli_ok else runs):
            shutil.rmtree(api_db, ignore_errors=True)
            rc, out, err, wall, rss = run_rss([a.bin + "/zhitu_bench", api_db, "load", nt], a.timeout)
            rows = parse_lines(out)
            if rc != 0 or not rows:
                self.fail("zhitu C API load failed at %s: %s" % (size_name(size), err.strip()[:300]))
                return db if cli_ok else None
            self.rec(size, "zhitu", "load_api", wall, rows[0]["count"], None, rss)
            if not cli_ok:
                self.rec(size, "zhitu", "load", wall, rows[0]["count"], None, rss)
        if not cli_ok:
            self.notes.append("At %s zhitu's load figure is the C API's (`zhitu load` failed)." % size_name(size))
            return db
        shutil.rmtree(api_db, ignore_errors=True)
        return db

    def zhitu_ops(self, size, db, params_path):
        a = self.a
        rc, out, err, wall, rss = run_rss([a.bin + "/zhitu_bench", db, "run", params_path, str(a.runs)], a.timeout)
        if rc != 0:
            self.fail("zhitu_bench failed at %s (exit %d): %s" % (size_name(size), rc, err.strip()[:300]))
        if err.strip():
            self.notes.append("zhitu_bench at %s said: %s" % (size_name(size), err.strip()[:300]))
        self.rec_lines(size, parse_lines(out), rss)

    def zhitu_cli(self, size, db, params):
        """End to end: a whole `zhitu query` process for one short query."""
        a = self.a
        labels = params.get("short", [])[:5]
        times = []
        for lab in labels:
            q = 'FIND ?p WHERE "%s" part_of ?p' % lab
            rc, out, err, wall, _ = run([a.zhitu, "--db", db, "query", q], 60)
            if rc != 0:
                self.notes.append("`zhitu query` failed at %s: %s" % (size_name(size), (err or out).strip()[:200]))
                return
            times.append(wall)
        if times:
            self.e2e.setdefault(size, {})["query"] = statistics.median(times)

    def sqlite(self, size, nt, params_path, runs):
        a = self.a
        db = os.path.join(self.work, "sqlite-%s.db" % size_name(size))
        for i in range(runs):
            rc, out, err, wall, rss = run_rss([a.bin + "/sqlite_peer", db, "load", nt], a.timeout)
            rows = parse_lines(out)
            if rc != 0 or not rows:
                self.fail("sqlite load failed at %s: %s" % (size_name(size), err.strip()[:300]))
                return
            self.rec(size, "sqlite", "load", wall, rows[0]["count"], None, rss)
        rc, out, err, wall, rss = run_rss([a.bin + "/sqlite_peer", db, "run", params_path, str(a.runs)], a.timeout)
        if rc != 0:
            self.fail("sqlite run failed at %s: %s" % (size_name(size), err.strip()[:300]))
        self.rec_lines(size, parse_lines(out), rss)
        if not a.keep:
            os.remove(db)

    def oxigraph(self, size, nt, params_path, runs):
        a = self.a
        if not os.path.exists(os.path.join(a.bench_dir, "node_modules", "oxigraph")):
            self.fail("the npm package oxigraph is not installed in bench/node_modules")
            return
        for i in range(runs):
            # the questions run in the last process only: the store lives in
            # the process's memory, so each load is a fresh process
            r = a.runs if i == runs - 1 else 0
            rc, out, err, wall, rss = run_rss(["node", os.path.join(a.bench_dir, "oxigraph_peer.mjs"),
                                               nt, params_path, str(r)], a.timeout)
            rows = parse_lines(out)
            load = [x for x in rows if x["op"] == "load"]
            if load:
                self.rec(size, "oxigraph", "load", load[0]["seconds"], load[0]["count"], None, rss)
            if rc != 0:
                msg = (err.strip().splitlines() or ["exit %d" % rc])[-1][:300]
                self.notes.append("Oxigraph failed at %s: %s" % (size_name(size), msg))
                log("bench: oxigraph failed at %s: %s" % (size_name(size), msg))
                return
            if r:
                self.rec_lines(size, rows, rss)

    # ------------------------------------------------------------ checks
    def check(self, size, params):
        res = self.res.get(size, {})
        for op in OPS + ["short"]:
            seen = {}
            for eng in ENGINES:
                d = res.get(eng, {}).get(op)
                if not d or not d["count"]:
                    continue
                counts = set(d["count"])
                if len(counts) > 1:
                    self.fail("%s %s at %s: counts differ between runs: %s" % (eng, op, size_name(size), sorted(counts)))
                seen[eng] = d["count"][0]
            if len(set(seen.values())) > 1:
                self.fail("engines disagree on %s at %s: %s" % (op, size_name(size),
                          ", ".join("%s=%s" % kv for kv in seen.items())))
            exp = params["expect"].get({"closure_down": "closure_down", "closure_up": "closure_up",
                                        "path": "path"}.get(op, "-"))
            if exp is not None:
                for eng, c in seen.items():
                    if c != exp:
                        self.fail("%s %s at %s: %s, the generator's answer is %s" % (eng, op, size_name(size), c, exp))
            if op == "short" and "zhitu" in seen and seen["zhitu"] != len(params.get("short", [])):
                self.fail("zhitu short queries at %s: %d rows, expected %d" % (
                    size_name(size), seen["zhitu"], len(params.get("short", []))))

    # ------------------------------------------------------------ import
    def importer(self):
        a = self.a
        if not a.sample or not os.path.exists(a.sample):
            self.notes.append("import not measured: no sample issue found")
            return
        d = os.path.join(self.work, "newsletters")
        marker = os.path.join(d, ".done-%s-%s" % (os.path.basename(a.sample), a.import_mb))
        if not os.path.exists(marker):
            shutil.rmtree(d, ignore_errors=True)
            rc, out, err, _, _ = run([a.bin + "/gen", "replicate", a.sample, "1", d, str(a.import_mb)], 600)
            if rc != 0:
                self.fail("replicating the sample failed: " + err.strip()[:300])
                return
            open(marker, "w").close()
        files = [f for f in os.listdir(d) if f.endswith(".txt")]
        nbytes = sum(os.path.getsize(os.path.join(d, f)) for f in files)
        db = os.path.join(self.work, "zhitu-import.db")
        shutil.rmtree(db, ignore_errors=True)
        rc, out, err, wall, rss = run_rss([a.zhitu, "--db", db, "import", d], a.timeout)
        self.imp = {"bytes": nbytes, "files": len(files), "seconds": wall, "rss": rss, "rc": rc,
                    "sample": a.sample, "err": (err or "").strip()[-300:]}
        if rc != 0:
            self.fail("zhitu import of %d files (%.1f MB) failed (exit %d): %s" % (
                len(files), nbytes / 1e6, rc, self.imp["err"]))
        if not a.keep:
            shutil.rmtree(db, ignore_errors=True)

    # ------------------------------------------------------------ driver
    def size(self, n):
        a = self.a
        sn = size_name(n)
        nt = os.path.join(self.work, "graph-%s.nt" % sn)
        pp = os.path.join(self.work, "params-%s.tsv" % sn)
        gen = os.path.join(a.bin, "gen")
        if not (os.path.exists(nt) and os.path.exists(pp) and os.path.getmtime(nt) > os.path.getmtime(gen)):
            log("bench: generating %s triples" % sn)
            rc, out, err, wall, _ = run([gen, "graph", str(int(n)), "1", nt, pp], 900)
            if rc != 0:
                self.fail("generator failed: " + err.strip())
                return
        params = read_params(pp)
        runs = a.load_runs if n < a.big else 1
        if n >= a.big:
            self.notes.append("At %s each engine loads once (not a median) to stay within the time budget; "
                              "the operations are still medians of %d runs." % (sn, a.runs))
        log("bench: %s zhitu (%.0f s so far)" % (sn, time.time() - self.t_start))
        db = self.zhitu_load(n, nt, params, runs)
        if db:
            self.zhitu_ops(n, db, pp)
            self.zhitu_cli(n, db, params)
            if not a.keep:
                shutil.rmtree(db, ignore_errors=True)
        log("bench: %s sqlite (%.0f s so far)" % (sn, time.time() - self.t_start))
        self.sqlite(n, nt, pp, runs)
        log("bench: %s oxigraph (%.0f s so far)" % (sn, time.time() - self.t_start))
        if n <= a.oxigraph_max:
            self.oxigraph(n, nt, pp, runs)
        else:
            self.notes.append("Oxigraph skipped at %s (larger than --oxigraph-max)." % sn)
        self.check(n, params)
        self.params = getattr(self, "params", {})
        self.params[n] = params

    # ------------------------------------------------------------ report
    def med(self, size, eng, op, key="t"):
        d = self.res.get(size, {}).get(eng, {}).get(op)
        if not d or not d[key]:
            return None
        return statistics.median(d[key])

    def report(self):
        a = self.a
        L = []
        L.append("# zhitu benchmark results\n")
        L.append("Generated by `make bench` (bench/run.py) on %s. Every figure is the median of %d runs "
                 "unless a note says otherwise; times are per operation. Ratios are peer time ÷ zhitu time "
                 "(above 1: zhitu is faster)." % (time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()), a.runs))
        L.append("")
        L.append("Machine: %s, %d cores, %.0f GB RAM; %s; SQLite %s; Oxigraph %s (npm, on node %s)." % (
            cpu_model(), os.cpu_count() or 0, mem_gb(), platform.platform(), sqlite_version(),
            oxigraph_version(a.bench_dir), node_version()))
        L.append("")
        self.load_avg.append(os.getloadavg()[0])
        L.append("Load average (1 min) at the start and end of the run: %.1f and %.1f on %d cores. All figures "
                 "are wall-clock times: when other work shares the cores they grow for every engine alike." % (
                     self.load_avg[0], self.load_avg[-1], os.cpu_count() or 0))
        L.append("")
        L.append("Settings: zhitu through `zhitu load` (end to end, default durability) and its C API in one read "
                 "transaction per batch; SQLite with journal and fsync off, terms interned through an in-memory hash, "
                 "secondary indexes built after the rows, prepared statements; Oxigraph's in-memory store "
                 "(`Store.load` with `no_transaction`), SPARQL for every question. Peak RSS is each process's own "
                 "(ru_maxrss): for zhitu it includes the LMDB pages mapped while reading.")
        L.append("")
        sizes = sorted(self.res)
        for n in sizes:
            sn = size_name(n)
            pr = self.params.get(n, {})
            L.append("## %s triples (%s lines, %s entities, %s events)\n" % (
                sn, pr.get("triples", "?"), pr.get("entities", "?"), pr.get("events", "?")))
            L.append("| operation | zhitu | SQLite | Oxigraph | SQLite ÷ zhitu | Oxigraph ÷ zhitu | answer |")
            L.append("|---|---:|---:|---:|---:|---:|---:|")
            rows = ["load", "load_api", "lookup", "join", "join_first", "closure_down", "closure_up",
                    "path", "name", "short"]
            for op in rows:
                key, real = ("first", "join") if op == "join_first" else ("t", op)
                vals = {e: self.med(n, e, real, key) for e in ENGINES}
                if all(v is None for v in vals.values()):
                    continue
                cnt = None
                for e in ENGINES:
                    d = self.res.get(n, {}).get(e, {}).get(real)
                    if d and d["count"]:
                        cnt = d["count"][0]
                        break

                def cell(e):
                    v = vals[e]
                    if v is None:
                        return "—"
                    if op in ("load", "load_api") and cnt:
                        return "%s (%s)" % (fmt_time(v), fmt_rate(cnt / v))
                    if op in ("lookup", "name", "short"):
                        return "%s (%s)" % (fmt_time(v), fmt_rate(1 / v))
                    return fmt_time(v)

                def ratio(e):
                    z, v = vals["zhitu"], vals[e]
                    if z is None or v is None or z <= 0:
                        return "—"
                    return "%.1f×" % (v / z)
                answer = "" if op == "join_first" else (
                    "%s triples" % cnt if op in ("load", "load_api") else
                    ("%s hops" % cnt if op == "path" else "%s rows" % cnt)) if cnt is not None else ""
                L.append("| %s | %s | %s | %s | %s | %s | %s |" % (
                    OP_TITLE.get(op, op), cell("zhitu"), cell("sqlite"), cell("oxigraph"),
                    ratio("sqlite"), ratio("oxigraph"), answer))
            rss = []
            for e in ENGINES:
                m = max((d["rss"] for d in self.res.get(n, {}).get(e, {}).values()), default=0)
                if m:
                    rss.append("%s %.0f MB" % (e, m / 1024))
            L.append("")
            L.append("Peak RSS: " + ", ".join(rss) + ".")
            e2e = self.e2e.get(n, {})
            if "query" in e2e:
                L.append("End to end: one `zhitu query` process (start, open, parse, run, print, exit): %s." %
                         fmt_time(e2e["query"]))
            L.append("")
        if self.imp:
            i = self.imp
            rate = i["bytes"] / 1e6 / i["seconds"] if i["seconds"] > 0 else 0
            L.append("## Newsletter import\n")
            what = ("`zhitu import` of %d copies of %s (dates, model names and links varied so that no copy "
                    "is a duplicate), %.1f MB in all: " % (i["files"], os.path.basename(i["sample"]), i["bytes"] / 1e6))
            if i["rc"] == 0:
                L.append(what + "%s, **%.1f MB/s**, peak RSS %.0f MB." % (fmt_time(i["seconds"]), rate, i["rss"] / 1024))
            else:
                L.append(what + "FAILED (exit %d): %s" % (i["rc"], i["err"]))
            L.append("")
        L.extend(self.targets(sizes))
        if self.problems:
            L.append("## Problems (the run failed)\n")
            L.extend("- " + p for p in self.problems)
            L.append("")
        if self.notes:
            L.append("## Notes\n")
            L.extend("- " + p for p in self.notes)
            L.append("")
        L.append("![time per operation against graph size](results.png)\n")
        return "\n".join(L)

    def targets(self, sizes):
        if not sizes:
            return []
        L = ["## Targets (issue 7)\n", "| target | measured | met |", "|---|---|---|"]
        big = max(sizes)

        def row(name, measured, ok):
            L.append("| %s | %s | %s |" % (name, measured, "—" if ok is None else ("yes" if ok else "**no**")))

        def ratio(n, op, peer, key="t"):
            z, p = self.med(n, "zhitu", op, key), self.med(n, peer, op, key)
            return None if z is None or p is None else p / z
        for n in sizes:
            sn = size_name(n)
            z = self.med(n, "zhitu", "load")
            cnt = (self.res.get(n, {}).get("zhitu", {}).get("load") or {}).get("count", [0])
            if z and n >= 1e6:
                row("load ≥ 1M triples/s at %s" % sn, fmt_rate(cnt[0] / z), cnt[0] / z >= 1e6)
        for n in sizes:
            sn = size_name(n)
            for peer, want in (("sqlite", 5), ("oxigraph", 3)):
                r = ratio(n, "load", peer)
                if r is not None:
                    row("load ≥ %d× %s at %s" % (want, peer, sn), "%.1f×" % r, r >= want)
        for n in sizes:
            z = self.med(n, "zhitu", "lookup")
            if z:
                row("point lookups ≥ 1.5M/s at %s" % size_name(n), fmt_rate(1 / z), 1 / z >= 1.5e6)
            for peer, want in (("sqlite", 3), ("oxigraph", 20)):
                r = ratio(n, "lookup", peer)
                if r is not None:
                    row("lookups ≥ %d× %s at %s" % (want, peer, size_name(n)), "%.1f×" % r, r >= want)
        for n in sizes:
            f = self.med(n, "zhitu", "join", "first")
            if f is not None:
                row("join first row < 10 µs at %s" % size_name(n), fmt_time(f), f < 10e-6)
            r = ratio(n, "join", "sqlite")
            if r is not None:
                row("join ≥ 5× SQLite at %s" % size_name(n), "%.1f×" % r, r >= 5)
        for n in sizes:
            t = self.med(n, "zhitu", "closure_down")
            d = self.res.get(n, {}).get("zhitu", {}).get("closure_down")
            if t and d and d["count"][0]:
                per100k = t / d["count"][0] * 1e5
                row("closure of 100k nodes < 100 ms (%s: %d nodes in %s; scaled)" % (
                    size_name(n), d["count"][0], fmt_time(t)), fmt_time(per100k), per100k < 0.1)
            r = ratio(n, "closure_down", "sqlite")
            if r is not None:
                row("closure ≥ 5× SQLite's recursive CTE at %s" % size_name(n), "%.1f×" % r, r >= 5)
        s = self.med(big, "zhitu", "short")
        if s:
            row("short queries through the language ≥ 50k/s (%s)" % size_name(big), fmt_rate(1 / s), 1 / s >= 5e4)
        else:
            row("short queries through the language ≥ 50k/s", "not measured (the session failed)", None)
        if self.imp and self.imp["rc"] == 0:
            rate = self.imp["bytes"] / 1e6 / self.imp["seconds"]
            row("import ≥ 10 MB/s", "%.1f MB/s" % rate, rate >= 10)
        small = min(sizes)
        if big > small:
            lg = math.log(big) / math.log(small)
            for op, key, label in (("lookup", "t", "point lookup"), ("join", "first", "join first row"),
                                   ("name", "t", "name lookup")):
                a, b = self.med(small, "zhitu", op, key), self.med(big, "zhitu", op, key)
                if a and b:
                    row("%s grows ≤ log(size) from %s to %s (log ratio %.2f)" % (
                        label, size_name(small), size_name(big), lg), "%.2f×" % (b / a), b / a <= lg * 1.25)
            a, b = self.med(small, "zhitu", "join"), self.med(big, "zhitu", "join")
            ca = (self.res[small].get("zhitu", {}).get("join") or {}).get("count", [0])[0]
            cb = (self.res[big].get("zhitu", {}).get("join") or {}).get("count", [0])[0]
            if a and b and ca and cb:
                g = (b / cb) / (a / ca)
                row("join time per result row grows ≤ log(size) (%s → %s)" % (size_name(small), size_name(big)),
                    "%.2f×" % g, g <= lg * 1.25)
        L.append("")
        return L

    def plot(self, png):
        dat = os.path.join(self.work, "plot.dat")
        panels = [("load", "t", "bulk load"), ("lookup", "t", "point lookup"), ("join", "t", "time-range join"),
                  ("join", "first", "join: first row"), ("closure_down", "t", "part_of+ below root"),
                  ("closure_up", "t", "part_of+ above leaf"), ("path", "t", "shortest path"),
                  ("name", "t", "name lookup (alias)")]
        sizes = sorted(self.res)
        with open(dat, "w") as f:
            for i, (op, key, _) in enumerate(panels):
                for e in ENGINES:
                    f.write("# %s %s\n" % (op, e))
                    for n in sizes:
                        v = self.med(n, e, op, key)
                        if v:
                            f.write("%g %g\n" % (n, v))
                    f.write("\n\n")
        lines = ["set terminal pngcairo noenhanced size 1600,900 font 'sans,10'", "set output '%s'" % png,
                 "set logscale xy", "set format y '%.0e'", "set format x '%.0e'", "set key top left",
                 "set multiplot layout 2,4 title 'zhitu vs SQLite vs Oxigraph: seconds per operation against graph size (triples), log-log'"]
        for i, (op, key, title) in enumerate(panels):
            lines.append("set title '%s'" % title)
            lines.append("set xrange [%g:%g]" % (min(sizes) / 2, max(sizes) * 2) if sizes else "")
            plots = []
            for j, e in enumerate(ENGINES):
                plots.append("'%s' index %d using 1:2 with linespoints lw 2 title '%s'" % (dat, i * 3 + j, e))
            lines.append("plot " + ", ".join(plots))
        lines.append("unset multiplot")
        script = os.path.join(self.work, "plot.gp")
        with open(script, "w") as f:
            f.write("\n".join(lines) + "\n")
        rc, out, err, _, _ = run(["gnuplot", script], 120)
        if rc != 0:
            self.notes.append("gnuplot failed: " + err.strip()[:300])


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def mem_gb():
    try:
        with open("/proc/meminfo") as f:
            return int(f.readline().split()[1]) / 1024 / 1024
    except (OSError, ValueError, IndexError):
        return 0


def sqlite_version():
    try:
        import sqlite3
        return sqlite3.sqlite_version
    except ImportError:
        return "?"


def node_version():
    try:
        return subprocess.run(["node", "--version"], capture_output=True, text=True).stdout.strip()
    except OSError:
        return "?"


def oxigraph_version(bench_dir):
    try:
        with open(os.path.join(bench_dir, "node_modules", "oxigraph", "package.json")) as f:
            return json.load(f)["version"]
    except (OSError, ValueError, KeyError):
        return "?"


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1e5 1e6 1e7", help="graph sizes in triples, space or comma separated")
    ap.add_argument("--runs", type=int, default=5, help="runs per operation (the median is reported)")
    ap.add_argument("--load-runs", type=int, default=3, help="loads per engine below --big")
    ap.add_argument("--big", type=float, default=5e6, help="from this size on, load once")
    ap.add_argument("--oxigraph-max", type=float, default=1e7, help="largest size given to Oxigraph")
    ap.add_argument("--timeout", type=int, default=900, help="seconds allowed to one engine process")
    ap.add_argument("--work", default=os.path.join(here, "work"))
    ap.add_argument("--bin", default=os.path.join(here, "work", "bin"))
    ap.add_argument("--zhitu", default=os.path.join(here, "..", "zhitu"))
    ap.add_argument("--sample", default="", help="newsletter issue to replicate for the import figure")
    ap.add_argument("--import-mb", type=float, default=50)
    ap.add_argument("--out", default=os.path.join(here, "results.md"))
    ap.add_argument("--png", default=os.path.join(here, "results.png"))
    ap.add_argument("--keep", action="store_true", help="keep the databases in the work directory")
    a = ap.parse_args()
    a.bench_dir = here
    a.zhitu = os.path.abspath(a.zhitu)
    a.bin = os.path.abspath(a.bin)
    sizes = [float(s) for s in a.sizes.replace(",", " ").split()]
    b = Bench(a)
    for n in sizes:
        b.size(n)
    log("bench: import (%.0f s so far)" % (time.time() - b.t_start))
    b.importer()
    b.notes.append("Whole run: %.0f s." % (time.time() - b.t_start))
    b.plot(a.png)
    text = b.report()
    with open(a.out, "w", encoding="utf-8") as f:
        f.write(text)
    print(text)
    if b.problems:
        print("\nbench: FAILED — %d problem(s), see above" % len(b.problems))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
