// Where the wasm spends a query: builds the side-by-side points (1M by default), runs one
// query kind many times under V8's sampling profiler, and prints the functions with the most
// self time. Needs a package built with names (scripts/profile.sh does that).
// Usage: node benches/js/profile.mjs <pkg-dir> [k20|trade|r5] [points]
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Session } from "node:inspector/promises";
import { makePoints, makeQueries, TRADES, TRADE_NAMES } from "./side-by-side/cases.mjs";

const [dir, kind = "k20", n = 1_000_000] = process.argv.slice(2);
const pkg = await import(join(dir, "linggong.js"));
pkg.initSync({ module: readFileSync(join(dir, "linggong_bg.wasm")) });
const points = makePoints(Number(n));
const postings = Array.from({ length: points.n }, (_, i) => ({ id: String(i), trade: TRADE_NAMES[points.trade[i]], location: { lat: points.lat[i], lng: points.lng[i] } }));
const index = pkg.GigIndex.fromPostings(postings);
const queries = makeQueries(200);
const query = {
  k20: (lat, lng) => index.nearbyPacked(lat, lng, 20),
  trade: (lat, lng) => index.nearbyPacked(lat, lng, 20, undefined, TRADES[0]),
  r5: (lat, lng) => index.nearbyPacked(lat, lng, undefined, 5),
}[kind];
if (!query) throw new Error(`unknown query kind ${kind}: use k20, trade or r5`);

const session = new Session();
session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.setSamplingInterval", { interval: 50 });
await session.post("Profiler.start");
const t0 = performance.now();
let count = 0;
for (let r = 0; r < 100; r++) for (const [lat, lng] of queries) { query(lat, lng); count++; }
const usPerQuery = ((performance.now() - t0) * 1000) / count;
const { profile } = await session.post("Profiler.stop");
writeFileSync(join(dir, `${kind}.cpuprofile`), JSON.stringify(profile));

// Self time per function; `dispatch` is the inspector's own frame, not the query's.
const selfUs = new Map();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const byName = new Map();
let total = 0;
for (const node of profile.nodes) {
  if (node.callFrame.functionName === "dispatch") continue;
  const t = selfUs.get(node.id) ?? 0;
  const name = (node.callFrame.functionName || "(anonymous)").replace(/::h[0-9a-f]{16}$/, "");
  byName.set(name, (byName.get(name) ?? 0) + t);
  total += t;
}
console.log(`${kind} at ${points.n} points: ${usPerQuery.toFixed(2)} µs/query (under the profiler)`);
for (const [name, t] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, 12)) {
  console.log(`${((100 * t) / total).toFixed(1).padStart(5)}%  ${name.slice(0, 120)}`);
}
