//! `GigIndex` for JavaScript.

use std::cell::RefCell;
use std::fmt::Display;
use std::rc::Rc;

use linggong_core::{
    Crs, GigFilter, NearbyQuery, Posting, Timestamp, decode_tile, gigs_for_seeker,
};
use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::DATUMS;
use crate::args::{self, Item};
use crate::convert::{
    error_in, field_error, js_error, posting_from_js, postings_from_js, seeker_from_js,
    to_interchange_js, to_js,
};
use crate::options::Options;

#[wasm_bindgen(typescript_custom_section)]
const TS_TYPES: &'static str = r#"
/** A posting in interchange format v1 (see FORMAT.md). */
export type Posting = { id: string; [field: string]: unknown };
/** A seeker profile in interchange format v1. */
export type SeekerProfile = { id: string; [field: string]: unknown };
export interface NearbyOptions {
  /** Latitude, degrees. */ lat: number;
  /** Longitude, degrees. */ lng: number;
  /** At most this many gigs, 0…1000000 (20 when neither k nor radiusKm is given). */ k?: number;
  /** Only gigs within this many kilometres. */ radiusKm?: number;
  /** A trade id ("cleaner") or any wording ("保洁阿姨"). */ trade?: string;
  /** Datum of lat/lng: "wgs84" (default) or "gcj02" (WeChat, Amap). */ crs?: "wgs84" | "gcj02";
}
export interface NearbyGig { id: string; distanceM: number }
export interface MatchOptions {
  /** At most this many gigs, 0…1000000 (default 20). */ k?: number;
  /** The moment to rank at, RFC 3339; now when absent. */ now?: string;
}
export interface MatchTerm { term: string; value: number; points: number; note: string }
export interface GigMatch { id: string; score: number; distanceM: number; summary: string; explanation: MatchTerm[] }
"#;

/// The largest `k` a search takes: a million gigs is more than a page can show or a phone
/// can hold as objects, so a larger `k` (or −1 read as 4294967295) is a mistake. Leave `k`
/// out and give a radius for every gig within it.
const MAX_K: u32 = 1_000_000;

/// A searchable set of gigs (an R-tree in WebAssembly).
///
/// The R-tree is shared (`Rc<RefCell>`) with the live feed a `subscribe` keeps applying to
/// it after the call returns. JS runs one thing at a time, and neither side holds a borrow
/// across a call into JS, so a borrow never finds the index already borrowed.
#[wasm_bindgen]
#[derive(Debug, Default)]
pub struct GigIndex {
    pub(crate) inner: Rc<RefCell<linggong_core::GigIndex>>,
}

impl GigIndex {
    fn of(inner: linggong_core::GigIndex) -> Self {
        GigIndex {
            inner: Rc::new(RefCell::new(inner)),
        }
    }
}

/// What a search asks, read from `nearby`'s options or `nearbyPacked`'s arguments.
struct Search {
    lat: f64,
    lng: f64,
    crs: Crs,
    k: Option<usize>,
    radius_km: Option<f64>,
    trade: Option<String>,
}

impl Search {
    /// The query; `trade_name` names the trade in the error when it is not one.
    fn into_query(self, trade_name: &dyn Display) -> Result<NearbyQuery, JsValue> {
        let mut q = NearbyQuery::new(self.lat, self.lng).with_crs(self.crs);
        q.k = self.k;
        q.radius_m = self.radius_km.map(|r| r * 1000.0);
        if let Some(text) = self.trade.as_deref() {
            q.filter = GigFilter::new().with_trades([trade_id(text, trade_name)?]);
        }
        Ok(q)
    }
}

#[derive(Serialize)]
struct NearbyRow<'a> {
    id: &'a str,
    distance_m: f64,
}

fn trade_id(text: &str, name: &dyn Display) -> Result<String, JsValue> {
    linggong_core::Taxonomy::builtin()
        .resolve(text)
        .map(|t| t.id.clone())
        .ok_or_else(|| js_error(format!("{name}: `{text}` is not a known trade")))
}

fn now_or_clock(now: Option<&str>) -> Result<Timestamp, JsValue> {
    match now {
        Some(text) => text.parse().map_err(|e| error_in(&"match: options.now", e)),
        None => Ok(Timestamp::from_unix_s(
            (js_sys::Date::now() / 1000.0) as i64,
            linggong_core::CHINA_OFFSET_MIN,
        )),
    }
}

