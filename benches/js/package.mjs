// The npm package: its size (raw, gzip, brotli) and the time to build a GigIndex from the
// snapshot of 100k demo postings in Node (median of 7 runs), against fromPostings.
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";
import { performance } from "node:perf_hooks";

const root = new URL("../../", import.meta.url).pathname;
const pkgDir = join(root, "pkg");
const data = join(root, "target/bench-data/100k");
const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;

for (const file of ["linggong_bg.wasm", "linggong.js"]) {
  const bytes = readFileSync(join(pkgDir, file));
  const gz = gzipSync(bytes, { level: 9 }).length;
  const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  console.log(`package ${file}: ${kib(bytes.length)} raw, ${kib(gz)} gzip, ${kib(br)} brotli`);
}

if (!existsSync(join(data, "snap/manifest.json"))) {
  mkdirSync(data, { recursive: true });
  const cli = join(root, "target/release/linggong");
  execFileSync(cli, ["demo", "--seed", "1", "--postings", "100000", "--seekers", "0", "--out", data], { stdio: "inherit" });
  execFileSync(cli, ["snapshot", "--data", join(data, "postings.jsonl"), "--out", join(data, "snap"), "--now", "2026-11-23T08:00:00+08:00"], { stdio: "inherit" });
}
const pkg = await import(join(pkgDir, "linggong.js"));
pkg.initSync({ module: readFileSync(join(pkgDir, "linggong_bg.wasm")) });
const tiles = readdirSync(join(data, "snap/tiles")).map((f) => new Uint8Array(readFileSync(join(data, "snap/tiles", f))));
const postings = readFileSync(join(data, "postings.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));

function median(runs, f) {
  const times = [];
  let result;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    result = f();
    times.push(performance.now() - t0);
    result.free?.();
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

const fromSnapshot = median(7, () => pkg.GigIndex.fromSnapshot(tiles));
const fromPostings = median(7, () => pkg.GigIndex.fromPostings(postings));
console.log(`wasm in Node ${process.version}: GigIndex.fromSnapshot(100k postings, ${tiles.length} tiles) median ${fromSnapshot.toFixed(0)} ms`);
console.log(`wasm in Node ${process.version}: GigIndex.fromPostings(100k parsed objects) median ${fromPostings.toFixed(0)} ms`);
