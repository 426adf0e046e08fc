// What the desk's browser tests share: a desk signed in as a demo account, axe-core's
// serious and critical findings, and the controls too small for older users' fingers.
import { readFileSync } from "node:fs";
import { PHONE } from "./browser.mjs";

const AXE = readFileSync(new URL("../../node_modules/axe-core/axe.min.js", import.meta.url), "utf8");

/** A desk page signed in as `phone` (password `linggong-demo`), on a screen of `viewport`. */
export async function deskAs(browser, url, phone, options = {}) {
  const context = await browser.newContext({ viewport: PHONE, locale: "zh-CN", ...options });
  const page = await context.newPage();
  await page.goto(`${url}desk/`);
  await page.getByLabel("手机号").fill(phone);
  await page.getByLabel("密码").fill("linggong-demo");
  await page.getByRole("button", { name: "登录", exact: true }).click();
  await page.getByRole("button", { name: "退出登录" }).waitFor();
  return { context, page };
}

/** axe-core's serious and critical violations on the page, run as DevTools runs it (the CSP stays on). */
export async function axeViolations(page) {
  await page.evaluate(AXE);
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} ${v.nodes[0]?.target}`);
}

/** Visible controls less than 44 px tall (a checkbox counts by its label). */
export function smallTargets(page) {
  return page.evaluate(() => [...document.querySelectorAll("button, input, select, textarea, a.button, label.check")]
    .filter((e) => e.offsetParent !== null && e.type !== "hidden")
    .map((e) => [e, e.type === "checkbox" ? e.closest("label") ?? e : e])
    .filter(([, box]) => box.getBoundingClientRect().height < 44)
    .map(([e]) => `${e.tagName.toLowerCase()}#${e.id} ${e.textContent.trim().slice(0, 20)} ${e.getBoundingClientRect().height}`));
}
