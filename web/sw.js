// The app shell, offline. Data is not cached here (it lives in IndexedDB, checked by
// checksum); this worker only keeps index.html and the hashed JS, wasm and CSS it names.
const SHELL = "linggong-shell-v1";

async function cacheShell() {
  const cache = await caches.open(SHELL);
  const response = await fetch("./", { cache: "no-cache" });
  if (!response.ok) return;
  const html = await response.clone().text();
  await cache.put("./", response);
  const assets = [...html.matchAll(/(?:href|src)="([^"]+\.(?:js|wasm|css))"/g)].map((m) => m[1]);
  await cache.addAll(assets);
}

self.addEventListener("install", (event) => {
  event.waitUntil(cacheShell().then(() => self.skipWaiting()));
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) if (key !== SHELL) await caches.delete(key);
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== location.origin) return;
  if (url.pathname.includes("/data/") || url.pathname.includes("/api/") || url.pathname.includes("/gazetteer/")) return;
  // The desk and the H5 page are other apps: never answer them with the seeker's shell.
  if (url.pathname.startsWith("/desk/") || url.pathname.startsWith("/h5/")) return;
  if (event.request.mode === "navigate") {
    // Network first, so a new release shows at once; the cached shell when offline.
    event.respondWith((async () => {
      try {
        const response = await fetch(event.request);
        if (response.ok) {
          const cache = await caches.open(SHELL);
          await cache.put("./", response.clone());
          // A new index.html names new hashed assets: fetch them for next time offline.
          cacheShell().catch(() => {});
        }
        return response;
      } catch {
        return (await caches.match("./")) ?? Response.error();
      }
    })());
    return;
  }
  // Hashed assets never change: the cache first.
  event.respondWith(caches.match(event.request).then((hit) => hit ?? fetch(event.request)));
});
