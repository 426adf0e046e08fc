// The side-by-side benchmark, the same code in Node and in Chromium: our wasm package against
// geokdbush and geoflatbush (and brute force) on the same points and queries, and our trade
// normaliser against Fuse.js and fuzzysort over the same taxonomy aliases. Each case is timed
// as the median of at least five runs; answers are checked against brute force.

const EARTH_RADIUS_KM = 6371.0088;
const RAD = Math.PI / 180;
const CITIES = [
  [32.06, 118.79], [31.23, 121.47], [39.9, 116.4], [29.56, 106.55],
  [23.13, 113.26], [30.57, 104.07], [26.65, 106.63], [30.27, 120.15],
];
export const TRADES = ["cleaner", "electrician", "porter", "waiter", "cook", "general_worker", "courier", "security_guard", "bricklayer", "housekeeper"];
export const TRADE_NAMES = ["保洁员", "电工", "搬运工", "服务员", "厨师", "普工", "快递员", "保安", "瓦工", "家政服务员"];

/** A small deterministic generator, so Node and the browser measure identical data. */
function mulberry32(seed) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function cityPoint(rand) {
  const [lat, lng] = CITIES[Math.floor(rand() * CITIES.length)];
  const spread = 0.5 * rand();
  return [lat + (rand() * 2 - 1) * spread, lng + (rand() * 2 - 1) * spread];
}

export function makePoints(n, seed = 42) {
  const rand = mulberry32(seed);
  const lat = new Float64Array(n), lng = new Float64Array(n), trade = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    [lat[i], lng[i]] = cityPoint(rand);
    trade[i] = i % TRADES.length;
  }
  return { n, lat, lng, trade };
}

export function makeQueries(count, seed = 7) {
  const rand = mulberry32(seed);
  return Array.from({ length: count }, () => cityPoint(rand));
}

