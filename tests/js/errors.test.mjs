// Every exported function of the npm package, given every kind of wrong value for each of its
// arguments, throws a JS Error that names the function and the argument: never a
// WebAssembly trap (`unreachable`, `memory access out of bounds`), never a silent answer.
// Also: postings are read as the JSON reader reads a JSONL line (unknown fields refused,
// errors naming the element and field), and `get` gives what `insert` takes.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("../../", import.meta.url).pathname;
const cli = join(root, "target/release/linggong");
const pkg = await import(join(root, "pkg/linggong.js"));
let manifest;

/** A posting with every field of interchange format v1, as FORMAT.md writes it. */
const posting = (id, lat = 32.06, lng = 118.79) => ({
  id,
  title: "楼道保洁",
  trade: "保洁员",
  skills: ["不限"],
  content: "楼道清扫，男女不限",
  location: { lat, lng, crs: "wgs84", address: "南京市鼓楼区某路1号" },
  schedule: { start: "2026-11-24T08:00:00+08:00", end: "2026-11-24T12:00:00+08:00", hours_per_day: 4 },
  pay: { amount: 25, unit: "hour", settlement: "same_day" },
  headcount: 2,
  employer: { name: "某物业", contact: "13800000000", verified: true },
  posted_at: "2026-11-23T09:00:00+08:00",
  valid_through: "2026-11-30T18:00:00+08:00",
});
const seeker = { id: "s", trades: ["保洁"], location: { lat: 32.06, lng: 118.79 } };
const NOW = "2026-11-23T10:00:00+08:00";
const newIndex = () => pkg.GigIndex.fromPostings([posting("a"), posting("b", 32.07, 118.8), posting("c", 31.23, 121.47)]);

before(() => {
  pkg.initSync({ module: readFileSync(join(root, "pkg/linggong_bg.wasm")) });
  const dir = mkdtempSync(join(tmpdir(), "linggong-js-errors-"));
  execFileSync(cli, ["demo", "--seed", "7", "--postings", "200", "--seekers", "0", "--out", dir], { stdio: "pipe" });
  execFileSync(cli, ["snapshot", "--data", join(dir, "postings.jsonl"), "--out", join(dir, "snap"), "--now", NOW], { stdio: "pipe" });
  manifest = readFileSync(join(dir, "snap/manifest.json"), "utf8");
});

// Each kind of wrong value, by the name an `ok` list below uses for it.
const VALUES = [
  ["a number", 123],
  ["a numeric string", "5"],
  ["-1", -1],
  ["1e9", 1e9],
  ["2**31", 2 ** 31],
  ["2**32", 2 ** 32],
  ["1.5", 1.5],
  ["NaN", NaN],
  ["Infinity", Infinity],
  ["null", null],
  ["undefined", undefined],
  ["an object", { a: 1 }],
  ["an array", [1]],
  ["true", true],
  ["a bigint", 5n],
  ["a symbol", Symbol("s")],
  ["a function", () => 1],
];
const ABSENT = ["null", "undefined"];

/**
 * Every argument of every export: [function, argument as errors name it, a call with that
 * argument set to `v` and every other argument valid, the values that are right for it].
 * Every other value of VALUES must throw.
 */
