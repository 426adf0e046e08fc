//! The snapshot phones load (`/data/manifest.json`, `/data/tiles/…`, `/data/markets.jsonl`),
//! made from the published postings and kept in memory. After a change only the tiles the
//! change touched are made again: the feed says which, so every server process on one
//! database catches up on its own. The market directory is made again when its version in the
//! database moved (staff edited it, through this process or another).

use std::collections::{BTreeMap, HashMap};

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE, ETAG, IF_NONE_MATCH};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use linggong_core::{
    FileEntry, Manifest, Market, Posting, SeekerCounts, SeekerProfile, TileEntry, TileKey,
    encode_markets,
};
use tokio::sync::Mutex;

use crate::AppState;
use crate::error::ApiError;
use crate::store::{MarketStore, StoreResult};

/// The snapshot as last made, and how far in the feed it has caught up.
#[derive(Debug, Default)]
pub struct SnapshotCache {
    state: Mutex<Option<Built>>,
}

#[derive(Debug)]
struct Built {
    cursor: i64,
    tiles: BTreeMap<TileKey, (TileEntry, Bytes)>,
    markets: Option<(FileEntry, Bytes)>,
    market_count: usize,
    /// The directory's version the markets file was made at.
    markets_version: i64,
    seekers: HashMap<TileKey, SeekerCounts>,
    manifest: Bytes,
    /// The manifest's digest, made with it (not per request).
    manifest_digest: String,
}

/// A file of the snapshot: its bytes and its digest (the `ETag`).
#[derive(Debug, Clone)]
pub struct SnapshotFile {
    bytes: Bytes,
    digest: String,
    content_type: &'static str,
}

fn seekers_by_tile(seekers: &[SeekerProfile]) -> HashMap<TileKey, SeekerCounts> {
    let mut by_tile: HashMap<TileKey, SeekerCounts> = HashMap::new();
    for s in seekers {
        if let Some(key) = s.location.as_ref().and_then(TileKey::of_location) {
            by_tile.entry(key).or_default().add(s);
        }
    }
    by_tile
}

impl Built {
    /// Makes (or, with no postings, drops) one tile.
    fn put_tile(&mut self, key: TileKey, postings: &[Posting]) {
        if postings.is_empty() {
            self.tiles.remove(&key);
            return;
        }
        let (mut entry, bytes) = TileEntry::encode(key, postings);
        entry.seekers = self.seekers.get(&key).cloned().unwrap_or_default();
        self.tiles.insert(key, (entry, Bytes::from(bytes)));
    }

    /// Makes the directory's file again from `markets`, read at `version`.
    fn put_markets(&mut self, markets: &[Market], version: i64) {
        let file = encode_markets(markets).ok().flatten();
        self.markets = file.map(|(e, b)| (e, Bytes::from(b)));
        self.market_count = markets.len();
        self.markets_version = version;
    }

    fn remake_manifest(&mut self, now: linggong_core::Timestamp) {
        let tiles = self.tiles.values().map(|(e, _)| e.clone()).collect();
        let markets = self.markets.as_ref().map(|(e, _)| e.clone());
        let mut manifest = Manifest::new(now, tiles, markets, self.market_count);
        manifest.feed_cursor = Some(self.cursor.to_string());
        self.manifest = Bytes::from(serde_json::to_vec(&manifest).unwrap_or_default());
        self.manifest_digest = FileEntry::of("manifest.json", &self.manifest).digest;
    }
}

impl SnapshotCache {
    /// Brings the snapshot up to date with the database (all of it the first time, then
    /// only the tiles changed since) and hands `pick` what it needs.
    async fn with_current<S: MarketStore, T>(
        &self,
        store: &S,
        now: linggong_core::Timestamp,
        pick: impl FnOnce(&Built) -> T,
    ) -> StoreResult<T> {
        let mut guard = self.state.lock().await;
        let built = match guard.take() {
            Some(mut built) => {
                let (changed, cursor) = store.tiles_changed_after(built.cursor).await?;
                for tile in &changed {
                    let Ok(key) = tile.parse::<TileKey>() else {
                        continue;
                    };
                    built.put_tile(key, &store.published_in_tile(tile).await?);
                }
                let version = store.markets_version().await?;
                let directory_moved = version != built.markets_version;
                if directory_moved {
                    built.put_markets(&store.markets().await?, version);
                }
                let moved = cursor != built.cursor || directory_moved;
                built.cursor = cursor;
                if moved {
                    // Also when no tile changed (an upsert of a posting without a place), so
                    // that the manifest's feed cursor never lags behind its tiles.
                    built.remake_manifest(now);
                }
                built
            }
            None => build_all(store, now).await?,
        };
        let picked = pick(&built);
        *guard = Some(built);
        Ok(picked)
    }
}

