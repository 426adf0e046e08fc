// The npm package in Node: the same answers as the Rust engine (through the `linggong` CLI
// on the same data), and JS Errors for bad input.
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("../../", import.meta.url).pathname;
const cli = join(root, "target/release/linggong");
const pkg = await import(join(root, "pkg/linggong.js"));
let dir, postings, lines;

before(() => {
  pkg.initSync({ module: readFileSync(join(root, "pkg/linggong_bg.wasm")) });
  dir = mkdtempSync(join(tmpdir(), "linggong-js-"));
  execFileSync(cli, ["demo", "--seed", "5", "--postings", "3000", "--seekers", "100", "--out", dir], { stdio: "pipe" });
  execFileSync(cli, ["snapshot", "--data", join(dir, "postings.jsonl"), "--out", join(dir, "snap"), "--now", "2026-11-23T08:00:00+08:00"], { stdio: "pipe" });
  lines = readFileSync(join(dir, "postings.jsonl"), "utf8").trim().split("\n");
  postings = lines.map((l) => JSON.parse(l));
});

const rust = (args) =>
  execFileSync(cli, args, { encoding: "utf8" }).trim().split("\n").filter(Boolean).map((l) => JSON.parse(l));

test("nearby gives the same gigs and distances as the Rust engine", () => {
  const index = pkg.GigIndex.fromPostings(postings);
  assert.equal(index.size, postings.length);
  for (const [lat, lng] of [[32.06, 118.79], [31.23, 121.47], [39.9, 116.4]]) {
    const js = index.nearby({ lat, lng, k: 15 });
    const native = rust(["nearby", "--data", join(dir, "postings.jsonl"), "--lat", String(lat), "--lng", String(lng), "--k", "15"]);
    assert.deepEqual(js.map((g) => g.id), native.map((g) => g.id));
    js.forEach((g, i) => assert.ok(Math.abs(g.distanceM - native[i].distance_m) < 0.02));
  }
});

test("trade filters, radius and GCJ-02 positions work as in Rust", () => {
  const index = pkg.GigIndex.fromPostings(postings);
  const js = index.nearby({ lat: 32.06, lng: 118.79, radiusKm: 30, trade: "保洁" });
  const native = rust(["nearby", "--data", join(dir, "postings.jsonl"), "--lat", "32.06", "--lng", "118.79", "--radius-km", "30", "--trade", "保洁"]);
  assert.deepEqual(js.map((g) => g.id), native.map((g) => g.id));
  const gcj = index.nearby({ lat: 32.058, lng: 118.8017, crs: "gcj02", k: 3 });
  const wgs = index.nearby({ lat: 32.058, lng: 118.8017, k: 3 });
  assert.notDeepEqual(gcj.map((g) => g.distanceM), wgs.map((g) => g.distanceM));
});

test("nearbyPacked gives the same answers as nearby, as slots and metres", () => {
  const index = pkg.GigIndex.fromPostings(postings);
  for (const [k, radiusKm, trade] of [[10, undefined, undefined], [undefined, 5, undefined], [20, 50, "保洁"]]) {
    const options = { lat: 31.23, lng: 121.47 };
    if (k !== undefined) options.k = k;
    if (radiusKm !== undefined) options.radiusKm = radiusKm;
    if (trade !== undefined) options.trade = trade;
    const friendly = index.nearby(options);
    const packed = index.nearbyPacked(31.23, 121.47, k, radiusKm, trade);
    assert.equal(packed.length, 2 * friendly.length);
    friendly.forEach((g, i) => {
      assert.equal(index.idAt(packed[2 * i]), g.id);
      assert.equal(postings[packed[2 * i]].id, g.id, "a slot is the position in the input array");
      assert.ok(Math.abs(packed[2 * i + 1] - g.distanceM) < 0.01);
    });
  }
  assert.throws(() => index.nearbyPacked(95, 0, 1), (e) => e instanceof Error && /latitude/.test(e.message));
  assert.equal(index.idAt(10_000_000), undefined);
});

test("fromSnapshot loads the same postings as fromPostings", () => {
  const tiles = readdirSync(join(dir, "snap/tiles")).map((f) => readFileSync(join(dir, "snap/tiles", f)));
  const fromTiles = pkg.GigIndex.fromSnapshot(tiles.map((b) => new Uint8Array(b)));
  const fromJson = pkg.GigIndex.fromPostings(postings);
  assert.equal(fromTiles.size, fromJson.size);
  const q = { lat: 30.57, lng: 104.07, k: 10 };
  assert.deepEqual(fromTiles.nearby(q).map((g) => g.id), fromJson.nearby(q).map((g) => g.id));
});

test("insert and remove update the index in place", () => {
  const index = pkg.GigIndex.fromPostings(postings.slice(0, 10));
  const extra = { ...postings[0], id: "extra", location: { lat: 0.001, lng: 0.001 } };
  assert.equal(index.insert(extra), false);
  assert.equal(index.insert({ ...extra, location: { lat: 0, lng: 0 } }), true);
  assert.equal(index.nearby({ lat: 0, lng: 0, k: 1 })[0].id, "extra");
  assert.equal(index.remove("extra"), true);
  assert.equal(index.remove("extra"), false);
  assert.equal(index.size, 10);
});