/// An index of `postings`. The core stops at the first posting it cannot index, the last one
/// it took from the iterator, so counting them names that posting's element in the error:
/// `fromPostings: postings[1].location: posting `b` has no coordinates`.
fn build(postings: Vec<Posting>, name: &dyn Display) -> Result<GigIndex, JsValue> {
    let mut taken: u32 = 0;
    let built =
        linggong_core::GigIndex::from_postings(postings.into_iter().inspect(|_| taken += 1));
    match built {
        Ok(inner) => Ok(GigIndex::of(inner)),
        Err(e) => Err(field_error(&Item(name, taken.saturating_sub(1)), e)),
    }
}

/// The postings of the tiles given to `fromSnapshot`: every tile's type is checked before
/// any is decoded, then each is copied into WebAssembly and decoded in turn; errors name the
/// tile (`tiles[2]`).
fn snapshot_postings(tiles: &JsValue) -> Result<Vec<Posting>, JsValue> {
    let name = "fromSnapshot: tiles";
    let tiles: Vec<js_sys::Uint8Array> = if js_sys::Array::is_array(tiles) {
        let tiles = js_sys::Array::from(tiles);
        (0..tiles.length())
            .map(|i| args::uint8_array(&tiles.get(i), &Item(&name, i)))
            .collect::<Result<_, _>>()?
    } else if let Some(tile) = tiles.dyn_ref::<js_sys::Uint8Array>() {
        vec![tile.clone()]
    } else {
        return Err(args::wrong(
            &name,
            "must be a Uint8Array or an array of them",
            tiles,
        ));
    };
    let mut postings = Vec::new();
    for (i, tile) in (0..).zip(&tiles) {
        let decoded = decode_tile(&tile.to_vec()).map_err(|e| error_in(&Item(&name, i), e))?;
        postings.extend(decoded);
    }
    Ok(postings)
}

#[wasm_bindgen]
impl GigIndex {
    /// An index of these postings (an array of objects in interchange format v1, read as the
    /// JSON reader reads them: unknown fields are refused). Throws if a posting is malformed,
    /// lacks coordinates, or repeats an id; the error names its element, `postings[3]`.
    #[wasm_bindgen(js_name = fromPostings)]
    pub fn from_postings(
        #[wasm_bindgen(unchecked_param_type = "Posting[]")] postings: JsValue,
    ) -> Result<GigIndex, JsValue> {
        let name = "fromPostings: postings";
        build(postings_from_js(&postings, &name)?, &name)
    }

    /// An index of the postings in snapshot tiles: one `Uint8Array` or an array of them.
    /// Throws if a tile is corrupt or foreign.
    #[wasm_bindgen(js_name = fromSnapshot)]
    pub fn from_snapshot(
        #[wasm_bindgen(unchecked_param_type = "Uint8Array | Uint8Array[]")] tiles: JsValue,
    ) -> Result<GigIndex, JsValue> {
        let postings = snapshot_postings(&tiles)?;
        let inner = linggong_core::GigIndex::from_postings(postings)
            .map_err(|e| error_in(&"fromSnapshot: tiles", e))?;
        Ok(GigIndex::of(inner))
    }

    /// How many postings the index holds.
    #[wasm_bindgen(getter)]
    pub fn size(&self) -> usize {
        self.inner.borrow().len()
    }

