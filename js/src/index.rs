//! `GigIndex` for JavaScript.

use linggong_core::{
    Crs, GigFilter, NearbyQuery, Posting, SeekerProfile, Timestamp, decode_tile, gigs_for_seeker,
};
use serde::{Deserialize, Serialize};
use wasm_bindgen::prelude::*;

use crate::convert::{from_js, js_error, known_keys, to_js};

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** A posting in interchange format v1 (see FORMAT.md). */
export type Posting = { id: string; [field: string]: unknown };
/** A seeker profile in interchange format v1. */
export type SeekerProfile = { id: string; [field: string]: unknown };
export interface NearbyOptions {
  /** Latitude, degrees. */ lat: number;
  /** Longitude, degrees. */ lng: number;
  /** At most this many gigs (20 when neither k nor radiusKm is given). */ k?: number;
  /** Only gigs within this many kilometres. */ radiusKm?: number;
  /** A trade id ("cleaner") or any wording ("保洁阿姨"). */ trade?: string;
  /** Datum of lat/lng: "wgs84" (default) or "gcj02" (WeChat, Amap). */ crs?: "wgs84" | "gcj02";
}
export interface NearbyGig { id: string; distanceM: number }
export interface MatchOptions {
  /** At most this many gigs (default 20). */ k?: number;
  /** The moment to rank at, RFC 3339; now when absent. */ now?: string;
}
export interface MatchTerm { term: string; value: number; points: number; note: string }
export interface GigMatch { id: string; score: number; distanceM: number; summary: string; explanation: MatchTerm[] }
"#;

/// A searchable set of gigs (an R-tree in WebAssembly).
#[wasm_bindgen]
#[derive(Debug, Default)]
pub struct GigIndex {
    inner: linggong_core::GigIndex,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct NearbyOptions {
    lat: f64,
    lng: f64,
    k: Option<usize>,
    radius_km: Option<f64>,
    trade: Option<String>,
    crs: Option<Crs>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
struct MatchOptions {
    k: Option<usize>,
    now: Option<String>,
}

#[derive(Serialize)]
struct NearbyRow<'a> {
    id: &'a str,
    distance_m: f64,
}

fn trade_id(text: &str) -> Result<String, JsValue> {
    linggong_core::Taxonomy::builtin()
        .resolve(text)
        .map(|t| t.id.clone())
        .ok_or_else(|| js_error(format!("trade: `{text}` is not a known trade")))
}

fn now_or_clock(now: Option<&str>) -> Result<Timestamp, JsValue> {
    match now {
        Some(text) => text.parse().map_err(|e| js_error(format!("now: {e}"))),
        None => Ok(Timestamp::from_unix_s(
            (js_sys::Date::now() / 1000.0) as i64,
            480,
        )),
    }
}

#[wasm_bindgen]
impl GigIndex {
    /// An index of these postings (an array of objects). Throws if a posting is malformed,
    /// lacks coordinates, or repeats an id.
    #[wasm_bindgen(js_name = fromPostings)]
    pub fn from_postings(
        #[wasm_bindgen(unchecked_param_type = "Posting[]")] postings: JsValue,
    ) -> Result<GigIndex, JsValue> {
        let postings: Vec<Posting> = from_js(postings, "postings")?;
        let inner = linggong_core::GigIndex::from_postings(postings).map_err(js_error)?;
        Ok(GigIndex { inner })
    }

    /// An index of the postings in snapshot tiles: one `Uint8Array` or an array of them.
    /// Throws if a tile is corrupt or foreign.
    #[wasm_bindgen(js_name = fromSnapshot)]
    pub fn from_snapshot(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | Uint8Array[]")] tiles: JsValue,
    ) -> Result<GigIndex, JsValue> {
        let tiles: Vec<Vec<u8>> = if js_sys::Array::is_array(&tiles) {
            js_sys::Array::from(&tiles)
                .iter()
                .map(|t| js_sys::Uint8Array::new(&t).to_vec())
                .collect()
        } else if tiles.is_instance_of::<js_sys::Uint8Array>() {
            vec![js_sys::Uint8Array::new(&tiles).to_vec()]
        } else {
            return Err(js_error(
                "fromSnapshot expects a Uint8Array or an array of them",
            ));
        };
        let mut postings = Vec::new();
        for tile in &tiles {
            postings.extend(decode_tile(tile).map_err(js_error)?);
        }
        let inner = linggong_core::GigIndex::from_postings(postings).map_err(js_error)?;
        Ok(GigIndex { inner })
    }

