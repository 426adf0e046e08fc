// Brotli and gzip copies of every text asset in a folder, made once at build time so the
// server sends them by Accept-Encoding without compressing per request (linggong-server
// serves FILE.br or FILE.gz beside FILE). Usage: node scripts/precompress.mjs DIR
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { extname, join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const TEXT = new Set([".html", ".js", ".mjs", ".wasm", ".css", ".json", ".jsonl", ".csv", ".svg", ".txt", ".webmanifest"]);
/** Smaller files gain less than the bytes of the header that names the encoding. */
const MIN_BYTES = 1024;

function* files(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) yield* files(path);
    else yield path;
  }
}

const dir = process.argv[2];
if (!dir) {
  console.error("usage: node scripts/precompress.mjs DIR");
  process.exit(2);
}
let count = 0;
for (const path of files(dir)) {
  if (!TEXT.has(extname(path)) || statSync(path).size < MIN_BYTES) continue;
  const bytes = readFileSync(path);
  writeFileSync(`${path}.br`, brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }));
  writeFileSync(`${path}.gz`, gzipSync(bytes, { level: 9 }));
  count += 1;
}
console.error(`precompress: ${count} files in ${dir} (.br and .gz beside each)`);
