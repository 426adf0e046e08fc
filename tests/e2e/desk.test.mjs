// The desk (工作台) at /desk/, served by linggong-server with the demo accounts: an employer
// posts a gig with the audit shown as they type and follows it; staff review the queue; the
// seeker's app links to it and carries none of it.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { DEMO_EMPLOYER, DEMO_STAFF, hoursFromNow, launch, NANJING, NOW, PHONE, posting, startServer } from "./browser.mjs";
import { axeViolations, deskAs, smallTargets } from "./desk_page.mjs";

let browser, server, url, api, signIn;

before(async () => {
  ({ server, url, api, signIn } = await startServer());
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** A desk signed in as a demo account, on a phone-sized screen, where the phone is. */
const desk = (phone) => deskAs(browser, url, phone, { geolocation: NANJING, permissions: ["geolocation"] });

/** `datetime-local` text `hours` after the suite's instant (China time). */
const local = (hours) => hoursFromNow(hours).slice(0, 16);

test("an employer posts a gig with the audit as they type, sees it published, and withdraws it", async () => {
  const { context, page } = await desk(DEMO_EMPLOYER);
  await page.getByRole("heading", { name: "发布前请修改" }).waitFor();
  assert.ok(await page.getByRole("button", { name: "发布", exact: true }).isDisabled(), "nothing to publish yet");
  await page.getByLabel("工作内容和要求 *").fill("招保洁，限男性，35岁以下，先交押金200元");
  const findings = await page.locator("#findings").innerText();
  for (const word of ["性别", "年龄", "押金"]) assert.match(findings, new RegExp(word), findings);
  // The trade through the normaliser's typeahead: pinyin initials find it, the reading says it.
  await page.getByLabel(/^工种 \*/).fill("bjy");
  assert.equal(await page.locator("#trade-options option").first().getAttribute("value"), "保洁员");
  await page.getByLabel(/^工种 \*/).fill("保洁员");
  assert.match(await page.locator("#trade-reading").innerText(), /按工种“保洁员（/);
  const fill = { "标题": "玄武区商场保洁", "技能要求 *（用、隔开；没有要求写“不限”）": "不限",
    "工作内容和要求 *": "商场日常保洁，男女不限，提供工具", "工作地点 *": "南京市玄武区中山路1号",
    "每天工时（小时）": "8", "工资金额（元）*": "200", "招聘人数": "2", "用人单位 *": "玄武区某物业公司", "联系电话": "13800000000" };
  for (const [label, value] of Object.entries(fill)) await page.getByLabel(label, { exact: true }).fill(value);
  await page.getByLabel("开工时间 *").fill(local(24));
  await page.getByLabel("完工时间").fill(local(32));
  await page.getByLabel("计薪单位 *").selectOption("day");
  await page.getByLabel("结算方式").selectOption("same_day");
  // The position by district name over the gazetteer, then exactly from the device.
  await page.getByLabel("按区县名找位置（区县中心）").fill("玄武");
  await page.locator(".place-hits button", { hasText: "南京市玄武区" }).click();
  assert.match(await page.locator("#p-lat").inputValue(), /^32\.\d{6}$/);
  await page.getByRole("button", { name: "用本机位置（在工作地点时）" }).click();
  await page.waitForFunction(() => document.querySelector("#p-lat").value.startsWith("32.0603"));
  // The pay against the month's guide for the trade: said plainly when below it.
  await page.getByLabel("工资金额（元）*", { exact: true }).fill("60");
  await page.locator(".pay-verdict", { hasText: "低于本地行情" }).waitFor();
  const guide = await page.locator("#pay-guide").innerText();
  const median = Number(guide.match(/本地行情（本月“保洁员”）：每小时 ¥\d+–\d+，中位 ¥(\d+)/)?.[1]);
  assert.ok(median > 0, guide);
  await page.getByLabel("工资金额（元）*", { exact: true }).fill(String(median * 8));
  await page.locator(".pay-verdict", { hasText: "在本地行情之内" }).waitFor();
  await page.getByRole("heading", { name: "可以发布" }).waitFor();
  assert.equal(await page.locator("#findings li").count(), 0, await page.locator("#findings").innerText());
  // A discriminatory word in a complete posting blocks it, the finding quoting the words.
  await page.getByLabel("工作内容和要求 *").fill("商场日常保洁，限男性，提供工具");
  await page.getByRole("heading", { name: "发布前请修改" }).waitFor();
  assert.ok(await page.getByRole("button", { name: "发布", exact: true }).isDisabled());
  assert.match(await page.locator("#findings li.block").first().innerText(), /必须改：.*（“[^”]*男性[^”]*”）/s);
  await page.getByLabel("工作内容和要求 *").fill("商场日常保洁，男女不限，提供工具");
  await page.getByRole("heading", { name: "可以发布" }).waitFor();
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(await smallTargets(page), []);
  await page.screenshot({ path: "target/screenshots/desk-post-360x740.png", fullPage: true });
  await page.getByRole("button", { name: "发布", exact: true }).click();
  assert.match(await page.locator("#post-result").innerText(), /已提交：已发布/);
  await page.getByRole("button", { name: "我的发布" }).click();
  const mine = page.locator("#mine li", { hasText: "玄武区商场保洁" });
  await mine.waitFor();
  assert.match(await mine.innerText(), /已发布/);
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(await smallTargets(page), []);
  await mine.getByRole("button", { name: "撤回" }).click();
  await page.locator("#mine li", { hasText: "已撤回" }).waitFor();
  // "Post again" fills the form with the gig, without its times.
  await page.locator("#mine li", { hasText: "玄武区商场保洁" }).getByRole("button", { name: "再发一条" }).click();
  assert.equal(await page.getByLabel("标题", { exact: true }).inputValue(), "玄武区商场保洁");
  assert.equal(await page.getByLabel("开工时间 *").inputValue(), "");
  await context.close();
});

test("staff see the waiting postings with their findings and approve or refuse each", async () => {
  // Two postings the audit warns about (no contact phone): they wait for staff.
  const employer = await signIn(DEMO_EMPLOYER);
  for (const [id, title] of [["desk-wait-1", "审核测试一号"], ["desk-wait-2", "审核测试二号"]]) {
    const sent = await api(employer, "POST", "/api/v1/postings", posting(id, { title, employer: { name: "某劳务公司" } }));
    assert.equal(sent.body?.status, "pending_review", JSON.stringify(sent.body));
  }
  const { context, page } = await desk(DEMO_STAFF);
  await page.getByRole("button", { name: "审核" }).click();
  const first = page.locator("#waiting > li").first();
  await first.waitFor();
  assert.ok((await page.locator("#waiting > li").count()) > 0);
  assert.ok((await first.locator(".findings li").count()) > 0, "a posting waits because the audit warned");
  assert.deepEqual(await axeViolations(page), []);
  // Refusing needs a reason; the server says so.
  await first.getByRole("button", { name: "不通过" }).click();
  await page.getByRole("alert").filter({ hasText: "请写明原因" }).waitFor();
  // Each decision takes the posting out of the queue (oldest first, a page of at most 200).
  const gone = (text) => page.waitForFunction((t) => document.querySelector("#waiting > li")?.innerText !== t, text);
  const refused = await first.innerText();
  await first.getByLabel(/原因/).fill("工资低于最低工资标准");
  await first.getByRole("button", { name: "不通过" }).click();
  await gone(refused);
  const approved = await page.locator("#waiting > li").first().innerText();
  await page.locator("#waiting > li").first().getByRole("button", { name: "通过", exact: true }).click();
  await gone(approved);
  await context.close();
});

test("the wage guide charts the month's pay bands and 求人倍率 from the market's own data", async () => {
  const { context, page } = await desk(DEMO_EMPLOYER);
  await page.getByRole("button", { name: "工资行情" }).click();
  await page.locator("#bands-category li").first().waitFor();
  assert.equal(await page.getByLabel("月份").inputValue(), NOW.slice(0, 7), "this month, by the suite's clock");
  assert.match(await page.locator("#bands-trade li").first().innerText(), /¥\d+–\d+\/小时，中位 ¥\d+/);
  assert.match(await page.locator("#ratios-category li").first().innerText(), /求人倍率 \d+\.\d\d（需求 \d+，登记 \d+）/);
  assert.deepEqual(await axeViolations(page), []);
  await context.close();
});

test("the desk answers its own pages, and a wrong password is said plainly", async () => {
  const context = await browser.newContext({ viewport: PHONE, locale: "zh-CN" });
  const page = await context.newPage();
  const response = await page.goto(`${url}desk/some/deep/link`);
  assert.equal(response.status(), 200);
  await page.getByRole("heading", { name: "登录工作台" }).waitFor();
  await page.getByLabel("手机号").fill(DEMO_EMPLOYER);
  await page.getByLabel("密码").fill("not-the-password");
  await page.getByRole("button", { name: "登录", exact: true }).click();
  assert.match(await page.locator("#sign-in-error").innerText(), /手机号或密码不对/);
  assert.deepEqual(await axeViolations(page), []);
  // The seeker's app links here and ships none of the desk's code.
  await page.goto(url);
  assert.equal(await page.getByRole("link", { name: "我要招工" }).getAttribute("href"), "/desk/");
  await context.close();
});

test("markup in a posting and in an applicant's name is shown as text on the desk and runs nothing", async () => {
  const employer = await signIn(DEMO_EMPLOYER);
  const title = '<img src="/x" onerror="window.pwned=1">夜班保洁';
  const sent = await api(employer, "POST", "/api/v1/postings", posting("desk-markup", { title }));
  assert.equal(sent.status, 201, JSON.stringify(sent.body));
  const applied = await api({}, "POST", "/api/v1/applications", { id: "5a1b2c3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d", posting_id: "desk-markup",
    name: "<b onclick=x>王</b>", phone: "13700007777", created_at: NOW });
  assert.equal(applied.status, 201, JSON.stringify(applied.body));
  const { context, page } = await desk(DEMO_EMPLOYER);
  await page.getByRole("button", { name: "我的发布" }).click();
  const mine = page.locator("#mine li", { hasText: "夜班保洁" });
  await mine.waitFor();
  assert.match(await mine.innerText(), /<img src="\/x" onerror="window.pwned=1">夜班保洁/);
  await mine.getByRole("button", { name: "报名的人" }).click();
  await page.locator(".applicants li", { hasText: "<b onclick=x>王</b>" }).waitFor();
  assert.equal(await page.locator("#mine img, #mine b").count(), 0, "no element made from the text");
  assert.equal(await page.evaluate(() => window.pwned), undefined);
  await context.close();
});

test("the hall screen shows the gigs near its market in large type, and one published appears within seconds, marked 新", async () => {
  const manifest = await (await fetch(`${url}data/manifest.json`)).json();
  const directory = await (await fetch(`${url}data/${manifest.markets.path}`)).text();
  const market = JSON.parse(directory.trim().split("\n")[0]);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "zh-CN" });
  const page = await context.newPage();
  await page.goto(`${url}desk/hall?market=${encodeURIComponent(market.id)}`);
  await page.locator("#hall li").first().waitFor();
  assert.match(await page.locator(".hall-header").innerText(), new RegExp(market.name));
  const size = (selector) => page.locator(selector).first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
  assert.ok((await size(".hall-pay")) >= 32, "pay readable from five metres");
  assert.ok((await size(".hall-title")) >= 20, "the title too");
  assert.deepEqual(await axeViolations(page), []);
  await page.screenshot({ path: "target/screenshots/hall-1280x800.png" });
  // Published through the API at the market's own place: on the first page within seconds.
  const employer = await signIn(DEMO_EMPLOYER);
  const here = { lat: market.location.lat, lng: market.location.lng, address: market.address };
  const sent = await api(employer, "POST", "/api/v1/postings", posting("hall-live", { title: "大屏实时急招理货员", location: here }));
  assert.equal(sent.body?.status, "published", JSON.stringify(sent.body));
  const card = page.locator("#hall li").first().filter({ hasText: "大屏实时急招理货员" });
  await card.filter({ hasText: "新" }).waitFor({ timeout: 15000 });
  const withdrawn = await api(employer, "POST", "/api/v1/postings/hall-live/withdraw");
  assert.equal(withdrawn.body?.status, "withdrawn");
  await page.locator("#hall li", { hasText: "大屏实时急招理货员" }).waitFor({ state: "detached", timeout: 15000 });
  await page.setViewportSize(PHONE);
  await page.screenshot({ path: "target/screenshots/hall-360x740.png", fullPage: true });
  await context.close();
});

