// The seeker's app served by linggong-server (the debug build `cargo test` makes) on an
// embedded SQLite file with demo data: the app works against the server as against static
// files, and what employers post and staff take down reaches the phone.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createInterface } from "node:readline";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launch, NANJING, NOW, PHONE, posting } from "./browser.mjs";

const ROOT = new URL("../../", import.meta.url).pathname;
let browser, server, url;

/** Starts the server on a free port; resolves with its URL, read from its first line. */
function startServer() {
  const db = join(mkdtempSync(join(tmpdir(), "linggong-e2e-server-")), "market.db");
  const child = spawn(join(ROOT, "target/debug/linggong-server"), [
    "--db", `sqlite://${db}`, "--listen", "127.0.0.1:0", "--demo", "--demo-postings", "3000", "--static", join(ROOT, "dist"),
  ], { env: { ...process.env, LINGGONG_NOW: NOW }, stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    child.on("exit", (code) => reject(new Error(`linggong-server exited with ${code}`)));
    createInterface({ input: child.stdout }).once("line", (line) => resolve({ child, url: line.match(/http:\/\/\S+\//)[0] }));
  });
}

before(async () => {
  ({ child: server, url } = await startServer());
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.kill();
});

/** An API call with a session cookie jar of its own. */
async function api(cookie, method, path, body) {
  const response = await fetch(`${url}${path.slice(1)}`, {
    method,
    headers: { "content-type": "application/json", ...(cookie.value ? { cookie: cookie.value } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const set = response.headers.get("set-cookie");
  if (set) cookie.value = set.split(";")[0];
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : null };
}

async function signIn(phone) {
  const cookie = {};
  const { status } = await api(cookie, "POST", "/api/v1/session", { phone, password: "linggong-demo" });
  assert.equal(status, 204);
  return cookie;
}

async function nearbyTitles(page) {
  await page.locator(".gig-list li").first().waitFor();
  return page.locator(".gig-title").allInnerTexts();
}

test("a gig an employer posts reaches the phone, and one staff take down leaves it", async () => {
  const context = await browser.newContext({ viewport: PHONE, locale: "zh-CN", geolocation: NANJING, permissions: ["geolocation"] });
  const page = await context.newPage();
  await page.goto(url);
  await page.getByRole("button", { name: "使用我的位置" }).click();
  const before = await nearbyTitles(page);
  assert.ok(before.length >= 3, `only ${before.length} demo gigs near Nanjing`);
  const employer = await signIn("13900000002");
  const gig = posting("e2e-new", { title: "玄武区今日急招保洁", location: { lat: NANJING.latitude + 0.0005, lng: NANJING.longitude, address: "南京市玄武区" } });
  const posted = await api(employer, "POST", "/api/v1/postings", gig);
  assert.equal(posted.status, 201, JSON.stringify(posted.body));
  assert.equal(posted.body.status, "published");
  await page.reload();
  assert.equal((await nearbyTitles(page))[0], "玄武区今日急招保洁", "the new gig is the nearest");
  const staff = await signIn("13900000001");
  const down = await api(staff, "POST", "/api/v1/moderation/e2e-new", { decision: "take_down", reason: "测试下架" });
  assert.equal(down.body?.status, "taken_down");
  await page.reload();
  assert.ok(!(await nearbyTitles(page)).includes("玄武区今日急招保洁"), "taken down");
  await context.close();
});
