// Shared set-up of the end-to-end suite: the system Chromium through playwright-core (no
// browser download) and a loopback server over dist/.
import { chromium } from "playwright-core";
import { serve } from "../../scripts/serve.mjs";

export const PHONE = { width: 360, height: 740 };

/** Where the tests' phones are: central Nanjing, WGS-84 (the demo data has gigs around it). */
export const NANJING = { latitude: 32.0603, longitude: 118.7969 };

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
    ],
  });
}

export async function serveDist() {
  const server = await serve(new URL("../../dist", import.meta.url).pathname);
  return { server, url: `http://127.0.0.1:${server.address().port}/` };
}
