// Trunk's post-build hook: makes the web apps' download smaller without touching their code.
// wasm-bindgen names each import `__wbg_<name>_<16 hex digits>` and writes every name twice,
// in the wasm and in its JS glue; random hex does not compress, so some 200 names cost ~5 KB
// of gzip. Here binaryen's wasm-opt gives imports, exports and the import module short names,
// the wasm gets a second round of optimisation, the JS is rewritten to match and minified
// (esbuild), and the `integrity` hashes Trunk wrote into index.html are made again. About 10 KB
// gzip of the seeker's app (budget 350 KB).
//
// Run by Trunk (Trunk.toml) with TRUNK_STAGING_DIR set, or by hand: `node scripts/shrink-app.mjs DIR`.
// Fails loudly rather than ship glue that no longer matches its wasm.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { transformSync } from "esbuild";

const root = new URL("..", import.meta.url).pathname;
const WASM_OPT = join(root, "node_modules/binaryen/bin/wasm-opt");
// The features Rust 1.95 emits for wasm32 (DEVELOPERS.md), which wasm-opt must be told of.
const FEATURES = [
  "--enable-bulk-memory", "--enable-sign-ext", "--enable-nontrapping-float-to-int",
  "--enable-mutable-globals", "--enable-reference-types", "--enable-multivalue",
];

// A second optimisation round after Trunk's `-Oz`: flattening and re-looping the control flow
// before two more `-Oz` passes finds what one pass leaves (about 2 KB gzip of the seeker's app
// at 350 KB; ~25 s more per build, measured 2026-12-01).
const SECOND_ROUND = ["--flatten", "--rereloop", "-Oz", "-Oz"];

/** The LEB128 number at `at` in `bytes`, and where it ends. */
function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  for (;;) {
    const byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
    if (byte < 0x80) return [value, at];
  }
}

/** The module names the wasm imports from. */
function importModules(bytes) {
  const modules = new Set();
  let at = 8;
  while (at < bytes.length) {
    const id = bytes[at];
    const [size, body] = leb(bytes, at + 1);
    if (id === 2) {
      let [count, p] = leb(bytes, body);
      for (; count > 0; count--) {
        let len;
        [len, p] = leb(bytes, p);
        modules.add(Buffer.from(bytes.subarray(p, p + len)).toString());
        p += len;
        [len, p] = leb(bytes, p);
        p += len;
        const kind = bytes[p++];
        if (kind === 0) [, p] = leb(bytes, p); // a function: its type index
        else throw new Error(`import of kind ${kind}: only functions are expected from wasm-bindgen`);
      }
    }
    at = body + size;
  }
  return [...modules];
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const sri = (bytes) => `sha384-${createHash("sha384").update(bytes).digest("base64")}`;

/** Shrinks one app: `stem`_bg.wasm and `stem`.js in `dir`; their new integrity hashes. */
function shrink(dir, stem) {
  const wasmPath = join(dir, `${stem}_bg.wasm`);
  const jsPath = join(dir, `${stem}.js`);
  const [oldModule] = importModules(readFileSync(wasmPath));
  const map = JSON.parse(execFileSync(WASM_OPT, [
    wasmPath, "--minify-imports-and-exports-and-modules", ...SECOND_ROUND, ...FEATURES, "-o", wasmPath,
  ], { encoding: "utf8", maxBuffer: 1 << 24 }));
  const wasm = readFileSync(wasmPath);
  const [newModule, ...more] = importModules(wasm);
  if (more.length) throw new Error(`${stem}: imports from ${more.length + 1} modules`);
  let js = readFileSync(jsPath, "utf8");
  const moduleKey = JSON.stringify(oldModule);
  if (!js.includes(moduleKey)) throw new Error(`${stem}.js never names the module ${moduleKey}`);
  js = js.replaceAll(moduleKey, JSON.stringify(newModule));
  for (const [, from, to] of map.imports) {
    const key = new RegExp(`\\b${escape(from)}(?=\\s*:)`, "g");
    if (!key.test(js)) throw new Error(`${stem}.js has no import ${from}`);
    js = js.replace(key, JSON.stringify(to));
  }
  for (const [from, to] of map.exports) {
    js = js.replace(new RegExp(`\\bwasm\\.${escape(from)}\\b`, "g"), `wasm[${JSON.stringify(to)}]`);
  }
  const left = [...js.matchAll(/\bwasm\.([A-Za-z_$][\w$]*)/g)].map((m) => m[1]);
  if (left.length) throw new Error(`${stem}.js still uses exports ${[...new Set(left)].join(", ")}`);
  js = transformSync(js, { format: "esm", minify: true, target: "es2020" }).code;
  writeFileSync(jsPath, js);
  return { [`${stem}.js`]: sri(Buffer.from(js)), [`${stem}_bg.wasm`]: sri(wasm) };
}

/** Writes each file's new hash into the `integrity` of the tag that names it. */
function rehash(dir, hashes) {
  const htmlPath = join(dir, "index.html");
  let html = readFileSync(htmlPath, "utf8");
  for (const [file, hash] of Object.entries(hashes)) {
    const tag = new RegExp(`(<[^>]*${escape(file)}"[^>]*integrity=")[^"]*(")`);
    if (tag.test(html)) html = html.replace(tag, `$1${hash}$2`);
  }
  // The loader Trunk writes imports the JS and fetches the wasm by name; no hash is kept there.
  writeFileSync(htmlPath, html);
}

const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("usage: node scripts/shrink-app.mjs DIR (or TRUNK_STAGING_DIR)");
const stems = readdirSync(dir)
  .filter((f) => f.endsWith("_bg.wasm"))
  .map((f) => f.slice(0, -"_bg.wasm".length));
const hashes = {};
for (const stem of stems) Object.assign(hashes, shrink(dir, stem));
rehash(dir, hashes);
