// The app's download as its budget counts it (issue 7: ≤ 350 KB): the wasm and JS Trunk puts
// in dist/, each gzip-compressed at level 9 by Node's zlib; the desk's (≤ 400 KB) in dist/desk/. Used by the app budget bench, the
// e2e budget test and scripts/wasm-size.sh; run directly it prints the size of dist/ or of the
// files named: `node scripts/app-size.mjs [dist | FILE...]`.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";

export const GZIP_BUDGET_KB = 350;

/** The desk's budget (issue 18): its own bundle in dist/desk/, which seekers never load. */
export const DESK_GZIP_BUDGET_KB = 400;

/** The wasm and JS of the app named `app` (`linggong-web`, `linggong-desk`) in a Trunk dist folder. */
export function shippedFiles(dist, app = "linggong-web") {
  return readdirSync(dist)
    .filter((f) => f.startsWith(`${app}-`) && /\.(js|wasm)$/.test(f))
    .map((f) => join(dist, f));
}

/** Raw and gzip bytes of `files`, in all. */
export function sizeOf(files) {
  let rawBytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const bytes = readFileSync(file);
    rawBytes += bytes.length;
    gzipBytes += gzipSync(bytes, { level: 9 }).length;
  }
  return { rawBytes, gzipBytes };
}

if (resolve(process.argv[1] ?? "") === new URL(import.meta.url).pathname) {
  const args = process.argv.slice(2);
  const files = args.length === 1 && statSync(args[0]).isDirectory() ? shippedFiles(args[0])
    : args.length > 0 ? args : shippedFiles("dist");
  const { rawBytes, gzipBytes } = sizeOf(files);
  console.log(`app wasm + JS: ${(gzipBytes / 1000).toFixed(1)} KB gzip (raw ${(rawBytes / 1000).toFixed(0)} KB; budget ${GZIP_BUDGET_KB} KB)`);
}