test("get gives every demo posting back as its JSON line reads, and insert takes it", () => {
  const index = pkg.GigIndex.fromPostings(postings);
  for (const p of postings) {
    const got = index.get(p.id);
    assert.deepEqual(got, p);
    assert.equal(index.insert(got), true);
  }
  assert.equal(index.size, postings.length);
  assert.deepEqual(postings.map((p) => index.get(p.id)), postings);
});

test("match ranks with explanations like the Rust engine", () => {
  const profile = { id: "s", trades: ["保洁"], location: { lat: 32.06, lng: 118.79 }, max_distance_km: 30 };
  const index = pkg.GigIndex.fromPostings(postings);
  const js = index.match(profile, { k: 5, now: "2026-11-23T10:00:00+08:00" });
  const profilePath = join(dir, "profile.json");
  execFileSync("sh", ["-c", `cat > ${profilePath}`], { input: JSON.stringify(profile) });
  const native = rust(["match", "--data", join(dir, "postings.jsonl"), "--profile", profilePath, "--k", "5", "--now", "2026-11-23T10:00:00+08:00"]);
  assert.deepEqual(js.map((m) => [m.id, m.score]), native.map((m) => [m.id, m.score]));
  assert.ok(js[0].explanation.length >= 6 && typeof js[0].summary === "string");
});

test("normalizeTrade, suggestTrades and auditPosting agree with the CLI", () => {
  const n = pkg.normalizeTrade("水店工");
  const native = rust(["normalize", "水店工"])[0];
  assert.equal(n.trade.id, native.trade.id);
  assert.equal(n.confidence, native.confidence);
  assert.equal(pkg.suggestTrades("sdg", 3)[0].name, "水电工");
  // The audit exits 1 when some posting blocks, as the demo data's do on purpose.
  const run = spawnSync(cli, ["audit", join(dir, "postings.jsonl")], { encoding: "utf8" });
  assert.equal(run.status, 1);
  const audited = run.stdout.trim().split("\n");
  audited.slice(0, 300).forEach((l, i) => {
    const native = JSON.parse(l);
    const js = pkg.auditPosting(postings[i]);
    assert.equal(js.ok, native.ok);
    assert.deepEqual(js.findings.map((f) => f.code), native.findings.map((f) => f.code));
  });
});

test("marketStats gives the Rust report with camelCase keys", () => {
  const seekers = readFileSync(join(dir, "seekers.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
  const js = pkg.marketStats(postings, seekers, { month: "2026-11" });
  const native = JSON.parse(execFileSync(cli, ["stats", "--data", join(dir, "postings.jsonl"), "--seekers", join(dir, "seekers.jsonl"), "--month", "2026-11", "--format", "json"], { encoding: "utf8" }));
  assert.equal(js.total.postings, native.total.postings);
  assert.equal(js.byTrade.length, native.by_trade.length);
  assert.equal(js.unrecognisedPostings, native.unrecognised_postings);
});

test("bad input throws a JS Error that says what is wrong", () => {
  const throwsError = (f, pattern) => {
    assert.throws(f, (e) => e instanceof Error && pattern.test(e.message), String(pattern));
  };
  throwsError(() => pkg.GigIndex.fromPostings([{ title: "no id" }]), /missing field `id`/);
  throwsError(() => pkg.GigIndex.fromPostings([{ id: "a" }]), /no coordinates/);
  throwsError(() => pkg.GigIndex.fromPostings("nope"), /postings/);
  const index = pkg.GigIndex.fromPostings(postings.slice(0, 5));
  throwsError(() => index.nearby({ lat: 95, lng: 0 }), /latitude 95/);
  throwsError(() => index.nearby({ lat: 0, lng: 0, trade: "宇航员" }), /not a known trade/);
  throwsError(() => index.nearby({ lat: 0, lng: 0, radius: 3 }), /unknown field `radius`/);
  throwsError(() => index.nearby("here"), /must be an object/);
  throwsError(() => index.match({ id: "s", location: { lat: 1, lng: 1 } }, { limit: 3 }), /unknown field `limit`/);
  throwsError(() => index.nearby({ lat: 0, lng: 0, crs: "bd09" }), /crs must be "wgs84" or "gcj02"/);
  throwsError(() => pkg.GigIndex.fromSnapshot(new Uint8Array([1, 2, 3])), /snapshot/);
  throwsError(() => pkg.GigIndex.fromSnapshot("tiles"), /Uint8Array/);
  throwsError(() => index.match({ id: "s" }), /no position/);
  throwsError(() => pkg.auditPosting(42), /posting must be an object, got 42/);
  throwsError(() => pkg.marketStats([], [], { month: "2026-13" }), /not a month/);
  throwsError(() => pkg.marketStats([], [], { months: "2026-11" }), /unknown field `months`/);
});