const ARGUMENTS = (index) => [
  ["normalizeTrade", "text", (v) => pkg.normalizeTrade(v), ["a numeric string"]],
  ["suggestTrades", "prefix", (v) => pkg.suggestTrades(v, 3), ["a numeric string"]],
  ["suggestTrades", "limit", (v) => pkg.suggestTrades("s", v), ["a number", ...ABSENT]],
  ["auditPosting", "posting", (v) => pkg.auditPosting(v), []],
  ["tilesNear", "manifestJson", (v) => pkg.tilesNear(v, { lat: 32, lng: 118, radiusKm: 5 }), []],
  ["tilesNear", "options", (v) => pkg.tilesNear(manifest, v), []],
  ["tilesNear", "options.lat", (v) => pkg.tilesNear(manifest, { lat: v, lng: 118, radiusKm: 5 }), ["-1", "1.5"]],
  ["tilesNear", "options.lng", (v) => pkg.tilesNear(manifest, { lat: 32, lng: v, radiusKm: 5 }), ["a number", "-1", "1.5"]],
  ["tilesNear", "options.radiusKm", (v) => pkg.tilesNear(manifest, { lat: 32, lng: 118, radiusKm: v }), ["a number", "1e9", "2**31", "2**32", "1.5"]],
  ["tilesNear", "options.crs", (v) => pkg.tilesNear(manifest, { lat: 32, lng: 118, radiusKm: 5, crs: v }), ABSENT],
  ["marketStats", "postings", (v) => pkg.marketStats(v, [seeker]), []],
  ["marketStats", "postings[1]", (v) => pkg.marketStats([posting("a"), v], [seeker]), []],
  ["marketStats", "seekers", (v) => pkg.marketStats([posting("a")], v), []],
  ["marketStats", "seekers[0]", (v) => pkg.marketStats([posting("a")], [v]), []],
  ["marketStats", "options", (v) => pkg.marketStats([posting("a")], [seeker], v), ABSENT],
  ["marketStats", "options.month", (v) => pkg.marketStats([posting("a")], [seeker], { month: v }), ABSENT],
  ["fromPostings", "postings", (v) => pkg.GigIndex.fromPostings(v), []],
  ["fromPostings", "postings[1]", (v) => pkg.GigIndex.fromPostings([posting("a"), v]), []],
  ["fromSnapshot", "tiles", (v) => pkg.GigIndex.fromSnapshot(v), []],
  ["fromSnapshot", "tiles[0]", (v) => pkg.GigIndex.fromSnapshot([v]), []],
  ["insert", "posting", (v) => index.insert(v), []],
  ["get", "id", (v) => index.get(v), ["a numeric string"]],
  ["remove", "id", (v) => index.remove(v), ["a numeric string"]],
  ["nearby", "options", (v) => index.nearby(v), []],
  ["nearby", "options.lat", (v) => index.nearby({ lat: v, lng: 118 }), ["-1", "1.5"]],
  ["nearby", "options.lng", (v) => index.nearby({ lat: 32, lng: v }), ["a number", "-1", "1.5"]],
  ["nearby", "options.k", (v) => index.nearby({ lat: 32, lng: 118, k: v }), ["a number", ...ABSENT]],
  ["nearby", "options.radiusKm", (v) => index.nearby({ lat: 32, lng: 118, radiusKm: v }), ["a number", "1e9", "2**31", "2**32", "1.5", ...ABSENT]],
  ["nearby", "options.trade", (v) => index.nearby({ lat: 32, lng: 118, trade: v }), ABSENT],
  ["nearby", "options.crs", (v) => index.nearby({ lat: 32, lng: 118, crs: v }), ABSENT],
  ["nearbyPacked", "lat", (v) => index.nearbyPacked(v, 118, 5), ["-1", "1.5"]],
  ["nearbyPacked", "lng", (v) => index.nearbyPacked(32, v, 5), ["a number", "-1", "1.5"]],
  ["nearbyPacked", "k", (v) => index.nearbyPacked(32, 118, v), ["a number", ...ABSENT]],
  ["nearbyPacked", "radiusKm", (v) => index.nearbyPacked(32, 118, 5, v), ["a number", "1e9", "2**31", "2**32", "1.5", ...ABSENT]],
  ["nearbyPacked", "trade", (v) => index.nearbyPacked(32, 118, 5, 10, v), ABSENT],
  ["idAt", "slot", (v) => index.idAt(v), ["a number", "1e9", "2**31"]],
  ["match", "profile", (v) => index.match(v, { now: NOW }), []],
  ["match", "options", (v) => index.match(seeker, v), ABSENT],
  ["match", "options.k", (v) => index.match(seeker, { k: v, now: NOW }), ["a number", ...ABSENT]],
  ["match", "options.now", (v) => index.match(seeker, { now: v }), ABSENT],
  ["applyChange", "change", (v) => index.applyChange(v), []],
  ["subscribe", "feedUrl", (v) => index.subscribe(v), []],
  ["subscribe", "options", (v) => index.subscribe(FEED, v), ABSENT],
  ["subscribe", "options.after", (v) => index.subscribe(FEED, { after: v }), ["a numeric string", ...ABSENT]],
  ["subscribe", "options.onChange", (v) => index.subscribe(FEED, { onChange: v }), ["a function", ...ABSENT]],
  ["subscribe", "options.onError", (v) => index.subscribe(FEED, { onError: v }), ["a function", ...ABSENT]],
];
/** A feed nobody serves (port 9, discard): a subscription made by a call above is freed, which stops it. */
const FEED = "http://127.0.0.1:9/api/v1/feed";

