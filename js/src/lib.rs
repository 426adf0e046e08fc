//! The JavaScript binding of the Linggong engine: the one place where wasm-bindgen and
//! serde-wasm-bindgen meet the core. Names are camelCase on the JS side; every error is a
//! JS `Error` whose message says what is wrong.
#![deny(missing_docs)]

mod convert;
mod index;

pub use index::GigIndex;

use linggong_core::{Area, AuditContext, Period, Posting, SeekerProfile, audit, market_stats};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use convert::{from_js, js_error, known_keys, to_js};

/// Audits one posting (an object in interchange format v1) before publication.
/// Returns `{id, ok, findings: [{code, severity, field, excerpt, message}]}`.
#[wasm_bindgen(js_name = auditPosting)]
pub fn audit_posting(
    #[wasm_bindgen(unchecked_param_type = "Posting")] posting: JsValue,
) -> Result<JsValue, JsValue> {
    let posting: Posting = from_js(posting, "not a valid posting")?;
    to_js(&audit(&posting, &AuditContext::new()))
}

/// The trade a free text names: `{input, trade: {id, name, category} | null, confidence,
/// via, alternatives: [{id, name, category, confidence, via}]}`.
#[wasm_bindgen(js_name = normalizeTrade)]
pub fn normalize_trade(text: &str) -> Result<JsValue, JsValue> {
    to_js(&linggong_core::normalize_trade(text))
}

/// Typeahead: up to `limit` (default 8) trades for a prefix of Chinese, pinyin or initials,
/// as `[{id, name, category}]`.
#[wasm_bindgen(js_name = suggestTrades)]
pub fn suggest_trades(prefix: &str, limit: Option<usize>) -> Result<JsValue, JsValue> {
    #[derive(Serialize)]
    struct Suggestion<'a> {
        id: &'a str,
        name: &'a str,
        category: linggong_core::TradeCategory,
    }
    let found: Vec<Suggestion<'_>> = linggong_core::suggest_trades(prefix, limit.unwrap_or(8))
        .into_iter()
        .map(|t| Suggestion {
            id: &t.id,
            name: &t.name,
            category: t.category,
        })
        .collect();
    to_js(&found)
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase")]
struct TilesNearOptions {
    lat: f64,
    lng: f64,
    radius_km: f64,
    crs: Option<linggong_core::Crs>,
}

/// The snapshot tiles a page needs for a search around a point: given the text of
/// `manifest.json` and `{lat, lng, radiusKm, crs?}`, `[{path, bytes, crc32}]` (paths relative
/// to the manifest). Throws if the manifest is not a snapshot this engine reads.
#[wasm_bindgen(js_name = tilesNear)]
pub fn tiles_near(
    manifest_json: &str,
    #[wasm_bindgen(
        unchecked_param_type = "{ lat: number; lng: number; radiusKm: number; crs?: \"wgs84\" | \"gcj02\" }"
    )]
    options: JsValue,
) -> Result<JsValue, JsValue> {
    known_keys(&options, &["lat", "lng", "radiusKm", "crs"], "options")?;
    let o: TilesNearOptions = from_js(options, "options")?;
    let manifest = linggong_core::Manifest::from_json(manifest_json).map_err(js_error)?;
    let centre = linggong_core::GeoPoint::from_crs(o.lat, o.lng, o.crs.unwrap_or_default())
        .map_err(js_error)?;
    let files: Vec<&linggong_core::FileEntry> = manifest
        .tiles_near(centre, o.radius_km)
        .into_iter()
        .map(|t| &t.file)
        .collect();
    to_js(&files)
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct StatsOptions {
    month: Option<String>,
}

/// Market statistics for postings and seekers (arrays of objects), optionally for one month
/// `YYYY-MM` (China Standard Time): `{period, total, byCategory, byTrade, shortage,
/// unrecognisedPostings}`, each group `{key, name, postings, demand, seekers, ratio, pay}`.
#[wasm_bindgen(js_name = marketStats)]
pub fn market_stats_js(
    #[wasm_bindgen(unchecked_param_type = "Posting[]")] postings: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SeekerProfile[]")] seekers: JsValue,
    #[wasm_bindgen(unchecked_param_type = "{ month?: string } | undefined")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let postings: Vec<Posting> = from_js(postings, "postings")?;
    let seekers: Vec<SeekerProfile> = from_js(seekers, "seekers")?;
    let o: StatsOptions = if options.is_undefined() || options.is_null() {
        StatsOptions::default()
    } else {
        known_keys(&options, &["month"], "options")?;
        from_js(options, "options")?
    };
    let period = o
        .month
        .as_deref()
        .map(|m| Period::month(m, 480))
        .transpose()
        .map_err(js_error)?;
    to_js(&market_stats(&postings, &seekers, period, Area::Everywhere))
}
