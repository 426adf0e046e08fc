// The seeker's app in the system Chromium at a phone viewport with a fixed position.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { saveCleanerProfile, DEMO_EMPLOYER, DEMO_STAFF, launch, NANJING, PHONE, posting, routeSnapshot, snapshotOf, startServer } from "./browser.mjs";

const AXE = readFileSync(new URL("../../node_modules/axe-core/axe.min.js", import.meta.url), "utf8");
let browser, server, url, api, signIn;

before(async () => {
  ({ server, url, api, signIn } = await startServer({ demoPostings: 20000 }));
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** A fresh phone (its own storage) that has shared its position. */
async function phone() {
  const context = await browser.newContext({ viewport: PHONE, locale: "zh-CN", geolocation: NANJING, permissions: ["geolocation"] });
  const page = await context.newPage();
  const requests = [];
  page.on("request", (r) => requests.push({ url: r.url(), body: r.postData() ?? "" }));
  return { context, page, requests };
}

/** Opens the app, shares the position and waits for the list. */
async function nearby(page) {
  await page.goto(url);
  await page.getByRole("button", { name: "使用我的位置" }).click();
  await page.locator("#posting-count").waitFor();
  await page.locator(".gig-list li").first().waitFor();
}

const metres = (text) => {
  const m = text.match(/([\d.]+)(米|公里)/);
  return Number(m[1]) * (m[2] === "公里" ? 1000 : 1);
};

test("the app renders Chinese text on a phone-sized screen with lang set", async () => {
  const { context, page } = await phone();
  await page.goto(url);
  await page.getByRole("heading", { name: "附近零工" }).waitFor();
  assert.equal(await page.getAttribute("html", "lang"), "zh-CN");
  await context.close();
});

test("a seeker shares their position and sees nearby gigs, nearest first, from a few tiles", async () => {
  const { context, page, requests } = await phone();
  await nearby(page);
  const distances = (await page.locator(".gig-meta").allInnerTexts()).map(metres);
  assert.ok(distances.length >= 10, `only ${distances.length} results`);
  assert.deepEqual(distances, [...distances].sort((a, b) => a - b));
  const tiles = requests.filter((r) => r.url.includes("/data/tiles/"));
  assert.ok(tiles.length >= 1 && tiles.length <= 4, `fetched tiles: ${tiles.map((t) => t.url)}`);
  await context.close();
});

test("a seeker who refuses to share a position picks a district by typing and sees its gigs", async () => {
  const context = await browser.newContext({ viewport: PHONE, locale: "zh-CN" }); // no geolocation permission
  const page = await context.newPage();
  await page.goto(url);
  await page.getByRole("button", { name: "使用我的位置" }).click();
  await page.getByText("没有取得位置").waitFor();
  await page.getByLabel("或输入城市、区县名称").fill("玄武");
  await page.locator(".choices .choice", { hasText: "玄武区" }).first().click();
  await page.locator(".gig-list li").first().waitFor();
  assert.match(await page.locator(".where").innerText(), /玄武区/);
  await context.close();
});

test("radius, trade and pay-unit filters narrow the list", async () => {
  const { context, page } = await phone();
  await nearby(page);
  await page.getByRole("button", { name: "3公里" }).click();
  for (const d of (await page.locator(".gig-meta").allInnerTexts()).map(metres)) assert.ok(d <= 3000, `${d} m`);
  await page.getByRole("button", { name: "30公里" }).click();
  // Filter by the trade of the nearest gig (which trades are open depends on the hour).
  const nearest = await page.locator(".gig-trade").first().innerText();
  await page.getByLabel("工种").fill(nearest);
  await page.locator(".choices .choice").first().click();
  const picked = (await page.locator(".picked").innerText()).match(/工种：(\S+)/)[1];
  const trades = await page.locator(".gig-trade").allInnerTexts();
  assert.ok(trades.length > 0 && trades.every((t) => t === picked), `${picked}: ${trades}`);
  await page.getByRole("button", { name: "雷达图" }).click();
  assert.ok((await page.locator(".radar .gig-dot").count()) > 0);
  await page.getByRole("button", { name: "按天" }).click();
  const pays = await page.locator(".gig-pay").allInnerTexts();
  assert.ok(pays.every((p) => p.includes("/天")), pays.join(","));
  await context.close();
});

test("opening a gig shows its fields, pay against the local median, a call link and the apply form", async () => {
  const { context, page } = await phone();
  await nearby(page);
  await page.locator(".gig-link").first().click();
  await page.getByRole("heading", { name: "报名" }).waitFor();
  for (const label of ["工种", "工作时间", "工作地点", "用人单位", "距离"]) {
    assert.ok(await page.locator("dt", { hasText: label }).count(), label);
  }
  assert.match(await page.locator("a[href^='tel:']").first().getAttribute("href"), /^tel:\d+/);
  // Against the local median when the trade has enough gigs nearby, else said to be too few.
  const compared = [await page.locator("#pay-compare").innerText()];
  for (let i = 1; i < 10 && !compared.some((c) => c.includes("中位数")); i++) {
    await page.goBack();
    await page.locator(".gig-link").nth(i).click();
    await page.getByRole("heading", { name: "报名" }).waitFor();
    compared.push(await page.locator("#pay-compare").innerText());
  }
  assert.ok(compared.some((c) => /中位数 ¥\d+\/小时，指导区间 ¥\d+–\d+/.test(c)), compared.join(" | "));
  assert.ok(compared.every((c) => /中位数|太少/.test(c)), compared.join(" | "));
  // The gig's own address works as a link: reloading it shows the same gig.
  const title = await page.locator("main h1").innerText();
  await page.reload();
  await page.getByRole("heading", { name: "报名" }).waitFor();
  assert.equal(await page.locator("main h1").innerText(), title);
  await context.close();
});

test("a seeker registers a profile and sees matches explained in plain words", async () => {
  // Three gigs whose order is certain on any date: the seeker's own trade first, a related
  // trade next, then an unrelated one, though the unrelated one is nearest.
  const near = (km) => ({ lat: NANJING.latitude + km / 111, lng: NANJING.longitude, address: "南京市玄武区" });
  const data = snapshotOf([
    posting("own", { location: near(2) }),
    posting("related", { title: "家政服务", trade: "家政服务员", content: "家庭日常保洁和做饭", location: near(1) }),
    posting("other", { title: "装修电工", trade: "电工", content: "布线和安装灯具", location: near(0.2) }),
  ]);
  const { context, page, requests } = await phone();
  await routeSnapshot(page, data);
  await nearby(page);
  await saveCleanerProfile(page);
  // The export is the profile as indented JSON.
  const href = await page.getByRole("link", { name: "导出登记信息" }).getAttribute("href");
  const exported = decodeURIComponent(href.replace(/^data:application\/json;charset=utf-8,/, ""));
  assert.match(exported, /^\{\n  "id": /);
  assert.deepEqual(JSON.parse(exported).trades, ["保洁员"]);
  await page.getByRole("link", { name: "推荐" }).click();
  await page.locator("#matches li").first().waitFor();
  const notes = await page.locator("#matches .gig-note").allInnerTexts();
  assert.match(notes[0], /^工种对口：保洁员（\+35）/, notes.join(" | "));
  assert.match(notes[1], /^相关工种：您会保洁员，岗位是家政服务员（\+17\.5）/, notes.join(" | "));
  // The profile stayed on the phone.
  assert.ok(requests.every((r) => !r.body.includes("保洁员") && !r.url.includes("profile")));
  await context.close();
});

test("after one visit the app reloads and searches offline, and an offline application waits in the outbox", async () => {
  const { context, page } = await phone();
  await nearby(page);
  await page.evaluate(() => navigator.serviceWorker.ready);
  await context.setOffline(true);
  await page.reload();
  await page.locator(".gig-list li").first().waitFor();
  assert.match(await page.locator("#banner").innerText(), /离线模式/);
  await page.locator(".gig-link").first().click();
  await page.getByLabel("怎么称呼您").fill("王师傅");
  await page.getByLabel("手机号").fill("13800001234");
  await page.getByRole("button", { name: "确认报名" }).click();
  assert.match(await page.locator("#applied").innerText(), /等有网络时自动发送/);
  assert.match(await page.locator("#banner").innerText(), /1 条报名待发送/);
  await context.setOffline(false);
  await page.waitForFunction(() => !document.querySelector("#banner")?.innerText.includes("待发送"));
  const received = (await applicantsOf(page)).filter((a) => a.phone === "13800001234");
  assert.deepEqual(received.map((a) => [a.name, a.status]), [["王师傅", "submitted"]]);
  await context.close();
});

/** The applications the server keeps for the gig `page` shows, as staff see them. */
async function applicantsOf(page) {
  const postingId = decodeURIComponent(new URL(page.url()).pathname.replace(/^\/gig\//, ""));
  const { status, body } = await api(await signIn(DEMO_STAFF), "GET", `/api/v1/postings/${encodeURIComponent(postingId)}/applications`);
  assert.equal(status, 200, JSON.stringify(body));
  return body.applications;
}

test("an application whose answer was lost is sent again under its id and kept once", async () => {
  const { context, page, requests } = await phone();
  await nearby(page);
  await page.locator(".gig-link").first().click();
  // The server receives the first send, but its answer never reaches the phone.
  let cut = 0;
  await page.route("**/api/v1/applications", async (route) => {
    await route.fetch();
    cut += 1;
    await route.abort("connectionreset");
  });
  await page.getByLabel("怎么称呼您").fill("李阿姨");
  await page.getByLabel("手机号").fill("13900005678");
  await page.getByRole("button", { name: "确认报名" }).click();
  await page.locator("#applied").waitFor();
  assert.equal(cut, 1);
  assert.match(await page.locator("#banner").innerText(), /1 条报名待发送/);
  // Back online (the browser says so): the outbox sends it again, the same id.
  await page.unroute("**/api/v1/applications");
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  await page.waitForFunction(() => !document.querySelector("#banner")?.innerText.includes("待发送"));
  const sent = requests.filter((r) => r.url.endsWith("/api/v1/applications")).map((r) => JSON.parse(r.body).id);
  assert.equal(sent.length, 2);
  assert.equal(sent[0], sent[1], "the resend carries the first send's id");
  assert.match(sent[0], /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  const kept = (await applicantsOf(page)).filter((a) => a.phone === "13900005678");
  assert.deepEqual(kept.map((a) => a.id), [sent[0]], "kept once");
  assert.match(await page.locator("#applied").innerText(), /用人单位会联系您/);
  await context.close();
});

test("a browser out of storage quota says so, and the gigs still show", async () => {
  const { context, page } = await phone();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Storage.overrideQuotaForOrigin", { origin: url.replace(/\/$/, ""), quotaSize: 1 });
  await nearby(page);
  assert.match(await page.locator("#banner").innerText(), /存储空间不足/);
  assert.ok((await page.locator(".gig-list li").count()) > 0);
  await context.close();
});

test("no request ever carries the seeker's position", async () => {
  const { context, page, requests } = await phone();
  await nearby(page);
  await page.getByRole("link", { name: "市场" }).click();
  await page.locator("#markets li").first().waitFor();
  const leaks = requests.filter((r) => /32\.06|118\.79|32\.0603|118\.7969/.test(r.url + r.body));
  assert.deepEqual(leaks, []);
  await context.close();
});

test("axe-core finds no serious or critical violation on any page, and every control is at least 44 px tall", async () => {
  const { context, page } = await phone();
  await nearby(page);
  for (const path of ["", "register", "matches", "markets", "settings"]) {
    await page.getByRole("link", { name: { "": "附近", register: "登记", matches: "推荐", markets: "市场", settings: "设置" }[path], exact: true }).click();
    await page.locator("main h1").waitFor();
    await page.evaluate(AXE); // as DevTools runs it: the page's CSP stays on
    const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
    const bad = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
    assert.deepEqual(bad.map((v) => `${path}: ${v.id} ${v.nodes[0]?.target}`), []);
    // Every control is a thumb-sized target (inline links in running text are exempt).
    const small = await page.evaluate(() =>
      [...document.querySelectorAll("button, input, select, textarea, summary, .tabs a, .gig-link, a.button")]
        .filter((el) => el.offsetParent !== null && el.type !== "checkbox" && el.type !== "file")
        .map((el) => [el.outerHTML.slice(0, 60), el.getBoundingClientRect().height])
        .filter(([, h]) => h < 44));
    assert.deepEqual(small, [], `${path}: controls under 44 px`);
  }
  await context.close();
});

test("a posting with an <img onerror> in its text is shown as text and runs nothing", async () => {
  const data = snapshotOf([posting("evil", {
    title: "<img src=x onerror=window.__pwned=1>保洁",
    content: "<img src=x onerror=\"window.__pwned=1\"><script>window.__pwned=2</script>",
    location: { lat: 32.0604, lng: 118.797, address: "<b>玄武区</b>" },
  })]);
  const { context, page } = await phone();
  await routeSnapshot(page, data);
  await nearby(page);
  await page.locator(".gig-link").first().click();
  await page.locator(".content").waitFor();
  assert.match(await page.locator(".content").innerText(), /<img src=x onerror/);
  assert.equal(await page.locator("main img, main script, main b").count(), 0);
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  await context.close();
});

test("with fewer than five gigs of its trade nearby, a gig's pay is not set against a band of a handful", async () => {
  const near = (i) => ({ lat: NANJING.latitude + i / 1000, lng: NANJING.longitude, address: "南京市玄武区" });
  const data = snapshotOf([0, 1, 2].map((i) => posting(`few-${i}`, { location: near(i), pay: { amount: 200 + i, unit: "day", settlement: "same_day" } })));
  const { context, page } = await phone();
  await routeSnapshot(page, data);
  await nearby(page);
  await page.locator(".gig-link").first().click();
  assert.equal(await page.locator("#pay-compare").innerText(), "附近同工种的零工太少，无法比较工资");
  await context.close();
});

test("a returning phone sees a changed gig though its tile kept its size", async () => {
  const pay = (amount) => ({ pay: { amount, unit: "day", settlement: "same_day" } });
  const before = snapshotOf([posting("same", pay(26))]);
  const after = snapshotOf([posting("same", pay(99))]);
  const tile = "tiles/t61_149.lgs";
  assert.equal(statSync(join(before, tile)).size, statSync(join(after, tile)).size, "same size");
  const { context, page } = await phone();
  await routeSnapshot(page, before);
  await nearby(page);
  assert.match(await page.locator(".gig-pay").first().innerText(), /¥26\/天/);
  await page.unrouteAll();
  await routeSnapshot(page, after);
  await page.reload();
  await page.locator(".gig-list li").first().waitFor();
  assert.match(await page.locator(".gig-pay").first().innerText(), /¥99\/天/);
  await context.close();
});

test("a truncated tile hides only its own gigs, and the banner names it", async () => {
  const data = snapshotOf([
    posting("north-1"), posting("north-2"),
    posting("south", { location: { lat: 31.98, lng: NANJING.longitude, address: "南京市雨花台区" } }),
  ]);
  const { context, page } = await phone();
  await routeSnapshot(page, data);
  await page.route("**/data/tiles/t60_149.lgs", (route) =>
    route.fulfill({ body: readFileSync(join(data, "tiles/t60_149.lgs")).subarray(0, 20) }));
  await nearby(page);
  assert.equal(await page.locator(".gig-list li").count(), 2);
  assert.match(await page.locator("#banner").innerText(), /有一片区域的数据未能加载.*tiles\/t60_149\.lgs/);
  await context.close();
});

test("a Wi-Fi login page in place of the data list shows the cached gigs and says so", async () => {
  const { context, page } = await phone();
  await nearby(page);
  const first = await page.locator(".gig-title").first().innerText();
  await page.route("**/data/manifest.json", (route) =>
    route.fulfill({ status: 200, contentType: "text/html", body: "<html><body>请先登录 Wi-Fi</body></html>" }));
  await page.reload();
  await page.locator(".gig-list li").first().waitFor();
  assert.equal(await page.locator(".gig-title").first().innerText(), first);
  const banner = await page.locator("#banner").innerText();
  assert.match(banner, /服务器返回的不是数据目录/);
  assert.match(banner, /数据更新于/);
  await context.close();
});

test("large text and English are one tap away in settings and stay after a reload", async () => {
  const { context, page } = await phone();
  await nearby(page);
  await page.getByRole("link", { name: "设置" }).click();
  await page.getByRole("button", { name: "大字模式" }).click();
  await page.getByRole("button", { name: "English" }).click();
  const rootFontPx = () => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
  assert.equal(await rootFontPx(), 22);
  assert.equal(await page.getAttribute("html", "lang"), "en");
  await page.getByRole("link", { name: "Nearby" }).click();
  await page.getByRole("heading", { name: "Nearby gigs" }).waitFor();
  await page.reload();
  await page.getByRole("heading", { name: "Nearby gigs" }).waitFor();
  assert.equal(await rootFontPx(), 22);
  // Pay, distance, dates and the phone's own location read in English too; the posting's
  // own words stay as written.
  assert.match(await page.locator(".where").innerText(), /^Near: My location/);
  const card = page.locator(".gig").first();
  await card.waitFor();
  assert.match(await card.locator(".gig-pay").innerText(), /^(Negotiable|¥[\d.]+(\/(hour|day|month|piece|task))?( · paid [a-z ]+)?)$/);
  assert.match(await card.locator(".gig-meta").innerText(), /^[\d.]+ k?m · /);
  assert.doesNotMatch(await card.locator(".gig-meta").innerText(), /[米天月日]/);
  await context.close();
});

test("an unknown address shows a Chinese not-found page with a way back", async () => {
  const { context, page } = await phone();
  await page.goto(`${url}no-such-page`);
  await page.getByRole("heading", { name: "找不到这个页面" }).waitFor();
  await page.getByRole("link", { name: "回到附近零工" }).click();
  await page.getByRole("heading", { name: "附近零工" }).waitFor();
  await context.close();
});

test("wasm is served as application/wasm", async () => {
  const { context, page } = await phone();
  const wasm = page.waitForResponse((r) => r.url().endsWith(".wasm"));
  await page.goto(url);
  assert.equal((await wasm).headers()["content-type"], "application/wasm");
  await context.close();
});

// The live feed. Each gig is placed where the phone is (0 m): the nearest of the demo's gigs.
async function publishHere(id, title) {
  const employer = await signIn(DEMO_EMPLOYER);
  const here = { lat: NANJING.latitude, lng: NANJING.longitude, address: "南京市鼓楼区中山路" };
  const sent = await api(employer, "POST", "/api/v1/postings", posting(id, { title, location: here }));
  assert.equal(sent.body?.status, "published", JSON.stringify(sent.body));
  return async () => {
    const gone = await api(employer, "POST", `/api/v1/postings/${id}/withdraw`);
    assert.equal(gone.body?.status, "withdrawn", JSON.stringify(gone.body));
  };
}

const LIVE_MS = 15000;

test("a gig published while the app is open is announced, shown on a tap, marked when withdrawn, and kept for an offline reopen", async () => {
  const { context, page } = await phone();
  let loads = 0;
  page.on("load", () => (loads += 1));
  await nearby(page);
  const first = await page.locator(".gig-list li").first().innerText();
  const withdraw = await publishHere("app-live-1", "鼓楼区实时急招保洁");
  const show = page.locator("#live-show");
  await show.filter({ hasText: "新增 1 条零工，点此显示" }).waitFor({ timeout: LIVE_MS });
  assert.equal(await page.locator(".live").getAttribute("aria-live"), "polite");
  assert.equal(await page.locator(".gig-list li").first().innerText(), first, "the list did not move");
  await show.click();
  await page.locator(".gig-list li").first().filter({ hasText: "鼓楼区实时急招保洁" }).waitFor();
  await withdraw();
  const gone = page.locator(".gig-list li.gone", { hasText: "鼓楼区实时急招保洁" });
  await gone.filter({ hasText: "已结束" }).waitFor({ timeout: LIVE_MS });
  await show.filter({ hasText: "1 条已结束，点此更新" }).click();
  await gone.waitFor({ state: "detached" });
  assert.equal(loads, 1, "never reloaded");
  // Heard, not yet shown, then the phone goes offline and the app is opened again: the
  // journal kept beside the snapshot shows it.
  const withdrawSecond = await publishHere("app-live-2", "鼓楼区实时急招搬运");
  await show.filter({ hasText: "新增 1 条" }).waitFor({ timeout: LIVE_MS });
  await page.evaluate(() => navigator.serviceWorker.ready);
  await context.setOffline(true);
  await page.reload();
  await page.locator(".gig-list li").first().filter({ hasText: "鼓楼区实时急招搬运" }).waitFor();
  await context.setOffline(false);
  await withdrawSecond();
  await context.close();
});

test("a feed that says the market's data was restored (409 cursor_ahead) makes the app load the snapshot again", async () => {
  const { context, page, requests } = await phone();
  const refusal = { error: { code: "cursor_ahead", message: "市场的数据已恢复过，请重新下载数据", field: "after" } };
  await page.route("**/api/v1/feed*", (route) =>
    route.fulfill({ status: 409, contentType: "application/json", body: JSON.stringify(refusal) }));
  let streams = 0;
  page.on("request", (r) => r.resourceType() === "eventsource" && (streams += 1));
  await nearby(page);
  const manifests = () => requests.filter((r) => r.url.includes("/data/manifest.json")).length;
  const until = async (done) => {
    for (let i = 0; i < 100 && !done(); i++) await new Promise((r) => setTimeout(r, 100));
  };
  await until(() => streams > 0);
  const [manifestsBefore, streamsBefore] = [manifests(), streams];
  // The refused stream is closed; the next poll (every 30 s) reads the 409.
  await page.clock.runFor(31_000);
  await until(() => manifests() > manifestsBefore);
  assert.ok(manifests() > manifestsBefore, "the snapshot was asked for again");
  await page.locator(".gig-list li").first().waitFor();
  // And the feed is followed again, from the snapshot just loaded.
  await until(() => streams > streamsBefore);
  assert.ok(streams > streamsBefore, "a new stream after the reload");
  await context.close();
});