/** What went wrong with `call(value)`, or null when it behaved. */
function misbehaviour(fn, arg, call, label, value, shouldThrow) {
  let result;
  try {
    result = call(value);
  } catch (e) {
    if (e instanceof WebAssembly.RuntimeError) return `${label}: trapped: ${e.message}`;
    if (!(e instanceof Error)) return `${label}: threw a ${typeof e}, not an Error`;
    if (!shouldThrow) return `${label}: should work, threw ${e.message}`;
    if (!e.message.startsWith(`${fn}: `) || !e.message.includes(arg)) return `${label}: the message does not name ${fn}'s ${arg}: ${e.message}`;
    return null;
  }
  result?.free?.();
  return shouldThrow ? `${label}: no error, returned ${String(result)}` : null;
}

test("every argument of every export throws an Error naming it for each kind of wrong value", () => {
  const index = newIndex();
  const failures = [];
  for (const [fn, arg, call, ok] of ARGUMENTS(index)) {
    for (const [label, value] of VALUES) {
      const wrong = misbehaviour(fn, arg, call, label, value, !ok.includes(label));
      if (wrong) failures.push(`${fn} ${arg}, ${wrong}`);
    }
  }
  assert.deepEqual(failures, []);
});

test("the table covers every exported function and method", () => {
  const covered = new Set(ARGUMENTS(null).map(([fn]) => fn));
  const generated = (name) => name.startsWith("__") || ["constructor", "free", "size"].includes(name);
  const exported = [
    ...Object.keys(pkg).filter((k) => typeof pkg[k] === "function" && !["default", "initSync", "GigIndex", "Subscription"].includes(k)),
    ...Object.getOwnPropertyNames(pkg.GigIndex).filter((k) => typeof pkg.GigIndex[k] === "function"),
    ...Object.getOwnPropertyNames(pkg.GigIndex.prototype),
  ].filter((name) => !generated(name));
  assert.deepEqual(exported.filter((name) => !covered.has(name)), []);
});

test("messages say what was given", () => {
  const index = newIndex();
  const message = (f) => {
    try {
      f();
    } catch (e) {
      return e.message;
    }
    return "no error";
  };
  assert.equal(message(() => pkg.suggestTrades("s", -1)), "suggestTrades: limit must be an integer from 0 to 1000, got -1");
  assert.equal(message(() => pkg.suggestTrades("s", 2 ** 31)), "suggestTrades: limit must be an integer from 0 to 1000, got 2147483648");
  assert.equal(message(() => index.get(123)), "get: id must be a string, got 123");
  assert.equal(message(() => index.remove(null)), "remove: id must be a string, got null");
  assert.equal(message(() => pkg.normalizeTrade({})), "normalizeTrade: text must be a string, got an object");
  assert.equal(message(() => pkg.tilesNear(123, {})), "tilesNear: manifestJson must be a string, got 123");
  assert.equal(message(() => index.nearbyPacked(32, 118, 5, undefined, 7)), "nearbyPacked: trade must be a string, got 7");
  assert.equal(message(() => index.nearbyPacked(null, 118)), "nearbyPacked: lat must be a finite number, got null");
  assert.equal(message(() => index.nearby({ lat: 32, lng: 118, k: 1.5 })), "nearby: options.k must be an integer from 0 to 1000000, got 1.5");
  assert.equal(message(() => index.nearby({ lat: 95, lng: 118 })), "nearby: options.lat: latitude 95 is not in −90…90");
  assert.equal(message(() => index.nearby({ lat: 32, lng: 118, crs: "bd09" })), 'nearby: options.crs must be "wgs84" or "gcj02", got "bd09"');
  assert.equal(message(() => index.nearby({ lat: 32, lng: 118, radiusKm: -2 })), "nearby: options.radiusKm must be a finite number ≥ 0, got -2");
  assert.equal(message(() => index.idAt(-1)), "idAt: slot must be an integer from 0 to 4294967295, got -1");
  assert.equal(message(() => pkg.GigIndex.fromSnapshot([new Uint8Array(4), "tile"])), 'fromSnapshot: tiles[1] must be a Uint8Array, got "tile"');
  assert.equal(message(() => pkg.auditPosting([])), "auditPosting: posting must be an object, got an array");
  assert.equal(message(() => pkg.suggestTrades("s", "x".repeat(100))), `suggestTrades: limit must be an integer from 0 to 1000, got "${"x".repeat(40)}"…`);
});

