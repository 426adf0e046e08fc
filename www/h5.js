// The 附近零工 widget: plain JS over the `linggong` package, no framework, no bundler.
// Postings are shown with textContent only, so their text can never run as HTML.
import init, { GigIndex, tilesNear } from "./pkg/linggong.js";

const DATA = "../data/";
const RADIUS_KM = 20;
const UNIT = { hour: "小时", day: "天", month: "月", piece: "件", task: "单" };
const SETTLEMENT = { same_day: "日结", weekly: "周结", monthly: "月结", on_completion: "完工结" };
const status = document.getElementById("widget-status");
const list = document.getElementById("gigs");
const button = document.getElementById("locate");

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
  status.textContent = "正在加载附近零工…";
  try {
    await init();
    const manifest = await (await fetch(`${DATA}manifest.json`)).text();
    const files = tilesNear(manifest, { lat: here.lat, lng: here.lng, radiusKm: RADIUS_KM, crs: here.crs });
    const tiles = await Promise.all(
      files.map(async (f) => new Uint8Array(await (await fetch(DATA + f.path)).arrayBuffer())),
    );
    const index = GigIndex.fromSnapshot(tiles);
    const found = index.nearby({ lat: here.lat, lng: here.lng, crs: here.crs, k: 10, radiusKm: RADIUS_KM });
    render(index, found);
    status.textContent = found.length ? `离您最近的 ${found.length} 个零工` : "附近暂时没有零工";
  } catch (e) {
    status.textContent = `加载失败，请稍后再试（${e.message}）`;
  } finally {
    button.disabled = false;
  }
}

if (window.linggongWasmOk) {
  button.addEventListener("click", show);
} else {
  showFallback();
}
