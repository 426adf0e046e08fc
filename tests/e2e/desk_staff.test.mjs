// The desk's staff pages against the real server (SQLite, demo data): the month's report
// equals `linggong-server report`, the ledger verifies and is browsed, a registration is
// entered at the counter (and recorded as offline), the directory is edited and reaches the
// phones' snapshot, English on request; every page passes axe, keeps its targets 44 px high,
// and is photographed at a phone's and a PC's size.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { DEMO_STAFF, launch, NOW, PHONE, serverCommand, startServer } from "./browser.mjs";
import { axeViolations, deskAs, smallTargets } from "./desk_page.mjs";

const PC = { width: 1280, height: 800 };
const MONTH = NOW.slice(0, 7);
let browser, server, url, db;

before(async () => {
  ({ server, url, db } = await startServer());
  browser = await launch();
});

after(async () => {
  await browser?.close();
  server?.close();
});

/** The desk signed in as the demo staff member, on a screen of `viewport`. */
const staffDesk = (viewport = PHONE) => deskAs(browser, url, DEMO_STAFF, { viewport });

/** Opens the section `name`, waits for `ready`, checks axe and target sizes, photographs it. */
async function visit(page, name, ready, shot) {
  await page.locator(".desk-tabs").getByRole("button", { name, exact: true }).click();
  await page.locator(ready).first().waitFor();
  assert.deepEqual(await axeViolations(page), [], `axe on ${name}`);
  assert.deepEqual(await smallTargets(page), [], `targets on ${name}`);
  const size = page.viewportSize();
  await page.screenshot({ path: `target/screenshots/desk-${shot}-${size.width}x${size.height}.png`, fullPage: true });
}

test("the month's report shows the server's own numbers and downloads the same files as `linggong-server report`", async () => {
  const { context, page } = await staffDesk();
  await visit(page, "月度报告", "#services tr", "report");
  const expected = JSON.parse(serverCommand("report", "--db", `sqlite://${db}`, "--month", MONTH, "--format", "json"));
  const hint = await page.locator("main .hint").first().innerText();
  assert.match(hint, new RegExp(`根据本月发布的 ${expected.total.postings} 条`), hint);
  for (const [key, value] of Object.entries(expected.services)) {
    if (key === "confirmed_share" || key === "seekers_served") continue;
    assert.equal(await page.locator(`#services tr[data-key="${key}"] td`).innerText(), String(value), key);
  }
  const category = expected.by_category.find((g) => g.ratio !== null);
  const row = page.locator("#ratios-category li", { hasText: category.name });
  assert.match(await row.innerText(), new RegExp(`求人倍率 ${category.ratio.toFixed(2)}（需求 ${category.demand}，登记 ${category.seekers}）`));
  for (const [format, id] of [["md", "#report-md"], ["csv", "#report-csv"]]) {
    const href = await page.locator(id).getAttribute("href");
    const got = await (await context.request.get(`${url}${href.slice(1)}`)).text();
    assert.equal(got, serverCommand("report", "--db", `sqlite://${db}`, "--month", MONTH, "--format", format), format);
  }
  await page.setViewportSize(PC);
  await page.screenshot({ path: `target/screenshots/desk-report-1280x800.png`, fullPage: true });
  await context.close();
});

