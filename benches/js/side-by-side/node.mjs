// Runs the side-by-side benchmark in Node; prints JSON lines of results to stdout.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import KDBush from "kdbush";
import * as geokdbush from "geokdbush";
import Flatbush from "flatbush";
import * as geoflatbush from "geoflatbush";
import Fuse from "fuse.js";
import fuzzysort from "fuzzysort";
import { makeQueries, runGeo, runNormalizer } from "./cases.mjs";

const root = new URL("../../../", import.meta.url).pathname;
const pkg = await import(join(root, "pkg/linggong.js"));
pkg.initSync({ module: readFileSync(join(root, "pkg/linggong_bg.wasm")) });
const sizes = (process.env.LINGGONG_BENCH_SIZES ?? "100000,1000000").split(",").map(Number);
const runs = Number(process.env.LINGGONG_BENCH_RUNS ?? 5);
const log = (m) => console.error(`[node] ${m}`);
const out = { env: `Node ${process.version}`, geo: [], normalizer: [] };
for (const n of sizes) out.geo.push(...(await runGeo({ pkg, KDBush, geokdbush, Flatbush, geoflatbush, n, queries: makeQueries(200), runs, log })));
out.normalizer = await runNormalizer({
  pkg, Fuse, fuzzysort, runs, log,
  tradesTsv: readFileSync(join(root, "core/data/trades.tsv"), "utf8"),
  evalTsv: readFileSync(join(root, "tests/data/trade_eval.tsv"), "utf8"),
});
console.log(JSON.stringify(out));