test("an employer offers on the desk to an applicant, who confirms on the seeker's app; the desk then shows the confirmation", async () => {
  const employer = await signIn(DEMO_EMPLOYER);
  const gig = posting("desk-offer", { title: "鼓楼区明早卸货", location: { lat: NANJING.latitude + 0.0002, lng: NANJING.longitude, address: "南京市鼓楼区" } });
  assert.equal((await api(employer, "POST", "/api/v1/postings", gig)).status, 201);
  const seeker = await browser.newContext({ viewport: PHONE, locale: "zh-CN", geolocation: NANJING, permissions: ["geolocation"] });
  const phone = await seeker.newPage();
  await phone.goto(url);
  await phone.getByRole("button", { name: "使用我的位置" }).click();
  await phone.getByRole("link", { name: /鼓楼区明早卸货/ }).click();
  await phone.getByLabel("怎么称呼您").fill("钱师傅");
  await phone.getByLabel("手机号").fill("13600003333");
  await phone.getByRole("button", { name: "确认报名" }).click();
  await phone.locator("#applied", { hasText: "用人单位会联系您" }).waitFor();
  const { context, page } = await desk(DEMO_EMPLOYER);
  await page.getByRole("button", { name: "我的发布" }).click();
  const mine = page.locator("#mine li", { hasText: "鼓楼区明早卸货" });
  await mine.getByRole("button", { name: "报名的人" }).click();
  const applicant = page.locator(".applicants li", { hasText: "13600003333" });
  await applicant.getByRole("button", { name: "录用", exact: true }).click();
  await applicant.filter({ hasText: "已录用，等对方确认" }).waitFor();
  await phone.reload();
  await phone.getByRole("button", { name: "确认，我去" }).click();
  await phone.locator("#applied", { hasText: "已确认" }).waitFor();
  // The employer opens the list again: confirmed, and 到岗 waits for the seeker's code.
  await mine.getByRole("button", { name: "报名的人" }).click();
  await mine.getByRole("button", { name: "报名的人" }).click();
  await applicant.filter({ hasText: "已确认" }).waitFor();
  assert.ok(await applicant.getByLabel(/到岗码/).isVisible());
  await applicant.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "target/screenshots/desk-applicants-360x740.png" });
  await seeker.close();
  await context.close();
});

