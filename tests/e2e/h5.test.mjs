// The WeChat-style H5 page (www/) in Chromium at 375×667 with a WeChat user agent.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { DEMO_EMPLOYER, launch, NANJING, posting, startServer } from "./browser.mjs";

const WECHAT_UA =
  "Mozilla/5.0 (Linux; Android 12; V2055A) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/107.0.5304.141 Mobile Safari/537.36 XWEB/5229 MMWEBSDK/20231202 MicroMessenger/8.0.47.2560(0x28002F35) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64";
let browser, server, url, api, signIn;

before(async () => {
  ({ server, url, api, signIn } = await startServer({ demoPostings: 20000 }));
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

// The live list: gigs published and withdrawn through the API while the page is open.
// Each is placed where the phone is (0 m), so it is the nearest of the demo's gigs.
async function publish(id, title) {
  const employer = await signIn(DEMO_EMPLOYER);
  const here = { lat: NANJING.latitude, lng: NANJING.longitude, address: "南京市鼓楼区中山路" };
  const sent = await api(employer, "POST", "/api/v1/postings", posting(id, { title, location: here }));
  assert.equal(sent.status, 201, JSON.stringify(sent.body));
  assert.equal(sent.body.status, "published");
  return async () => {
    const gone = await api(employer, "POST", `/api/v1/postings/${id}/withdraw`);
    assert.equal(gone.body?.status, "withdrawn", JSON.stringify(gone.body));
  };
}

const FOLLOW_MS = 15000;

async function listed(page, title) {
  await page.locator("#gigs li").first().filter({ hasText: title }).waitFor({ timeout: FOLLOW_MS });
}

async function unlisted(page, title) {
  await page.locator("#gigs li", { hasText: title }).waitFor({ state: "detached", timeout: FOLLOW_MS });
}

test("a gig published while the page is open appears without a reload, said politely, and goes when withdrawn", async () => {
  const { context, page } = await phone();
  const streams = [];
  page.on("request", (r) => r.url().includes("/api/v1/feed") && streams.push(r.resourceType()));
  let loads = 0;
  page.on("load", () => (loads += 1));
  await nearest(page);
  const title = "鼓楼区实时急招保洁";
  const withdraw = await publish("h5-live-stream", title);
  await listed(page, title);
  const note = page.locator("#live-note");
  assert.equal(await note.getAttribute("aria-live"), "polite");
  assert.equal(await note.innerText(), "新增 1 条 (1 new)");
  await withdraw();
  await unlisted(page, title);
  await page.getByText("移除 1 条 (1 removed)").waitFor();
  assert.equal(await page.locator("#gigs li").count(), 10, "the next nearest gig takes its place");
  assert.equal(loads, 1, "never reloaded");
  assert.equal(streams[0], "eventsource", `followed with EventSource: ${streams}`);
  await context.close();
});

test("without EventSource the page polls the feed and still follows it", async () => {
  const { context, page } = await phone();
  await page.addInitScript(() => {
    delete window.EventSource;
  });
  const requests = [];
  page.on("request", (r) => r.url().includes("/api/v1/feed") && requests.push(r.resourceType()));
  await nearest(page);
  const title = "玄武区实时招搬运";
  const withdraw = await publish("h5-live-poll", title);
  await listed(page, title);
  await withdraw();
  await unlisted(page, title);
  assert.ok(requests.length >= 2 && requests.every((t) => t === "fetch"), `polled: ${requests}`);
  await context.close();
});

// Answers the page's first `n` EventSource requests with `answer` (a route.fulfill option);
// lets every other request of the feed through. Returns the resource types of its requests.
async function interceptStreams(page, n, answer) {
  const requests = [];
  await page.route("**/api/v1/feed?**", async (route) => {
    const type = route.request().resourceType();
    requests.push(type);
    const intercepted = requests.filter((t) => t === "eventsource").length;
    if (type === "eventsource" && intercepted <= n) await route.fulfill(answer);
    else await route.continue();
  });
  return requests;
}

test("a stream the server refuses (503 too_many_streams) makes the page poll instead", async () => {
  const { context, page } = await phone();
  const body = JSON.stringify({ error: { code: "too_many_streams", message: "实时连接已满，请改为定时刷新" } });
  const requests = await interceptStreams(page, 100, { status: 503, contentType: "application/json", body });
  await nearest(page);
  const title = "建邺区实时招保洁";
  const withdraw = await publish("h5-live-refused", title);
  await listed(page, title);
  await withdraw();
  await unlisted(page, title);
  assert.equal(requests[0], "eventsource");
  assert.equal(requests.filter((t) => t === "eventsource").length, 1, `one refusal, then polls: ${requests}`);
  await context.close();
});

test("a stream cut off is opened again from the last cursor", async () => {
  const { context, page } = await phone();
  // The first stream ends at once, as a proxy or a restarting server would cut it.
  const requests = await interceptStreams(page, 1, { status: 200, contentType: "text/event-stream", body: ": cut\n\n" });
  await nearest(page);
  const title = "栖霞区实时招保洁";
  const withdraw = await publish("h5-live-cut", title);
  await listed(page, title);
  await withdraw();
  await unlisted(page, title);
  // The cut stream, the JSON feed read from the cursor until a page comes back empty, a stream.
  const stream = requests.indexOf("eventsource", 1);
  assert.equal(requests[0], "eventsource", `${requests}`);
  assert.ok(stream > 1 && requests.slice(1, stream).every((t) => t === "fetch"), `${requests}`);
  await context.close();
});

test("when the feed does not reach the snapshot's cursor (a restored market) the page loads the snapshot again and follows on", async () => {
  const { context, page } = await phone();
  let manifests = 0;
  await page.route("**/data/manifest.json", async (route) => {
    manifests += 1;
    const response = await route.fetch();
    const manifest = await response.json();
    // The first snapshot claims a cursor beyond the feed: the server answers 409 cursor_ahead.
    if (manifests === 1) manifest.feed_cursor = "999999999";
    await route.fulfill({ response, json: manifest });
  });
  await nearest(page);
  await page.getByText("零工数据已重新加载").waitFor({ timeout: FOLLOW_MS });
  assert.equal(manifests, 2);
  const title = "秦淮区实时招保洁";
  const withdraw = await publish("h5-live-restored", title);
  await listed(page, title);
  await withdraw();
  await unlisted(page, title);
  await context.close();
});