    /// Adds a posting, or replaces the one with the same id; true when one was replaced.
    pub fn insert(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "Posting")] posting: JsValue,
    ) -> Result<bool, JsValue> {
        let name = "insert: posting";
        let posting = posting_from_js(&posting, &name)?;
        let replaced = self
            .inner
            .borrow_mut()
            .insert(posting)
            .map_err(|e| field_error(&name, e))?;
        Ok(replaced.is_some())
    }

    /// The posting with this id, or `undefined`: an object with the interchange format's
    /// snake_case keys, as `insert` and `fromPostings` take it.
    #[wasm_bindgen(unchecked_return_type = "Posting | undefined")]
    pub fn get(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    ) -> Result<JsValue, JsValue> {
        let id = args::string(&id, &"get: id")?;
        match self.inner.borrow().get(&id) {
            Some(p) => to_interchange_js(p),
            None => Ok(JsValue::UNDEFINED),
        }
    }

    /// Removes the posting with this id; true when there was one.
    pub fn remove(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "string")] id: JsValue,
    ) -> Result<bool, JsValue> {
        let id = args::string(&id, &"remove: id")?;
        Ok(self.inner.borrow_mut().remove(&id).is_some())
    }

    /// Gigs near a point, nearest first: `[{id, distanceM}]`.
    #[wasm_bindgen(unchecked_return_type = "NearbyGig[]")]
    pub fn nearby(
        &self,
        #[wasm_bindgen(unchecked_param_type = "NearbyOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let name = "nearby: options";
        let o = Options::required(
            &options,
            name,
            &["lat", "lng", "k", "radiusKm", "trade", "crs"],
        )?;
        let search = Search {
            lat: o.field("lat", args::finite)?,
            lng: o.field("lng", args::finite)?,
            crs: o
                .optional_field("crs", |v, n| args::choice(v, n, DATUMS))?
                .unwrap_or_default(),
            k: o.optional_field("k", |v, n| args::integer(v, n, MAX_K))?,
            radius_km: o.optional_field("radiusKm", args::distance)?,
            trade: o.optional_field("trade", args::string)?,
        };
        let q = search.into_query(&"nearby: options.trade")?;
        let inner = self.inner.borrow();
        let found = inner.nearby(&q).map_err(|e| field_error(&name, e))?;
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
        #[wasm_bindgen(unchecked_param_type = "number")] lat: JsValue,
        #[wasm_bindgen(unchecked_param_type = "number")] lng: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "number")] k: JsValue,
        #[wasm_bindgen(js_name = radiusKm, unchecked_optional_param_type = "number")]
        radius_km: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "string")] trade: JsValue,
    ) -> Result<js_sys::Float64Array, JsValue> {
        let search = Search {
            lat: args::finite(&lat, &"nearbyPacked: lat")?,
            lng: args::finite(&lng, &"nearbyPacked: lng")?,
            crs: Crs::Wgs84,
            k: args::optional(&k, |v| args::integer(v, &"nearbyPacked: k", MAX_K))?,
            radius_km: args::optional(&radius_km, |v| {
                args::distance(v, &"nearbyPacked: radiusKm")
            })?,
            trade: args::optional(&trade, |v| args::string(v, &"nearbyPacked: trade"))?,
        };
        let q = search.into_query(&"nearbyPacked: trade")?;
        let found = self
            .inner
            .borrow()
            .nearby_slots(&q)
            .map_err(|e| error_in(&"nearbyPacked", e))?;
        let flat: Vec<f64> = found
            .iter()
            .flat_map(|&(slot, d)| [slot as f64, d])
            .collect();
        Ok(js_sys::Float64Array::from(flat.as_slice()))
    }

    /// The id of the posting in a slot (see `nearbyPacked`), or `undefined` for a slot no
    /// posting holds. A slot is an integer from 0 to 4294967295.
    #[wasm_bindgen(js_name = idAt)]
    pub fn id_at(
        &self,
        #[wasm_bindgen(unchecked_param_type = "number")] slot: JsValue,
    ) -> Result<Option<String>, JsValue> {
        let slot = args::integer(&slot, &"idAt: slot", u32::MAX)?;
        Ok(self.inner.borrow().id_at(slot).map(str::to_string))
    }

    /// Gigs ranked for a seeker, each with its explanation: `[{id, score, distanceM, summary, explanation}]`.
    #[wasm_bindgen(js_name = "match", unchecked_return_type = "GigMatch[]")]
    pub fn match_seeker(
        &self,
        #[wasm_bindgen(unchecked_param_type = "SeekerProfile")] profile: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "MatchOptions")] options: JsValue,
    ) -> Result<JsValue, JsValue> {
        let profile = seeker_from_js(&profile, &"match: profile")?;
        let o = Options::optional(&options, "match: options", &["k", "now"])?;
        let k = o.optional_field("k", |v, n| args::integer(v, n, MAX_K))?;
        let now = now_or_clock(o.optional_field("now", args::string)?.as_deref())?;
        let inner = self.inner.borrow();
        let ranked = gigs_for_seeker(&inner, &profile, now, k.unwrap_or(20))
            .map_err(|e| error_in(&"match: profile", e))?;
        to_js(&ranked)
    }
}