    /// How many postings the index holds.
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> usize {
        self.inner.len()
    }

    /// Adds a posting, or replaces the one with the same id; true when one was replaced.
    pub fn insert(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Posting")] posting: JsValue,
    ) -> Result<bool, JsValue> {
        let posting: Posting = from_js(posting, "posting")?;
        Ok(self.inner.insert(posting).map_err(js_error)?.is_some())
    }

    /// The posting with this id, or `undefined`.
    #[wasm_bindgen(unchecked_return_type = "Posting | undefined")]
    pub fn get(&self, id: &str) -> Result<JsValue, JsValue> {
        match self.inner.get(id) {
            Some(p) => to_js(p),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// Removes the posting with this id; true when there was one.
    pub fn remove(&mut self, id: &str) -> bool {
        self.inner.remove(id).is_some()
    }

    /// Gigs near a point, nearest first: `[{id, distanceM}]`.
    #[wasm_bindgen(unchecked_return_type = "NearbyGig[]")]
    pub fn nearby(
        &self,
        #[wasm_bindgen(unchecked_param_type = "NearbyOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        known_keys(
            &options,
            &["lat", "lng", "k", "radiusKm", "trade", "crs"],
            "nearby options",
        )?;
        let o: NearbyOptions = from_js(options, "nearby options")?;
        let mut q = NearbyQuery::new(o.lat, o.lng).with_crs(o.crs.unwrap_or_default());
        q.k = o.k;
        q.radius_m = o.radius_km.map(|r| r * 1000.0);
        if let Some(t) = o.trade.as_deref() {
            q.filter = GigFilter::new().with_trades([trade_id(t)?]);
        }
        let found = self.inner.nearby(&q).map_err(js_error)?;
        let rows: Vec<NearbyRow<'_>> = found
            .iter()
            .map(|g| NearbyRow {
                id: g.id(),
                distance_m: (g.distance_m * 100.0).round() / 100.0,
            })
            .collect();
        to_js(&rows)
    }

    /// The fast path of `nearby` for many queries or many results: positional arguments,
    /// and one `Float64Array` back, `[slot, distanceM, slot, distanceM, …]` nearest first.
    /// A slot is the posting's position in the array given to `fromPostings` (or the order of
    /// `insert`s after it); `idAt(slot)` gives its id. Pass `undefined` for no limit, radius
    /// or trade.
    #[wasm_bindgen(js_name = nearbyPacked)]
    pub fn nearby_packed(
        &self,
        lat: f64,
        lng: f64,
        k: Option<u32>,
        radius_km: Option<f64>,
        trade: Option<String>,
    ) -> Result<js_sys::Float64Array, JsValue> {
        let mut q = NearbyQuery::new(lat, lng);
        q.k = k.map(|k| k as usize);
        q.radius_m = radius_km.map(|r| r * 1000.0);
        if let Some(t) = trade.as_deref() {
            q.filter = GigFilter::new().with_trades([trade_id(t)?]);
        }
        let found = self.inner.nearby_slots(&q).map_err(js_error)?;
        let flat: Vec<f64> = found
            .iter()
            .flat_map(|&(slot, d)| [slot as f64, d])
            .collect();
        Ok(js_sys::Float64Array::from(flat.as_slice()))
    }

    /// The id of the posting in a slot (see `nearbyPacked`), or `undefined`.
    #[wasm_bindgen(js_name = idAt)]
    pub fn id_at(&self, slot: u32) -> Option<String> {
        self.inner.id_at(slot as usize).map(str::to_string)
    }

    /// Gigs ranked for a seeker, each with its explanation: `[{id, score, distanceM, summary, explanation}]`.
    #[wasm_bindgen(js_name = "match", unchecked_return_type = "GigMatch[]")]
    pub fn match_seeker(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SeekerProfile")] profile: JsValue,
        #[wasm_bindgen(unchecked_param_type = "MatchOptions | undefined")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let profile: SeekerProfile = from_js(profile, "profile")?;
        let o: MatchOptions = if options.is_undefined() || options.is_null() {
            MatchOptions::default()
        } else {
            known_keys(&options, &["k", "now"], "match options")?;
            from_js(options, "match options")?
        };
        let now = now_or_clock(o.now.as_deref())?;
        let ranked =
            gigs_for_seeker(&self.inner, &profile, now, o.k.unwrap_or(20)).map_err(js_error)?;
        to_js(&ranked)
    }
}