function haversineKm(lat1, lng1, lat2, lng2) {
  const h = Math.sin(((lat2 - lat1) * RAD) / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(((lng2 - lng1) * RAD) / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

function bruteForce(points, lat, lng, k, radiusKm, trade) {
  const hits = [];
  for (let i = 0; i < points.n; i++) {
    if (trade !== undefined && points.trade[i] !== trade) continue;
    const d = haversineKm(lat, lng, points.lat[i], points.lng[i]);
    if (d <= radiusKm) hits.push([i, d]);
  }
  hits.sort((a, b) => a[1] - b[1]);
  return hits.slice(0, k);
}

function median(values) {
  const v = [...values].sort((a, b) => a - b);
  return v[Math.floor(v.length / 2)];
}

/** Median milliseconds of `runs` runs of `f` (after one warm-up run). */
function time(runs, f) {
  f();
  const ms = [];
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    f();
    ms.push(performance.now() - t0);
  }
  return median(ms);
}

/** Distances of two answers agree within 0.05% (geokdbush uses a 6371 km radius). */
function sameDistances(a, b) {
  if (a.length !== b.length) return false;
  return a.every((d, i) => Math.abs(d - b[i]) <= 5e-4 * Math.max(b[i], 0.001) + 1e-6);
}

export async function runGeo({ pkg, KDBush, geokdbush, Flatbush, geoflatbush, n, queries, runs, log }) {
  const points = makePoints(n);
  const results = [];
  const row = (name, lib, ms, perQuery, correct) => {
    results.push({ n, case: name, lib, ms: +ms.toFixed(3), us_per_query: perQuery === undefined ? null : +perQuery.toFixed(2), correct });
    log?.(`${n} ${name} ${lib}: ${perQuery === undefined ? ms.toFixed(1) + " ms" : perQuery.toFixed(2) + " µs/query"}${correct === false ? " WRONG" : ""}`);
  };

  const postings = Array.from({ length: n }, (_, i) => ({ id: String(i), trade: TRADE_NAMES[points.trade[i]], location: { lat: points.lat[i], lng: points.lng[i] } }));
  let ours;
  row("build", "linggong (wasm)", time(Math.min(runs, 5), () => { ours?.free(); ours = pkg.GigIndex.fromPostings(postings); }), undefined, null);
  let kd;
  row("build", "geokdbush", time(runs, () => {
    kd = new KDBush(n);
    for (let i = 0; i < n; i++) kd.add(points.lng[i], points.lat[i]);
    kd.finish();
  }), undefined, null);
  let fb;
  row("build", "geoflatbush", time(runs, () => {
    fb = new Flatbush(n);
    for (let i = 0; i < n; i++) fb.add(points.lng[i], points.lat[i]);
    fb.finish();
  }), undefined, null);

  const cases = [
    { name: "knn k=1", k: 1, radiusKm: Infinity },
    { name: "knn k=20", k: 20, radiusKm: Infinity },
    { name: "knn k=20, 10% trade filter", k: 20, radiusKm: Infinity, trade: 0 },
    { name: "radius 5 km", k: Infinity, radiusKm: 5 },
    { name: "radius 20 km", k: Infinity, radiusKm: 20 },
  ];
  for (const c of cases) {
    const oursQuery = ([lat, lng]) => {
      const o = { lat, lng };
      if (c.k !== Infinity) o.k = c.k;
      if (c.radiusKm !== Infinity) o.radiusKm = c.radiusKm;
      if (c.trade !== undefined) o.trade = TRADES[c.trade];
      return ours.nearby(o).map((g) => g.distanceM / 1000);
    };
    const packedQuery = ([lat, lng]) => {
      const r = ours.nearbyPacked(lat, lng, c.k === Infinity ? undefined : c.k, c.radiusKm === Infinity ? undefined : c.radiusKm, c.trade === undefined ? undefined : TRADES[c.trade]);
      const d = new Array(r.length / 2);
      for (let i = 0; i < d.length; i++) d[i] = r[2 * i + 1] / 1000;
      return d;
    };
    const filter = c.trade === undefined ? undefined : (i) => points.trade[i] === c.trade;
    const kdQuery = ([lat, lng]) => geokdbush.around(kd, lng, lat, c.k, c.radiusKm === Infinity ? undefined : c.radiusKm, filter)
      .map((i) => haversineKm(lat, lng, points.lat[i], points.lng[i]));
    const fbQuery = ([lat, lng]) => (c.k === Infinity
      ? geoflatbush.within(fb, lng, lat, c.radiusKm, filter).map((i) => haversineKm(lat, lng, points.lat[i], points.lng[i])).sort((a, b) => a - b)
      : geoflatbush.around(fb, lng, lat, c.k, c.radiusKm, filter).map((i) => haversineKm(lat, lng, points.lat[i], points.lng[i])));
    // Correctness on the first queries, against brute force.
    const check = queries.slice(0, 8).map(([lat, lng]) => bruteForce(points, lat, lng, c.k, c.radiusKm, c.trade).map((h) => h[1]));
    const correct = (f) => queries.slice(0, 8).every((q, i) => sameDistances(f(q), check[i]));
    // The object-returning nearby() is for screens of results, not thousands of them.
    const variants = [["linggong (wasm, nearbyPacked)", packedQuery], ["linggong (wasm, nearby)", oursQuery], ["geokdbush", kdQuery], ["geoflatbush", fbQuery]]
      .filter(([lib]) => c.k !== Infinity || lib !== "linggong (wasm, nearby)");
    for (const [lib, f] of variants) {
      const ok = correct(f);
      const ms = time(runs, () => { for (const q of queries) f(q); });
      row(c.name, lib, ms, (ms * 1000) / queries.length, ok);
    }
    const few = queries.slice(0, 5);
    const ms = time(Math.min(runs, 5), () => { for (const [lat, lng] of few) bruteForce(points, lat, lng, c.k, c.radiusKm, c.trade); });
    row(c.name, "brute force (JS)", ms, (ms * 1000) / few.length, true);
  }
  ours.free();
  return results;
}

export function parseTsv(text) {
  return text.split("\n").filter((l) => l && !l.startsWith("#")).map((l) => l.split("\t"));
}

export async function runNormalizer({ pkg, Fuse, fuzzysort, tradesTsv, evalTsv, runs, log }) {
  const targets = [];
  for (const [id, name, , aliases] of parseTsv(tradesTsv)) {
    targets.push({ id, text: name });
    for (const a of (aliases || "").split("|").filter(Boolean)) targets.push({ id, text: a });
  }
  const cases = parseTsv(evalTsv).map(([expected, input]) => ({ expected: expected === "-" ? null : expected, input }));
  const fuse = new Fuse(targets, { keys: ["text"], threshold: 0.4, includeScore: true });
  const prepared = targets.map((t) => ({ ...t, prepared: fuzzysort.prepare(t.text) }));
  const libs = [
    ["linggong (wasm)", (s) => pkg.normalizeTrade(s).trade?.id ?? null],
    ["Fuse.js", (s) => fuse.search(s, { limit: 1 })[0]?.item.id ?? null],
    ["fuzzysort", (s) => fuzzysort.go(s, prepared, { key: "prepared", limit: 1, threshold: 0.3 })[0]?.obj.id ?? null],
  ];
  const results = [];
  for (const [lib, f] of libs) {
    const right = cases.filter((c) => c.expected !== null && f(c.input) === c.expected).length;
    const trades = cases.filter((c) => c.expected !== null).length;
    const rejected = cases.filter((c) => c.expected === null && f(c.input) === null).length;
    const nonsense = cases.length - trades;
    const ms = time(runs, () => { for (const c of cases) f(c.input); });
    const r = { lib, inputs: cases.length, aliases: targets.length, us_per_input: +((ms * 1000) / cases.length).toFixed(2), top1: +(right / trades).toFixed(3), rejection: +(rejected / nonsense).toFixed(3) };
    results.push(r);
    log?.(`normalizer ${lib}: ${r.us_per_input} µs/input, top-1 ${r.top1}, nonsense rejection ${r.rejection}`);
  }
  return results;
}
