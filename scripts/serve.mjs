// A small static file server for dist/ (and the e2e tests): correct MIME types, including
// application/wasm, no caching surprises, app routes answered with index.html, loopback only
// unless HOST says otherwise.
// Usage: node scripts/serve.mjs [DIR] [PORT]
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json; charset=utf-8",
  ".jsonl": "application/jsonl; charset=utf-8",
  ".md": "text/markdown; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".webmanifest": "application/manifest+json",
  ".bin": "application/octet-stream",
  ".csv": "text/csv; charset=utf-8",
};

/** Serves `dir` on `host:port` (port 0 picks a free one); resolves to the listening server. */
export function serve(dir, { port = 0, host = "127.0.0.1", log = () => {} } = {}) {
  const root = resolve(dir);
  // The demo stand-in for the market's applications service: it keeps what the app's outbox
  // sends (applications and reports), in memory, and lists it back for the tests.
  const received = [];
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (path === "/api/applications") {
      if (req.method === "POST") {
        let body = "";
        for await (const chunk of req) {
          body += chunk;
          if (body.length > 10_000) return res.writeHead(413).end();
        }
        try {
          received.push(JSON.parse(body));
        } catch {
          return res.writeHead(400, { "content-type": "text/plain; charset=utf-8" }).end("not JSON");
        }
        log(`202 POST ${path}`);
        return res.writeHead(202, { "content-type": "application/json" }).end("{}");
      }
      return res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(received));
    }
    let file = normalize(join(root, path));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    try {
      // A path without an extension that is not a file is a route of the single-page app.
      const isFile = await stat(file).then((st) => st.isFile() || st.isDirectory(), () => false);
      if (!isFile && extname(file) === "" && req.method === "GET") file = join(root, "index.html");
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const body = await readFile(file);
      res.writeHead(200, {
        "content-type": TYPES[extname(file)] ?? "application/octet-stream",
        "cache-control": "no-cache",
      });
      res.end(body);
      log(`200 ${path}`);
    } catch {
      res.writeHead(404, { "content-type": "text/plain; charset=utf-8" }).end("not found");
      log(`404 ${path}`);
    }
  });
  return new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, host, () => ok(server));
  });
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = process.argv[2] ?? "dist";
  const port = Number(process.argv[3] ?? process.env.PORT ?? 8080);
  const host = process.env.HOST ?? "127.0.0.1";
  const server = await serve(dir, { port, host });
  console.log(`Linggong is served at http://${host}:${server.address().port}/  (Ctrl-C stops)`);
}