test("a seeker registered at the counter gets a slip, and the ledger shows it entered offline by staff and still verifies", async () => {
  const { context, page } = await staffDesk();
  await visit(page, "代录登记", "#counter-form", "counter");
  assert.ok(await page.getByRole("button", { name: "登记", exact: true }).isDisabled(), "not without the seeker's consent");
  await page.getByLabel("会做的工种 *（可选多个）").fill("sdg");
  await page.locator(".choices .choice").first().click();
  assert.match(await page.locator("#c-trades").innerText(), /水电工/);
  await page.getByLabel("最低工资（元）").fill("220");
  await page.getByLabel("按区县名找位置（区县中心）").fill("玄武");
  await page.locator(".place-hits button", { hasText: "南京市玄武区" }).click();
  assert.match(await page.locator("#c-home").innerText(), /南京市玄武区/);
  await page.getByLabel("求职者本人已当面同意向零工市场登记 *").check();
  await page.getByRole("button", { name: "登记", exact: true }).click();
  const id = (await page.locator("#c-id").innerText()).trim();
  assert.match(id, /^[0-9a-f-]{36}$/);
  assert.ok((await page.locator("#c-token").innerText()).trim().length > 16);
  await page.setViewportSize(PC);
  await page.screenshot({ path: "target/screenshots/desk-counter-1280x800.png", fullPage: true });
  await page.setViewportSize(PHONE);
  await visit(page, "台账", "#ledger-verdict", "ledger");
  assert.match(await page.locator("#ledger-verdict").innerText(), /台账完整：共 \d+ 条事件/);
  await page.getByLabel("对象编号（招工信息、报名、举报或市场的编号）").fill(id);
  await page.getByRole("button", { name: "查找" }).click();
  const event = page.locator("#ledger-events tbody tr", { hasText: id });
  await event.waitFor();
  assert.match(await event.innerText(), /求职登记/);
  assert.match(await event.innerText(), /线下（代录）/);
  assert.match(await event.innerText(), /staff #\d+/);
  // One kind on one day, and the same period as CSV.
  await page.getByLabel("对象编号（招工信息、报名、举报或市场的编号）").fill("");
  await page.getByLabel("事件类别").selectOption("posting.");
  await page.getByLabel("日期", { exact: true }).fill(NOW.slice(0, 10));
  await page.getByRole("button", { name: "查找" }).click();
  await page.locator("#ledger-events tbody tr").first().waitFor();
  const kinds = await page.locator("#ledger-events tbody tr td:nth-child(3)").allInnerTexts();
  assert.ok(kinds.length > 0 && kinds.every((k) => k.startsWith("招工信息")), kinds.join());
  await page.getByLabel("从", { exact: true }).fill(NOW.slice(0, 10));
  await page.getByLabel("到", { exact: true }).fill(NOW.slice(0, 10));
  const csv = await (await context.request.get(`${url}${(await page.locator("#ledger-csv").getAttribute("href")).slice(1)}`)).text();
  assert.match(csv, /^seq,at,kind,subject,actor,actor_id,channel,detail\n/);
  assert.match(csv, new RegExp(`registration\\.made,${id},staff,\\d+,offline`));
  await page.setViewportSize(PC);
  await page.screenshot({ path: "target/screenshots/desk-ledger-1280x800.png", fullPage: true });
  await context.close();
});

test("the desk speaks English on request and keeps it for the next visit", async () => {
  const { context, page } = await staffDesk();
  await page.getByRole("button", { name: "English" }).click();
  await page.getByRole("heading", { name: "Post a gig" }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
  await page.reload();
  await page.getByRole("button", { name: "Sign out" }).waitFor();
  await visit(page, "Review", "main h3", "review-en");
  await page.getByRole("button", { name: "中文" }).click();
  await page.getByRole("button", { name: "退出登录" }).waitFor();
  await context.close();
});

test("staff add a station to the directory, the phones' snapshot lists it, then change and delete it", async () => {
  const { context, page } = await staffDesk();
  await visit(page, "市场目录", "#markets li", "directory");
  await page.locator("#market-new").click();
  await page.locator("#market-form").waitFor();
  assert.equal(await page.evaluate(() => document.activeElement.id), "m-name", "focus on the form");
  await page.locator("#m-save").click();
  await page.locator("#m-error").filter({ hasText: /名称|name/ }).waitFor();
  await page.locator("#m-name").fill("玄武区测试零工驿站");
  await page.locator("#m-kind").selectOption("station");
  await page.locator("#m-address").fill("南京市玄武区珠江路88号");
  await page.locator("#m-place").fill("玄武");
  await page.locator(".place-hits button", { hasText: "南京市玄武区" }).click();
  await page.locator("#m-phone").fill("025-84000000");
  await page.locator("#m-services").fill("零工登记、岗位推介");
  await page.locator("#m-save").click();
  await page.locator("#m-result").filter({ hasText: /已保存|Saved/ }).waitFor();
  const id = (await page.locator("#m-id").innerText()).replace(/^编号：/, "").trim();
  await page.locator("#markets-filter").fill("玄武区测试零工驿站");
  await page.locator("#markets li", { hasText: "025-84000000" }).waitFor();
  assert.equal(await page.locator("#markets li").count(), 1, "the filter finds the one station");
  assert.deepEqual(await axeViolations(page), []);
  assert.deepEqual(await smallTargets(page), []);
  await page.screenshot({ path: "target/screenshots/desk-directory-form-360x740.png", fullPage: true });
  // The phones read the directory from the snapshot: the station is there now.
  const markets = async () => {
    const manifest = await (await fetch(`${url}data/manifest.json`)).json();
    return (await (await fetch(`${url}data/${manifest.markets.path}`)).text()).trim().split("\n").map((l) => JSON.parse(l));
  };
  const listed = (await markets()).find((m) => m.id === id);
  assert.equal(listed?.name, "玄武区测试零工驿站");
  assert.deepEqual(listed.services, ["零工登记", "岗位推介"]);
  assert.equal(listed.kind, "station");
  // Changed, then deleted after the page asks again.
  await page.locator("#m-phone").fill("025-84000001");
  await page.locator("#m-save").click();
  let phone;
  for (let i = 0; i < 50 && phone !== "025-84000001"; i++) {
    await new Promise((r) => setTimeout(r, 200));
    phone = (await markets()).find((m) => m.id === id)?.phone;
  }
  assert.equal(phone, "025-84000001");
  await page.locator("#m-delete").click();
  await page.locator("#m-delete-confirm").click();
  await page.locator("#directory-status").filter({ hasText: "已删除" }).waitFor();
  assert.equal((await markets()).find((m) => m.id === id), undefined);
  await page.setViewportSize(PC);
  await page.screenshot({ path: "target/screenshots/desk-directory-1280x800.png" });
  await context.close();
});
