// The seeker's app served by linggong-server (the debug build `cargo test` makes) on an
// embedded SQLite file with demo data: the app works against the server as against static
// files, and what employers post and staff take down reaches the phone.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { saveCleanerProfile, DEMO_EMPLOYER, DEMO_STAFF, launch, NANJING, PHONE, posting, startServer } from "./browser.mjs";

let browser, server, url, api, signIn;

before(async () => {
  ({ server, url, api, signIn } = await startServer());
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
});

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
  const employer = await signIn(DEMO_EMPLOYER);
  const gig = posting("e2e-new", { title: "玄武区今日急招保洁", location: { lat: NANJING.latitude + 0.0005, lng: NANJING.longitude, address: "南京市玄武区" } });
  const posted = await api(employer, "POST", "/api/v1/postings", gig);
  assert.equal(posted.status, 201, JSON.stringify(posted.body));
  assert.equal(posted.body.status, "published");
  await page.reload();
  assert.equal((await nearbyTitles(page))[0], "玄武区今日急招保洁", "the new gig is the nearest");
  const staff = await signIn(DEMO_STAFF);
  const down = await api(staff, "POST", "/api/v1/moderation/e2e-new", { decision: "take_down", reason: "测试下架" });
  assert.equal(down.body?.status, "taken_down");
  await page.reload();
  assert.ok(!(await nearbyTitles(page)).includes("玄武区今日急招保洁"), "taken down");
  await context.close();
});

test("an application for a gig withdrawn meanwhile is refused, said plainly, and not sent again", async () => {
  const context = await browser.newContext({ viewport: PHONE, locale: "zh-CN", geolocation: NANJING, permissions: ["geolocation"] });
  const page = await context.newPage();
  const employer = await signIn(DEMO_EMPLOYER);
  const gig = posting("e2e-gone", { title: "鼓楼区临时搬运", location: { lat: NANJING.latitude + 0.0004, lng: NANJING.longitude, address: "南京市鼓楼区" } });
  assert.equal((await api(employer, "POST", "/api/v1/postings", gig)).status, 201);
  await page.goto(url);
  await page.getByRole("button", { name: "使用我的位置" }).click();
  await nearbyTitles(page);
  await page.getByRole("link", { name: /鼓楼区临时搬运/ }).click();
  await page.getByLabel("怎么称呼您").waitFor();
  assert.equal((await api(employer, "POST", "/api/v1/postings/e2e-gone/withdraw")).body.status, "withdrawn");
  await page.getByLabel("怎么称呼您").fill("张师傅");
  await page.getByLabel("手机号").fill("13700001111");
  await page.getByRole("button", { name: "确认报名" }).click();
  assert.match(await page.locator("#refused").innerText(), /这条零工已不再招人/);
  assert.doesNotMatch(await page.locator("#banner").innerText().catch(() => ""), /待发送/);
  await context.close();
});

test("the phone sees the offer, confirms it, shows its check-in code, and the employer records arrival with it", async () => {
  const context = await browser.newContext({ viewport: PHONE, locale: "zh-CN", geolocation: NANJING, permissions: ["geolocation"] });
  const page = await context.newPage();
  const employer = await signIn(DEMO_EMPLOYER);
  const gig = posting("e2e-offer", { title: "建邺区明早搬家", location: { lat: NANJING.latitude + 0.0003, lng: NANJING.longitude, address: "南京市建邺区" } });
  assert.equal((await api(employer, "POST", "/api/v1/postings", gig)).status, 201);
  await page.goto(url);
  await page.getByRole("button", { name: "使用我的位置" }).click();
  await nearbyTitles(page);
  await page.getByRole("link", { name: /建邺区明早搬家/ }).click();
  await page.getByLabel("怎么称呼您").fill("赵师傅");
  await page.getByLabel("手机号").fill("13600002222");
  await page.getByRole("button", { name: "确认报名" }).click();
  await page.locator("#applied", { hasText: "用人单位会联系您" }).waitFor();
  // The employer offers (as the desk does, through the API).
  const listed = await api(employer, "GET", "/api/v1/postings/e2e-offer/applications");
  const application = listed.body.applications.find((a) => a.phone === "13600002222");
  assert.deepEqual(application.steps, ["offer", "decline"]);
  const offered = await api(employer, "POST", `/api/v1/applications/${application.id}/offer`);
  assert.equal(offered.body.status, "offered");
  // The phone hears of it when it next opens (it asks by the application's own token).
  await page.reload();
  await page.locator("#applied", { hasText: "已录用，请确认" }).waitFor();
  await page.getByRole("button", { name: "确认，我去" }).click();
  await page.locator("#applied", { hasText: "已确认" }).waitFor();
  const code = (await page.locator("#check-in strong").innerText()).trim();
  assert.match(code, /^\d{6}$/);
  // At the site the employer types the code the seeker shows.
  const wrong = await api(employer, "POST", `/api/v1/applications/${application.id}/arrive`, { code: "000000" === code ? "111111" : "000000" });
  assert.equal(wrong.status, 422);
  const arrived = await api(employer, "POST", `/api/v1/applications/${application.id}/arrive`, { code });
  assert.equal(arrived.body.status, "arrived");
  await page.reload();
  await page.locator("#applied", { hasText: "已到岗" }).waitFor();
  await context.close();
});

