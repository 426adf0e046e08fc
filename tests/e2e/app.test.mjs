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

test("the engine runs in the page and audits the bundled postings", async () => {
  const page = await browser.newPage({ viewport: PHONE });
  await page.goto(url);
  const status = page.locator("#posting-count");
  await status.waitFor();
  assert.match(await status.innerText(), /已加载 5 条零工信息，其中 4 条通过合规检查/);
  await page.close();
});

test("wasm is served as application/wasm", async () => {
  const page = await browser.newPage();
  const wasm = page.waitForResponse((r) => r.url().endsWith(".wasm"));
  await page.goto(url);
  assert.equal((await wasm).headers()["content-type"], "application/wasm");
  await page.close();
});
