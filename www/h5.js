// The 附近零工 widget: plain JS over the `linggong` package, no framework, no bundler.
// Postings are shown with textContent only, so their text can never run as HTML.
// Once shown, the list follows the market's change feed from the snapshot's `feed_cursor`:
// a gig published while the page is open appears, a withdrawn one goes, and a polite line
// says so.
import init, { GigIndex, tilesNear } from "./pkg/linggong.js";

const DATA = "../data/";
const FEED = "../api/v1/feed";
const RADIUS_KM = 20;
const UNIT = { hour: "小时", day: "天", month: "月", piece: "件", task: "单" };
const SETTLEMENT = { same_day: "日结", weekly: "周结", monthly: "月结", on_completion: "完工结" };
const status = document.getElementById("widget-status");
const list = document.getElementById("gigs");
const button = document.getElementById("locate");
const liveNote = document.getElementById("live-note");
// What the widget shows: where, the index, the ids listed, the feed it follows.
let view = null;
// Changes not yet shown (a burst is shown at once), and snapshot reloads so far.
let pending = [];
let reloads = 0;

function showFallback() {
  document.getElementById("fallback").hidden = false;
  button.hidden = true;
  status.textContent = "当前环境无法显示附近零工";
}

// WeChat's JS-SDK gives GCJ-02 with type "gcj02"; the browser's Geolocation API gives WGS-84.
function locate() {
  return new Promise((resolve, reject) => {
    if (window.wx && typeof window.wx.getLocation === "function") {
      window.wx.getLocation({
        type: "gcj02",
        success: (r) => resolve({ lat: r.latitude, lng: r.longitude, crs: "gcj02" }),
        fail: () => reject(new Error("wx.getLocation failed")),
      });
    } else if (navigator.geolocation) {
      navigator.geolocation.getCurrentPosition(
        (p) => resolve({ lat: p.coords.latitude, lng: p.coords.longitude, crs: "wgs84" }),
        reject,
        { timeout: 10000, maximumAge: 300000 },
      );
    } else {
      reject(new Error("no geolocation"));
    }
  });
}

function pay(p) {
  const pay = p.pay || {};
  if (pay.amount == null) return "工资面议";
  const unit = UNIT[pay.unit] ? `/${UNIT[pay.unit]}` : "";
  const settle = SETTLEMENT[pay.settlement] ? ` · ${SETTLEMENT[pay.settlement]}` : "";
  return `¥${pay.amount}${unit}${settle}`;
}

function render(index, found) {
  list.replaceChildren(
    ...found.map(({ id, distanceM }) => {
      const p = index.get(id);
      const li = document.createElement("li");
      const title = document.createElement("span");
      title.className = "gig-title";
      title.textContent = p.title || p.trade || id;
      const meta = document.createElement("span");
      meta.className = "gig-meta";
      const km = distanceM < 1000 ? `${Math.round(distanceM)}米` : `${(distanceM / 1000).toFixed(1)}公里`;
      meta.textContent = `${pay(p)} · 距您${km}`;
      li.append(title, meta);
      return li;
    }),
  );
}

async function loadSnapshot(here) {
  const manifest = await (await fetch(`${DATA}manifest.json`)).text();
  const files = tilesNear(manifest, { lat: here.lat, lng: here.lng, radiusKm: RADIUS_KM, crs: here.crs });
  const tiles = await Promise.all(
    files.map(async (f) => new Uint8Array(await (await fetch(DATA + f.path)).arrayBuffer())),
  );
  return { index: GigIndex.fromSnapshot(tiles), cursor: JSON.parse(manifest).feed_cursor };
}

// Lists the nearest gigs; returns the ids listed before.
function refresh() {
  const { index, here } = view;
  const found = index.nearby({ lat: here.lat, lng: here.lng, crs: here.crs, k: 10, radiusKm: RADIUS_KM });
  render(index, found);
  status.textContent = found.length ? `离您最近的 ${found.length} 个零工` : "附近暂时没有零工";
  const before = view.shown;
  view.shown = new Set(found.map((g) => g.id));
  return before;
}

function liveText(added, removed) {
  const zh = [];
  const en = [];
  if (added) {
    zh.push(`新增 ${added} 条`);
    en.push(`${added} new`);
  }
  if (removed) {
    zh.push(`移除 ${removed} 条`);
    en.push(`${removed} removed`);
  }
  return zh.length ? `${zh.join("，")} (${en.join(", ")})` : "";
}

// Shows the changes of the last moment: the list again, and how many of its gigs came or went.
function showChanges() {
  const changes = pending;
  pending = [];
  const before = refresh();
  const ids = (applied, listed) =>
    new Set(changes.filter((c) => c.applied === applied && listed(c.id)).map((c) => c.id)).size;
  const added = ids("added", (id) => view.shown.has(id) && !before.has(id));
  const removed = ids("removed", (id) => before.has(id) && !view.shown.has(id));
  const text = liveText(added, removed);
  if (text) liveNote.textContent = text;
}

function onChange(change) {
  if (!pending.length) setTimeout(showChanges, 300);
  pending.push(change);
}

function onFeedError(error) {
  if (error.code === "bad_change") return;
  if (error.code === "cursor_ahead" && reloads < 3) {
    reloads += 1;
    liveNote.textContent = "零工数据已更新，正在重新加载… (reloading the gigs)";
    start(view.here);
    return;
  }
  liveNote.textContent = "实时更新已停止，刷新页面可看到最新零工 (live updates stopped: reload the page)";
}

// A snapshot the server made says where in its feed it stands; a file snapshot has no feed.
function follow(cursor) {
  if (typeof cursor !== "string") return;
  try {
    view.subscription = view.index.subscribe(FEED, { after: cursor, onChange, onError: onFeedError });
  } catch {
    // No EventSource and no fetch: the list stays as loaded.
  }
}

async function start(here) {
  status.textContent = "正在加载附近零工…";
  try {
    await init();
    const { index, cursor } = await loadSnapshot(here);
    if (view) {
      view.subscription?.close();
      view.index.free();
    }
    view = { here, index, shown: new Set(), subscription: null };
    pending = [];
    refresh();
    follow(cursor);
    if (reloads) liveNote.textContent = "零工数据已重新加载 (the gigs were reloaded)";
  } catch (e) {
    status.textContent = `加载失败，请稍后再试（${e.message}）`;
  }
}

async function show() {
  button.disabled = true;
  status.textContent = "正在获取您的位置…";
  let here;
  try {
    here = await locate();
  } catch {
    status.textContent = "无法获取位置，请在设置中允许定位后重试";
    button.disabled = false;
    return;
  }
  await start(here);
  button.disabled = false;
}

if (window.linggongWasmOk) {
  button.addEventListener("click", show);
} else {
  showFallback();
}
