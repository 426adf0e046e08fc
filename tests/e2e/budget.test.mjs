// The apps' download budgets (issues 7 and 18), checked on every build: the wasm and JS in
// dist/ and dist/desk/, gzip-compressed as `make bench` measures them. A size, not a time, so it is a test.
import { test } from "node:test";
import assert from "node:assert/strict";
import { DESK_GZIP_BUDGET_KB, GZIP_BUDGET_KB, shippedFiles, sizeOf } from "../../scripts/app-size.mjs";

test(`the app's wasm and JS fit in ${GZIP_BUDGET_KB} KB gzip`, () => {
  const files = shippedFiles(new URL("../../dist", import.meta.url).pathname);
  assert.equal(files.length, 2, `one wasm and one JS file in dist/: ${files}`);
  const { gzipBytes } = sizeOf(files);
  assert.ok(gzipBytes <= GZIP_BUDGET_KB * 1000, `${(gzipBytes / 1000).toFixed(1)} KB gzip`);
});

test(`the desk's wasm and JS fit in ${DESK_GZIP_BUDGET_KB} KB gzip`, () => {
  const files = shippedFiles(new URL("../../dist/desk", import.meta.url).pathname, "linggong-desk");
  assert.equal(files.length, 2, `one wasm and one JS file in dist/desk/: ${files}`);
  const { gzipBytes } = sizeOf(files);
  assert.ok(gzipBytes <= DESK_GZIP_BUDGET_KB * 1000, `${(gzipBytes / 1000).toFixed(1)} KB gzip`);
});
