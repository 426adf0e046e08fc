//! The JavaScript binding of the Linggong engine: the one place where wasm-bindgen and
//! serde-wasm-bindgen meet the core. Names are camelCase on the JS side; every error is a
//! JS `Error` whose message names the function, the argument and what is wrong.
//!
//! Every argument arrives as a `JsValue` and is read by `args` (or `options`, or `convert`
//! for postings and seekers): wasm-bindgen's own conversions of `&str`, `usize` and `f64`
//! check nothing, and a wrong value made the module trap instead of throwing.
#![deny(missing_docs)]

mod args;
mod convert;
mod index;
mod live;
mod options;

pub use index::GigIndex;
pub use live::Subscription;

use linggong_core::{Area, AuditContext, Crs, Period, audit, market_stats};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use convert::{error_in, field_error, postings_from_js, seekers_from_js, to_js};
use options::Options;

/// The most suggestions `suggestTrades` gives: more than the taxonomy has trades, so a larger
/// limit can only be a mistake (and would be allocated up front).
const MAX_SUGGESTIONS: u32 = 1000;

/// The datums a position may be given in, as the options' `crs` names them.
pub(crate) const DATUMS: &[(&str, Crs)] = &[("wgs84", Crs::Wgs84), ("gcj02", Crs::Gcj02)];

/// Audits one posting (an object in interchange format v1) before publication.
/// Returns `{id, ok, findings: [{code, severity, field, excerpt, message}]}`.
#[wasm_bindgen(js_name = auditPosting)]
pub fn audit_posting(
    #[wasm_bindgen(unchecked_param_type = "Posting")] posting: JsValue,
) -> Result<JsValue, JsValue> {
    let posting = convert::posting_from_js(&posting, &"auditPosting: posting")?;
    to_js(&audit(&posting, &AuditContext::new()))
}

/// The trade a free text names: `{input, trade: {id, name, category} | null, confidence,
/// via, alternatives: [{id, name, category, confidence, via}]}`.
#[wasm_bindgen(js_name = normalizeTrade)]
pub fn normalize_trade(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<JsValue, JsValue> {
    let text = args::string(&text, &"normalizeTrade: text")?;
    to_js(&linggong_core::normalize_trade(&text))
}

/// Typeahead: up to `limit` (default 8, at most 1000) trades for a prefix of Chinese, pinyin
/// or initials, as `[{id, name, category}]`.
#[wasm_bindgen(js_name = suggestTrades)]
pub fn suggest_trades(
    #[wasm_bindgen(unchecked_param_type = "string")] prefix: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "number")] limit: JsValue,
) -> Result<JsValue, JsValue> {
    #[derive(Serialize)]
    struct Suggestion<'a> {
        id: &'a str,
        name: &'a str,
        category: linggong_core::TradeCategory,
    }
    let prefix = args::string(&prefix, &"suggestTrades: prefix")?;
    let limit = args::optional(&limit, |v| {
        args::integer(v, &"suggestTrades: limit", MAX_SUGGESTIONS)
    })?;
    let found: Vec<Suggestion<'_>> = linggong_core::suggest_trades(&prefix, limit.unwrap_or(8))
        .into_iter()
        .map(|t| Suggestion {
            id: &t.id,
            name: &t.name,
            category: t.category,
        })
        .collect();
    to_js(&found)
}

/// The snapshot tiles a page needs for a search around a point: given the text of
/// `manifest.json` and `{lat, lng, radiusKm, crs?}`, `[{path, bytes, digest}]` (paths relative
/// to the manifest). Throws if the manifest is not a snapshot this engine reads.
#[wasm_bindgen(js_name = tilesNear)]
pub fn tiles_near(
    #[wasm_bindgen(js_name = manifestJson, unchecked_param_type = "string")] manifest_json: JsValue,
    #[wasm_bindgen(
        unchecked_param_type = "{ lat: number; lng: number; radiusKm: number; crs?: \"wgs84\" | \"gcj02\" }"
    )]
    options: JsValue,
) -> Result<JsValue, JsValue> {
    let manifest_json = args::string(&manifest_json, &"tilesNear: manifestJson")?;
    let o = Options::required(
        &options,
        "tilesNear: options",
        &["lat", "lng", "radiusKm", "crs"],
    )?;
    let lat = o.field("lat", args::finite)?;
    let lng = o.field("lng", args::finite)?;
    let radius_km = o.field("radiusKm", args::distance)?;
    let crs = o.optional_field("crs", |v, n| args::choice(v, n, DATUMS))?;
    let manifest = linggong_core::Manifest::from_json(&manifest_json)
        .map_err(|e| error_in(&"tilesNear: manifestJson", e))?;
    let centre = linggong_core::GeoPoint::from_crs(lat, lng, crs.unwrap_or_default())
        .map_err(|e| field_error(&"tilesNear: options", e))?;
    let files: Vec<&linggong_core::FileEntry> = manifest
        .tiles_near(centre, radius_km)
        .into_iter()
        .map(|t| &t.file)
        .collect();
    to_js(&files)
}

/// Market statistics for postings and seekers (arrays of objects), optionally for one month
/// `YYYY-MM` (China Standard Time): `{period, total, byCategory, byTrade, shortage,
/// unrecognisedPostings}`, each group `{key, name, postings, demand, seekers, ratio, pay}`.
#[wasm_bindgen(js_name = marketStats)]
pub fn market_stats_js(
    #[wasm_bindgen(unchecked_param_type = "Posting[]")] postings: JsValue,
    #[wasm_bindgen(unchecked_param_type = "SeekerProfile[]")] seekers: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "{ month?: string }")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let postings = postings_from_js(&postings, &"marketStats: postings")?;
    let seekers = seekers_from_js(&seekers, &"marketStats: seekers")?;
    let o = Options::optional(&options, "marketStats: options", &["month"])?;
    let month = o.optional_field("month", args::string)?;
    let period = month
        .as_deref()
        .map(|m| Period::month(m, linggong_core::CHINA_OFFSET_MIN))
        .transpose()
        .map_err(|e| field_error(&"marketStats: options", e))?;
    to_js(&market_stats(&postings, &seekers, period, Area::Everywhere))
}
