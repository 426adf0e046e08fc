// `make bench`'s side-by-side part: runs the cases natively, in Node and in headless
// Chromium, adds the sizes of the app and the package, and writes
// target/bench/side-by-side.json and .md (the Markdown is printed too).
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

const root = new URL("../../../", import.meta.url).pathname;
const here = join(root, "benches/js/side-by-side");
const run = (cmd, args) => JSON.parse(execFileSync(cmd, args, { cwd: root, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1 << 26 }));

const native = run(join(root, "target/release/side_by_side_native"), []);
const { makePoints } = await import("./cases.mjs");
const js = makePoints(1);
if (native.first_point[0] !== js.lat[0] || native.first_point[1] !== js.lng[0]) {
  throw new Error(`native points differ from the JS ones: ${native.first_point} vs ${js.lat[0]},${js.lng[0]}`);
}
const node = run("node", [join(here, "node.mjs")]);
const chromium = run("node", [join(here, "chromium.mjs")]);

function sizes(dir, match) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => match.test(f)).map((f) => {
    const bytes = readFileSync(join(dir, f));
    return {
      file: f,
      raw: bytes.length,
      gzip: gzipSync(bytes, { level: 9 }).length,
      brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  });
}
const result = {
  date: new Date().toISOString().slice(0, 10),
  machine: `${execFileSync("nproc", { encoding: "utf8" }).trim()} cores, ${process.platform} ${process.arch}`,
  runs: native.geo, node, chromium,
  sizes: { app: sizes(join(root, "dist"), /\.(wasm|js)$/), package: sizes(join(root, "pkg"), /\.(wasm|js)$/) },
};
mkdirSync(join(root, "target/bench"), { recursive: true });
writeFileSync(join(root, "target/bench/side-by-side.json"), JSON.stringify(result, null, 2));

const us = (x) => (x == null ? "—" : x >= 1000 ? `${(x / 1000).toFixed(2)} ms` : `${x.toFixed(1)} µs`);
const find = (rows, n, c, lib) => rows.find((r) => r.n === n && r.case === c && r.lib === lib);
const libs = ["linggong (wasm, nearbyPacked)", "linggong (wasm, nearby)", "geokdbush", "geoflatbush", "brute force (JS)"];
let md = `Measured ${result.date} on this machine (${result.machine}); medians of 5 runs of 200 queries over the same points (8 city clusters); per-query times.\n\n`;
const ns = [...new Set(node.geo.map((r) => r.n))];
for (const [env, data] of [["Node " + node.env.replace("Node ", ""), node], [chromium.env, chromium]]) {
  for (const n of ns) {
    md += `#### ${env}, ${n.toLocaleString("en")} points\n\n| case | native | ${libs.join(" | ")} | wasm ÷ native |\n|---|${"---:|".repeat(libs.length + 2)}\n`;
    for (const c of ["build", "knn k=1", "knn k=20", "knn k=20, 10% trade filter", "radius 5 km", "radius 20 km"]) {
      const nat = find(native.geo, n, c, "linggong (native)");
      const cell = (lib) => {
        const r = find(data.geo, n, c === "build" ? c : c, c === "build" && lib.startsWith("linggong") ? "linggong (wasm)" : lib);
        if (!r) return "—";
        const v = c === "build" ? `${r.ms.toFixed(0)} ms` : us(r.us_per_query);
        return r.correct === false ? `${v} ✗` : v;
      };
      const wasm = find(data.geo, n, c, c === "build" ? "linggong (wasm)" : "linggong (wasm, nearbyPacked)");
      const ratio = nat && wasm ? (c === "build" ? wasm.ms / nat.ms : wasm.us_per_query / nat.us_per_query).toFixed(1) + "×" : "—";
      const natCell = nat ? (c === "build" ? `${nat.ms.toFixed(0)} ms` : us(nat.us_per_query)) : "—";
      md += `| ${c} | ${natCell} | ${libs.map((l) => (c === "build" && l === "linggong (wasm, nearby)") || (c === "build" && l.startsWith("brute")) ? "—" : cell(l)).join(" | ")} | ${ratio} |\n`;
    }
    md += "\n";
  }
}
md += `#### Trade normaliser (${node.normalizer[0].inputs} inputs of the evaluation set, ${node.normalizer[0].aliases} names and aliases)\n\n| library | Node µs/input | Chromium µs/input | top-1 accuracy | nonsense rejection |\n|---|---:|---:|---:|---:|\n`;
for (const r of node.normalizer) {
  const c = chromium.normalizer.find((x) => x.lib === r.lib);
  md += `| ${r.lib} | ${r.us_per_input} | ${c?.us_per_input ?? "—"} | ${r.top1} | ${r.rejection} |\n`;
}
md += `\n#### Sizes\n\n| file | raw | gzip | brotli |\n|---|---:|---:|---:|\n`;
for (const [what, list] of Object.entries(result.sizes)) {
  for (const s of list) md += `| ${what}: ${s.file} | ${(s.raw / 1024).toFixed(0)} KiB | ${(s.gzip / 1024).toFixed(0)} KiB | ${(s.brotli / 1024).toFixed(0)} KiB |\n`;
}
writeFileSync(join(root, "target/bench/side-by-side.md"), md);
console.log(md);
