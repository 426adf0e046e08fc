import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { launch, PHONE, serveDist } from "./browser.mjs";

let browser, server, url;

before(async () => {
  ({ server, url } = await serveDist());
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
});

test("the app renders Chinese text on a phone-sized screen", async () => {
  const page = await browser.newPage({ viewport: PHONE, locale: "zh-CN" });
  await page.goto(url);
  await page.getByRole("heading", { name: "附近零工" }).waitFor();
  assert.equal(await page.getAttribute("html", "lang"), "zh-CN");
  await page.close();
});

test("the app loads nearby snapshot tiles, audits them and lists the nearest gigs", async () => {
  const page = await browser.newPage({ viewport: PHONE });
  const fetched = [];
  page.on("request", (r) => fetched.push(new URL(r.url()).pathname));
  await page.goto(url);
  const status = page.locator("#posting-count");
  await status.waitFor();
  const count = Number((await status.innerText()).match(/已加载 (\d+) 条/)[1]);
  assert.ok(count > 100, `only ${count} gigs near Nanjing`);
  assert.equal(await page.locator(".gig-list li").count(), 20);
  const tiles = fetched.filter((p) => p.includes("/data/tiles/"));
  assert.ok(tiles.length >= 1 && tiles.length <= 4, `fetched tiles: ${tiles}`);
  await page.close();
});

test("an unknown address shows a Chinese not-found page with a way back", async () => {
  const page = await browser.newPage({ viewport: PHONE });
  await page.goto(`${url}no-such-page`);
  await page.getByRole("heading", { name: "找不到这个页面" }).waitFor();
  await page.getByRole("link", { name: "回到附近零工" }).click();
  await page.getByRole("heading", { name: "附近零工" }).waitFor();
  await page.close();
});

test("wasm is served as application/wasm", async () => {
  const page = await browser.newPage();
  const wasm = page.waitForResponse((r) => r.url().endsWith(".wasm"));
  await page.goto(url);
  assert.equal((await wasm).headers()["content-type"], "application/wasm");
  await page.close();
});