test("the desk works with a keyboard alone: sign in, move between sections, post from the form", async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "zh-CN" });
  const page = await context.newPage();
  await page.goto(`${url}desk/`);
  await page.getByLabel("手机号").waitFor();
  // Tab from the top of the page to the phone field, then through the form; Enter submits.
  for (let i = 0; i < 10 && (await page.evaluate(() => document.activeElement?.id)) !== "phone"; i++) await page.keyboard.press("Tab");
  await page.keyboard.type(DEMO_EMPLOYER);
  await page.keyboard.press("Tab");
  await page.keyboard.type("linggong-demo");
  await page.keyboard.press("Enter");
  await page.getByRole("button", { name: "退出登录" }).waitFor();
  // The sections are buttons in the tab order after the header's links: 我的发布 by Tab and Enter.
  await page.getByRole("link", { name: /找零工/ }).focus();
  for (let i = 0; i < 10 && (await page.evaluate(() => document.activeElement?.textContent)) !== "我的发布"; i++) await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: "我的发布" }).waitFor();
  // In the posting form, a district is picked from the search by keyboard.
  await page.getByRole("button", { name: "发布招工" }).focus();
  await page.keyboard.press("Enter");
  await page.getByLabel("按区县名找位置（区县中心）").focus();
  await page.keyboard.type("鼓楼");
  await page.locator(".place-hits button").first().waitFor();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  assert.match(await page.locator("#p-lat").inputValue(), /^\d+\.\d{6}$/);
  assert.equal(await page.evaluate(() => document.activeElement.id), "p-lat", "focus lands on what changed");
  await context.close();
});