test("a seeker registers by choice, applies offline, is ranked for the employer, confirms the offer, and deletes the registration", async () => {
  const context = await browser.newContext({ viewport: PHONE, locale: "zh-CN", geolocation: NANJING, permissions: ["geolocation"] });
  const page = await context.newPage();
  const employer = await signIn(DEMO_EMPLOYER);
  const gig = posting("e2e-registered", { title: "玄武区商场保洁", location: { lat: NANJING.latitude + 0.0004, lng: NANJING.longitude, address: "南京市玄武区" } });
  assert.equal((await api(employer, "POST", "/api/v1/postings", gig)).status, 201);
  await page.goto(url);
  await page.getByRole("button", { name: "使用我的位置" }).click();
  await nearbyTitles(page);
  // The profile is saved on the phone, then sent to the market only with the consent ticked.
  await saveCleanerProfile(page);
  const send = page.getByRole("button", { name: "发送登记" });
  assert.equal(await send.isDisabled(), true, "nothing goes without the consent");
  await page.getByLabel("我同意把登记信息发给零工市场").check();
  await send.click();
  await page.locator("#registration-status", { hasText: "已在零工市场登记" }).waitFor();
  // Offline at the gig: the application waits; back online it goes, naming the registration.
  await page.getByRole("link", { name: "附近", exact: true }).click();
  await page.getByRole("link", { name: /玄武区商场保洁/ }).click();
  await page.getByLabel("怎么称呼您").fill("钱阿姨");
  await page.getByLabel("手机号").fill("13500003333");
  await context.setOffline(true);
  await page.getByRole("button", { name: "确认报名" }).click();
  await page.locator("#applied", { hasText: "等有网络时自动发送" }).waitFor();
  await context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event("online")));
  await page.locator("#applied", { hasText: "用人单位会联系您" }).waitFor();
  const listed = await api(employer, "GET", "/api/v1/postings/e2e-registered/applications");
  const mine = listed.body.applications.find((a) => a.phone === "13500003333");
  assert.match(mine.match.summary, /工种对口/, JSON.stringify(mine));
  // The employer offers; the phone confirms it.
  assert.equal((await api(employer, "POST", `/api/v1/applications/${mine.id}/offer`)).body.status, "offered");
  await page.reload();
  await page.locator("#applied", { hasText: "已录用，请确认" }).waitFor();
  await page.getByRole("button", { name: "确认，我去" }).click();
  await page.locator("#applied", { hasText: "已确认" }).waitFor();
  // Deleted from the phone: the market no longer has it, and the ledger says only that.
  await page.getByRole("link", { name: "登记" }).click();
  await page.getByRole("button", { name: "删除我在市场的登记" }).click();
  await page.locator("#registration-status").waitFor({ state: "detached" });
  const staff = await signIn(DEMO_STAFF);
  const head = await api(staff, "GET", "/api/v1/ledger/checkpoint");
  const ledger = await api(staff, "GET", `/api/v1/ledger?after=${head.body.size - 50}`);
  const kinds = ledger.body.events.map((e) => e.entry.kind).filter((k) => k.startsWith("registration."));
  assert.deepEqual(kinds.slice(-2), ["registration.made", "registration.deleted"]);
  await context.close();
});

test("every app is served with a Content-Security-Policy that runs its own scripts and no injected one", async () => {
  for (const [path, ready] of [["/", "#main"], ["/desk/", "main"], ["/h5/", "body"]]) {
    const context = await browser.newContext({ viewport: PHONE, locale: "zh-CN" });
    const page = await context.newPage();
    const refused = [];
    page.on("console", (m) => { if (/Content Security Policy/i.test(m.text())) refused.push(m.text()); });
    const response = await page.goto(url + path);
    const csp = response.headers()["content-security-policy"];
    assert.match(csp, /script-src 'self' 'wasm-unsafe-eval'/, path);
    assert.doesNotMatch(csp, /unsafe-inline/, path);
    await page.locator(ready).first().waitFor();
    await page.waitForLoadState("networkidle");
    assert.deepEqual(refused, [], `${path}: its own scripts all ran`);
    // Markup injected past every escape runs nothing.
    await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", '<img src="/x" onerror="window.pwned = 1">'));
    await page.waitForTimeout(200);
    assert.equal(await page.evaluate(() => window.pwned), undefined, path);
    await context.close();
  }
});