test("the index still works after every kind of error", () => {
  const index = newIndex();
  const before = index.nearby({ lat: 32.06, lng: 118.79, k: 3 });
  const packed = Array.from(index.nearbyPacked(32.06, 118.79, 3));
  for (const [, , call] of ARGUMENTS(index)) {
    for (const [, value] of VALUES) {
      try {
        call(value)?.free?.();
      } catch {
        // The errors are the previous tests' business.
      }
    }
  }
  assert.equal(index.size, 3);
  assert.deepEqual(index.nearby({ lat: 32.06, lng: 118.79, k: 3 }), before);
  assert.deepEqual(Array.from(index.nearbyPacked(32.06, 118.79, 3)), packed);
  assert.deepEqual(index.get("a"), posting("a"));
  assert.equal(pkg.suggestTrades("sdg", 3)[0].name, "水电工");
  assert.equal(pkg.GigIndex.fromPostings([posting("x")]).size, 1);
});

test("get gives the posting as insert takes it: the interchange format's snake_case keys", () => {
  const index = newIndex();
  const original = posting("a");
  assert.deepEqual(index.get("a"), original);
  assert.equal(index.insert(index.get("a")), true, "the same id replaces");
  assert.deepEqual(index.get("a"), original);
  assert.equal(index.size, 3);
  assert.equal(index.get("nobody"), undefined);
  // Defaults the reader fills in come back written out, and read the same again.
  const sparse = { id: "sparse", location: { lat: 30, lng: 120 } };
  index.insert(sparse);
  const written = index.get("sparse");
  assert.deepEqual(written, { id: "sparse", location: { lat: 30, lng: 120, crs: "wgs84" } });
  index.insert(written);
  assert.deepEqual(index.get("sparse"), written);
});

test("postings are read as the JSON reader reads them: unknown fields refused, element and field named", () => {
  const throwsMessage = (f, expected) => assert.throws(f, (e) => e instanceof Error && expected.test(e.message), String(expected));
  const misspelt = { ...posting("d"), pay: { amout: 25, unit: "hour" } };
  const postings = [posting("a"), posting("b"), posting("c"), misspelt];
  throwsMessage(() => pkg.GigIndex.fromPostings(postings), /^fromPostings: postings\[3\]\.pay\.amout: unknown field `amout`/);
  const { skills, ...rest } = posting("e");
  throwsMessage(() => pkg.GigIndex.fromPostings([posting("a"), { ...rest, skill: skills }]), /^fromPostings: postings\[1\]\.skill: unknown field `skill`/);
  throwsMessage(() => pkg.GigIndex.fromPostings([{ ...posting("a"), headcount: "two" }]), /^fromPostings: postings\[0\]\.headcount: invalid type: string "two"/);
  throwsMessage(() => pkg.GigIndex.fromPostings([posting("a"), { id: "b" }]), /^fromPostings: postings\[1\]\.location: posting `b` has no coordinates/);
  throwsMessage(() => pkg.GigIndex.fromPostings([posting("a"), posting("b"), posting("a")]), /^fromPostings: postings\[2\]\.id: duplicate posting id `a`/);
  throwsMessage(() => pkg.GigIndex.fromPostings([{ title: "no id" }]), /^fromPostings: postings\[0\]: missing field `id`/);
  const index = newIndex();
  throwsMessage(() => index.insert({ ...posting("z"), schedule: { hours: 8 } }), /^insert: posting\.schedule\.hours: unknown field `hours`/);
  throwsMessage(() => index.insert({ ...posting("z"), headcount: 5n }), /^insert: posting cannot be read as JSON: .*BigInt/);
  const cyclic = posting("z");
  cyclic.self = cyclic;
  throwsMessage(() => index.insert(cyclic), /^insert: posting cannot be read as JSON/);
  throwsMessage(() => pkg.auditPosting({ ...posting("z"), employer: { name: "x", phone: "1" } }), /^auditPosting: posting\.employer\.phone: unknown field `phone`/);
  throwsMessage(() => index.match({ ...seeker, trade: "保洁" }, { now: NOW }), /^match: profile\.trade: unknown field `trade`/);
  throwsMessage(() => pkg.marketStats([posting("a")], [seeker, { id: "t", skils: [] }]), /^marketStats: seekers\[1\]\.skils: unknown field `skils`/);
  assert.equal(index.size, 3, "a refused insert changes nothing");
});
