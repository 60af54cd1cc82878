// oxigraph_peer.mjs — the Oxigraph peer of `make bench`: the npm package
// `oxigraph` (an RDF store with SPARQL 1.1) run with node.
//
//   node oxigraph_peer.mjs FILE.nt PARAMS.tsv RUNS
//
// The JS build keeps its store in memory (WebAssembly), so one process
// loads the file and then answers the questions of PARAMS.tsv (see
// bench/params.h) RUNS times, all in SPARQL: property paths for the
// closures, iterative deepening with ASK over a fixed-length sequence of
// the relation predicates for the shortest path (SPARQL has no shortest
// path).  Output: one JSON line per figure, like the C drivers.
import { readFileSync, openSync, readSync, closeSync } from "node:fs";
import { performance } from "node:perf_hooks";
import oxigraph from "oxigraph";

const [file, paramsPath, runsArg] = process.argv.slice(2);
if (!file || !paramsPath) {
  console.error("usage: node oxigraph_peer.mjs FILE.nt PARAMS.tsv RUNS");
  process.exit(2);
}
const runs = Number(runsArg || 3);

// The same list as bench/params.h bench_path_preds.
const PATH_PREDS = ["actor", "object", "part_of", "jurisdiction", "issued_by", "developer", "developed",
  "investee", "lead_investor", "investor", "invested_in", "court", "plaintiff", "defendant"];

function emit(op, count, n, seconds, first = -1) {
  const rss = process.resourceUsage().maxRSS; // kB
  console.log(JSON.stringify({ engine: "oxigraph", op, count, n, seconds, first, rss_kb: rss }));
}

function readParams(path) {
  const p = { lookup: [], names: [], shortq: [] };
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const f = line.split("\t");
    switch (f[0]) {
      case "lookup": p.lookup.push(f[1]); break;
      case "join": p.join = { topic: f[1], from: f[2], to: f[3] }; break;
      case "closure_down": p.closureDown = f[1]; break;
      case "closure_up": p.closureUp = f[1]; break;
      case "path": p.path = { a: f[1], b: f[2], max: Number(f[3]) }; break;
      case "name": p.names.push({ text: f[1], lang: f[2] }); break;
    }
  }
  return p;
}

// The file in 16 MB pieces: a JS string cannot hold a 1 GB file, and
// Store.load takes any iterable of chunks.
function* chunks(path) {
  const fd = openSync(path, "r");
  const size = 16 << 20;
  try {
    for (;;) {
      const buf = Buffer.allocUnsafe(size);
      const n = readSync(fd, buf, 0, size, null);
      if (n <= 0) return;
      yield new Uint8Array(buf.buffer, buf.byteOffset, n);
    }
  } finally {
    closeSync(fd);
  }
}

const P = readParams(paramsPath);
const store = new oxigraph.Store();
let t0 = performance.now();
store.load(chunks(file), { format: "application/n-triples", no_transaction: true });
emit("load", store.size, 1, (performance.now() - t0) / 1000);

const PREFIX = "PREFIX z: <urn:zhitu:p:> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> " +
  "PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX xsd: <http://www.w3.org/2001/XMLSchema#> ";
const select = (q) => store.query(PREFIX + q);
const step = "(" + PATH_PREDS.map((p) => `z:${p}|^z:${p}`).join("|") + ")";

for (let r = 0; r < runs; r++) {
  t0 = performance.now();
  let rows = 0;
  for (const iri of P.lookup)
    rows += select(`SELECT ?s ?p ?o WHERE { { ${iri} ?p ?o } UNION { ?s ?p ${iri} } }`).length;
  emit("lookup", rows, P.lookup.length, (performance.now() - t0) / 1000);

  // query() returns the whole result at once, so the first row costs the
  // whole query here.
  t0 = performance.now();
  const j = P.join;
  rows = select(`SELECT ?e ?a WHERE { ?e z:topic ${j.topic} . ?e z:date ?d .
    FILTER(?d >= "${j.from}"^^xsd:date && ?d <= "${j.to}"^^xsd:date) ?e z:actor ?a }`).length;
  let dt = (performance.now() - t0) / 1000;
  emit("join", rows, 1, dt, dt);

  t0 = performance.now();
  rows = select(`SELECT DISTINCT ?x WHERE { ?x z:part_of+ ${P.closureDown} }`).length;
  emit("closure_down", rows, 1, (performance.now() - t0) / 1000);

  t0 = performance.now();
  rows = select(`SELECT DISTINCT ?x WHERE { ${P.closureUp} z:part_of+ ?x }`).length;
  emit("closure_up", rows, 1, (performance.now() - t0) / 1000);

  t0 = performance.now();
  let len = -1;
  for (let k = 1; k <= P.path.max && len < 0; k++) {
    const seq = Array(k).fill(step).join("/");
    if (select(`ASK { ${P.path.a} ${seq} ${P.path.b} }`)) len = k;
  }
  emit("path", len, 1, (performance.now() - t0) / 1000);

  t0 = performance.now();
  rows = 0;
  for (const n of P.names)
    rows += select(`SELECT DISTINCT ?n ?l WHERE { ?n rdfs:label|skos:altLabel "${n.text}"@${n.lang} . ?n rdfs:label ?l }`).length;
  emit("name", rows, P.names.length, (performance.now() - t0) / 1000);
}
