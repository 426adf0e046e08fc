// Runs the side-by-side benchmark page in headless Chromium; prints its JSON to stdout.
import { launch, startServer } from "../../../tests/e2e/browser.mjs";

const root = new URL("../../../", import.meta.url).pathname;
// The repository's files through linggong-server (no postings needed).
const { server, url } = await startServer({ demoPostings: 0, staticDir: root, release: true });
const browser = await launch();
try {
  const page = await browser.newPage();
  page.on("console", (m) => console.error(m.text()));
  page.on("pageerror", (e) => console.error("page error:", e.message));
  page.on("crash", () => console.error("page crashed"));
  const sizes = process.env.LINGGONG_BENCH_SIZES ?? "100000,1000000";
  const runs = process.env.LINGGONG_BENCH_RUNS ?? "5";
  await page.goto(`${url}benches/js/side-by-side/page.html?sizes=${sizes}&runs=${runs}`);
  await page.waitForFunction(() => window.benchResult, null, { timeout: 0, polling: 1000 });
  const result = await page.evaluate(() => window.benchResult);
  if (result.error) throw new Error(result.error);
  console.log(JSON.stringify(result));
} finally {
  await browser.close();
  server.close();
}
