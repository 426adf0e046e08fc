// Shared set-up of the end-to-end suite: the system Chromium through playwright-core (no
// browser download), the market server (linggong-server on a fresh SQLite file, serving
// dist/ on loopback), and one instant that every test runs at.
import { chromium } from "playwright-core";
import { execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const PHONE = { width: 360, height: 740 };

/** Where the tests' phones are: central Nanjing, WGS-84 (the demo data has gigs around it). */
export const NANJING = { latitude: 32.0603, longitude: 118.7969 };

/**
 * The instant the suite runs at, in China Standard Time. `scripts/test.sh` generates the
 * demo data for it and exports it; every browser context's clock is fixed to it, so no
 * test depends on the day it runs (`LINGGONG_TEST_NOW=… make test` tries another instant).
 */
export const NOW = process.env.LINGGONG_NOW ?? "2026-11-23T09:00:00+08:00";

const ROOT = new URL("../../", import.meta.url).pathname;

export async function launch() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
    ],
  });
  // Every context the tests open reads the suite's instant from Date (timers keep running).
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    await context.clock.setFixedTime(new Date(NOW));
    return context;
  };
  return browser;
}

/**
 * Starts linggong-server on a free port of 127.0.0.1 with a new SQLite file, seeded with
 * `demoPostings` demo postings (the seeker's pages take 20,000, as `make serve` does, so that
 * enough gigs near Nanjing are current at any hour the suite runs at) (and the demo staff and employer accounts) at the suite's
 * instant, serving `staticDir`. `release` runs the release build (benchmarks), else the debug
 * build that `cargo test` made. Resolves with `{server, url, db, api, signIn}` (`db`: the
 * SQLite file, for the server's own commands).
 */
export function startServer({ demoPostings = 3000, staticDir = join(ROOT, "dist"), release = false } = {}) {
  const binary = join(ROOT, `target/${release ? "release" : "debug"}/linggong-server`);
  const db = join(mkdtempSync(join(tmpdir(), "linggong-e2e-server-")), "market.db");
  const args = ["--db", `sqlite://${db}`, "--listen", "127.0.0.1:0", "--static", staticDir];
  if (demoPostings > 0) args.push("--demo", "--demo-postings", String(demoPostings));
  const child = spawn(binary, args, {
    env: { LINGGONG_RATE_LIMIT: "off", ...process.env, LINGGONG_NOW: NOW }, stdio: ["ignore", "pipe", "inherit"],
  });
  const server = { close: () => child.kill() };
  return new Promise((resolve, reject) => {
    child.on("exit", (code) => reject(new Error(`linggong-server exited with ${code}`)));
    const lines = createInterface({ input: child.stdout });
    lines.once("line", (line) => {
      const url = line.match(/http:\/\/\S+\//)[0];
      resolve({ server, url, db, api: apiOf(url), signIn: signInOf(url) });
    });
    // Keep reading, so the server never blocks on a full pipe.
    lines.on("line", () => {});
  });
}

/** `api(cookie, method, path, body)`: an API call with a cookie jar (`{value}`) of its own. */
function apiOf(url) {
  return async (cookie, method, path, body) => {
    const response = await fetch(`${url}${path.slice(1)}`, {
      method,
      headers: { "content-type": "application/json", ...(cookie.value ? { cookie: cookie.value } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const set = response.headers.get("set-cookie");
    if (set) cookie.value = set.split(";")[0];
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
}

/** `signIn(phone)`: the cookie jar of a demo account (password `linggong-demo`). */
function signInOf(url) {
  const api = apiOf(url);
  return async (phone) => {
    const cookie = {};
    const { status } = await api(cookie, "POST", "/api/v1/session", { phone, password: "linggong-demo" });
    if (status !== 204) throw new Error(`sign-in of ${phone}: HTTP ${status}`);
    return cookie;
  };
}

/** The demo accounts `--demo` makes. */
/** On the seeker's app: saves a cleaner's profile (保洁员, living where the search is). */
export async function saveCleanerProfile(page) {
  await page.getByRole("link", { name: "登记" }).click();
  await page.getByLabel("添加工种").fill("保洁");
  await page.locator(".choices .choice").first().click();
  await page.getByRole("button", { name: "用当前找活的位置" }).click();
  await page.getByRole("button", { name: "保存" }).click();
  await page.getByText("已保存在本机").waitFor();
}

export const DEMO_STAFF = "13900000001";
export const DEMO_EMPLOYER = "13900000002";

/** What `linggong-server ARGS…` (the debug build) prints, e.g. `report --db sqlite://… --format md`. */
export function serverCommand(...args) {
  return execFileSync(join(ROOT, "target/debug/linggong-server"), args, { encoding: "utf8", env: { ...process.env, LINGGONG_NOW: NOW } });
}

/** `hours` after the suite's instant, as RFC 3339 text in China Standard Time. */
export function hoursFromNow(hours) {
  const t = new Date(Date.parse(NOW) + hours * 3600_000 + 8 * 3600_000);
  return t.toISOString().replace(/\.\d{3}Z$/, "+08:00");
}

/**
 * A snapshot of exactly these postings, made by the release CLI for the suite's instant, in
 * a new folder; returns the folder holding `manifest.json` and `tiles/`.
 */
export function snapshotOf(postings) {
  const dir = mkdtempSync(join(tmpdir(), "linggong-e2e-"));
  writeFileSync(join(dir, "postings.jsonl"), postings.map((p) => JSON.stringify(p) + "\n").join(""));
  execFileSync(join(ROOT, "target/release/linggong"), [
    "snapshot", "--data", join(dir, "postings.jsonl"), "--out", join(dir, "data"), "--now", NOW,
  ]);
  return join(dir, "data");
}

/** Makes `page` load its snapshot (`/data/…`) from `dir` instead of the server. */
export async function routeSnapshot(page, dir) {
  await page.route("**/data/**", (route) => {
    const path = new URL(route.request().url()).pathname.replace(/^.*\/data\//, "");
    route.fulfill({ body: readFileSync(join(dir, path)) });
  });
}

/** A complete, clean posting near the test phone; `fields` override. */
export function posting(id, fields = {}) {
  return {
    id, title: "商场日常保洁", trade: "保洁员", skills: ["不限"], content: "商场日常保洁，男女不限，提供工具",
    location: { lat: NANJING.latitude + 0.01, lng: NANJING.longitude, address: "南京市玄武区中山路1号" },
    schedule: { start: hoursFromNow(24), end: hoursFromNow(32), hours_per_day: 8 },
    pay: { amount: 200, unit: "day", settlement: "same_day" }, headcount: 2,
    employer: { name: "玄武区某物业公司", contact: "13800000000", verified: true },
    posted_at: hoursFromNow(-1), valid_through: hoursFromNow(23),
    ...fields,
  };
}