/// The whole snapshot from the database. The feed's cursor and the directory's version are
/// read first: a change that commits while the rest is read is made again on the next
/// request, never missed.
async fn build_all<S: MarketStore>(store: &S, now: linggong_core::Timestamp) -> StoreResult<Built> {
    let cursor = store.latest_cursor().await?;
    let markets_version = store.markets_version().await?;
    let mut by_tile: BTreeMap<TileKey, Vec<Posting>> = BTreeMap::new();
    for p in store.published(false).await? {
        by_tile.entry(TileKey::of_posting(&p)).or_default().push(p);
    }
    let mut built = Built {
        cursor,
        tiles: BTreeMap::new(),
        markets: None,
        market_count: 0,
        markets_version,
        seekers: seekers_by_tile(&store.seekers().await?),
        manifest: Bytes::new(),
        manifest_digest: String::new(),
    };
    built.put_markets(&store.markets().await?, markets_version);
    for (key, postings) in &by_tile {
        built.put_tile(*key, postings);
    }
    built.remake_manifest(now);
    Ok(built)
}

/// Answers with a snapshot file: `no-cache` with its digest as a strong `ETag`, so a phone
/// revalidates cheaply (304) and never keeps a stale copy.
fn file_response(file: Option<SnapshotFile>, headers: &HeaderMap) -> Response {
    let Some(file) = file else {
        return ApiError::not_found("snapshot file").into_response();
    };
    let etag = format!("\"{}\"", file.digest);
    let cache = [(CACHE_CONTROL, HeaderValue::from_static("no-cache"))];
    let etag_header =
        HeaderValue::from_str(&etag).unwrap_or_else(|_| HeaderValue::from_static("\"\""));
    if headers.get(IF_NONE_MATCH).and_then(|v| v.to_str().ok()) == Some(etag.as_str()) {
        return (StatusCode::NOT_MODIFIED, cache, [(ETAG, etag_header)]).into_response();
    }
    (
        cache,
        [
            (ETAG, etag_header),
            (CONTENT_TYPE, HeaderValue::from_static(file.content_type)),
        ],
        file.bytes,
    )
        .into_response()
}

/// `GET /data/manifest.json`.
pub async fn manifest<S: MarketStore>(
    State(state): State<AppState<S>>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let file = state
        .snapshot
        .with_current(&state.store, state.clock.now(), |b| SnapshotFile {
            digest: b.manifest_digest.clone(),
            bytes: b.manifest.clone(),
            content_type: "application/json",
        })
        .await?;
    Ok(file_response(Some(file), &headers))
}

/// `GET /data/{path}`: a tile or the market directory.
pub async fn file<S: MarketStore>(
    State(state): State<AppState<S>>,
    Path(path): Path<String>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let file = state
        .snapshot
        .with_current(&state.store, state.clock.now(), |b| {
            if let Some((entry, bytes)) = b.markets.as_ref().filter(|(e, _)| e.path == path) {
                return Some(SnapshotFile {
                    bytes: bytes.clone(),
                    digest: entry.digest.clone(),
                    content_type: "application/x-ndjson; charset=utf-8",
                });
            }
            let key = path
                .strip_prefix("tiles/")?
                .strip_suffix(".lgs")?
                .parse::<TileKey>()
                .ok()?;
            let (entry, bytes) = b.tiles.get(&key)?;
            Some(SnapshotFile {
                bytes: bytes.clone(),
                digest: entry.file.digest.clone(),
                content_type: "application/octet-stream",
            })
        })
        .await?;
    Ok(file_response(file, &headers))
}
