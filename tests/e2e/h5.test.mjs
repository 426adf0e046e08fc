// The WeChat-style H5 page (www/) in Chromium at 375×667 with a WeChat user agent.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { launch, NANJING, startServer } from "./browser.mjs";

const WECHAT_UA =
  "Mozilla/5.0 (Linux; Android 12; V2055A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/107.0.5304.141 Mobile Safari/537.36 XWEB/5229 MMWEBSDK/20231202 MicroMessenger/8.0.47.2560(0x28002F35) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64";
let browser, server, url;

before(async () => {
  ({ server, url } = await startServer({ demoPostings: 20000 }));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
});

async function phone(extra = {}) {
  const context = await browser.newContext({
    viewport: { width: 375, height: 667 },
    userAgent: WECHAT_UA,
    locale: "zh-CN",
    geolocation: NANJING,
    permissions: ["geolocation"],
    ...extra,
  });
  return { context, page: await context.newPage() };
}

async function nearest(page) {
  await page.goto(`${url}h5/`);
  await page.getByRole("button", { name: "查看附近零工" }).click();
  await page.getByRole("status").filter({ hasText: "离您最近" }).waitFor();
  return page.locator("#gigs li").allInnerTexts();
}

test("the widget shows the nearest gigs, nearest first, with pay and distance", async () => {
  const { context, page } = await phone();
  const requests = [];
  page.on("request", (r) => requests.push(r.url()));
  const items = await nearest(page);
  assert.equal(items.length, 10);
  const km = items.map((t) => {
    const m = t.match(/距您([\d.]+)(米|公里)/);
    return Number(m[1]) / (m[2] === "米" ? 1000 : 1);
  });
  assert.deepEqual([...km].sort((a, b) => a - b), km);
  assert.match(items[0], /¥[\d.]+\/(小时|天|月|件|单)/);
  assert.ok(requests.every((u) => !u.includes("32.06") && !u.includes("118.79")), "the position never leaves the phone");
  await context.close();
});

test("WeChat's GCJ-02 position gives the same gigs as the browser's WGS-84 one", async () => {
  const wgs = await (async () => {
    const { context, page } = await phone();
    const items = await nearest(page);
    await context.close();
    return items;
  })();
  const { context, page } = await phone();
  // Nanjing's centre in GCJ-02, as wx.getLocation({type: "gcj02"}) reports it.
  await page.addInitScript(() => {
    window.wx = { getLocation: ({ type, success }) => success(type === "gcj02" ? { latitude: 32.058315, longitude: 118.8018 } : {}) };
  });
  const gcj = await nearest(page);
  assert.deepEqual(gcj.map((t) => t.split("距您")[0]), wgs.map((t) => t.split("距您")[0]));
  await context.close();
});

test("an old WebView without the needed WebAssembly features gets a plain message and a link", async () => {
  const { context, page } = await phone();
  await page.addInitScript(() => {
    WebAssembly.validate = () => false;
  });
  const wasm = [];
  page.on("request", (r) => r.url().endsWith(".wasm") && wasm.push(r.url()));
  await page.goto(`${url}h5/`);
  const fallback = page.locator("#fallback");
  await fallback.waitFor();
  assert.match(await fallback.innerText(), /版本较低/);
  assert.equal(await fallback.getByRole("link").getAttribute("href"), "../");
  assert.equal(await page.getByRole("button", { name: "查看附近零工" }).isVisible(), false);
  assert.deepEqual(wasm, [], "no wasm is fetched");
  await context.close();
});
