//! The snapshot near the seeker, from the cache when it can, from the network when it must,
//! and as much of it as can be had.
//!
//! Online, the manifest is always fetched (it is small and says what is current); each file
//! within reach is taken from the cache if it matches the manifest's digest, else fetched,
//! checked and cached. Offline, the cached manifest and files serve. A cached value that fails
//! its digest (a corrupt disk, an older snapshot) is not used while a good copy can be fetched.
//!
//! Nothing is all or nothing: a fetched manifest that is not a manifest (a captive portal's
//! login page, a cut download) gives way to the cached one; a file that cannot be fetched or
//! read is replaced by its older cached copy if there is one, else left out; every such
//! problem becomes a [`LoadWarning`] the banner shows, and the rest loads.

use linggong_core::{
    FileEntry, GeoPoint, Manifest, Market, Posting, SeekerCounts, Timestamp, decode_tile,
    parse_markets_jsonl,
};

use super::live_journal::{JOURNAL_KEY, Journal};
use crate::data_source::{Network, SNAPSHOT_DIR};
use crate::i18n::Lang;
use crate::storage::{Shelf, Store, StoreError};

/// The cache key of the manifest.
pub const MANIFEST_KEY: &str = "manifest.json";

/// What was loaded, and how.
#[derive(Debug, Clone, PartialEq)]
pub struct Loaded {
    /// Postings of the tiles within reach.
    pub postings: Vec<Posting>,
    /// Every market in the snapshot.
    pub markets: Vec<Market>,
    /// Registered seekers of the tiles within reach (the denominator of 求人倍率).
    pub seekers: SeekerCounts,
    /// When the snapshot was made.
    pub created_at: Timestamp,
    /// Whether the manifest came from the network (false: the cached one served).
    pub online: bool,
    /// Files fetched over the network this time (the rest came from the cache).
    pub fetched: usize,
    /// Problems that did not stop the load.
    pub warnings: Vec<LoadWarning>,
    /// The keys of the tiles within reach: the live feed is followed for these.
    pub tiles: Vec<String>,
    /// The changes heard from the live feed since this snapshot (kept from an earlier
    /// visit), or a new journal from its feed cursor.
    pub journal: Journal,
}

/// A problem that did not stop the load, worded by [`LoadWarning::label`] in the reader's
/// language.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadWarning {
    /// The server answered, but not with a manifest (a Wi-Fi login page, a cut download):
    /// the cached snapshot serves.
    ManifestUnreadable,
    /// One file of the snapshot could not be fetched or read. `stale`: an older cached copy
    /// serves in its place; otherwise its gigs are missing.
    FileUnavailable {
        /// The file's path in the snapshot.
        path: String,
        /// Whether an older copy from the cache serves instead.
        stale: bool,
    },
    /// The cache could not be read or written (the storage layer's own bilingual message).
    Storage(String),
}

impl LoadWarning {
    /// The warning in `lang`, for the banner.
    pub fn label(&self, lang: Lang) -> String {
        match self {
            Self::ManifestUnreadable => lang
                .pick(
                    "服务器返回的不是数据目录（可能要先登录 Wi-Fi），显示的是缓存数据",
                    "The server did not send the data list (a Wi-Fi login page?); showing cached data",
                )
                .to_string(),
            Self::FileUnavailable { path, stale: true } => format!(
                "{} {path}",
                lang.pick(
                    "有一片区域的数据未能更新，显示的是较早的数据：",
                    "One area could not be updated; showing older data:",
                )
            ),
            Self::FileUnavailable { path, stale: false } => format!(
                "{} {path}",
                lang.pick(
                    "有一片区域的数据未能加载，那里的零工暂不显示：",
                    "One area could not be loaded; its gigs are missing:",
                )
            ),
            Self::Storage(message) => message.clone(),
        }
    }
}

/// Loads the postings within `radius_km` of `centre`, and the markets: everything that can
/// be had, with a warning for each part that could not. An error only when there is no
/// manifest at all, from the network or the cache.
pub async fn load_near(
    store: &impl Store,
    net: &impl Network,
    centre: GeoPoint,
    radius_km: f64,
) -> Result<Loaded, String> {
    let mut warnings = Vec::new();
    let (manifest, manifest_text) = current_manifest(store, net, &mut warnings).await?;
    let online = manifest_text.is_some();
    let near = manifest.tiles_near(centre, radius_km);
    let tiles = near.iter().map(|t| t.key.clone()).collect();
    let mut seekers = SeekerCounts::default();
    for tile in &near {
        seekers.merge(&tile.seekers);
    }
    let mut to_cache: Vec<(String, Vec<u8>)> = manifest_text
        .map(|text| (MANIFEST_KEY.to_string(), text.into_bytes()))
        .into_iter()
        .collect();
    let mut postings = Vec::new();
    for tile in near {
        if let Some(bytes) = file(store, net, &tile.file, &mut to_cache, &mut warnings).await {
            match decode_tile(&bytes) {
                Ok(decoded) => postings.extend(decoded),
                Err(_) => unreadable(&tile.file, &mut warnings),
            }
        }
    }
    let mut markets = Vec::new();
    if let Some(entry) = &manifest.markets
        && let Some(bytes) = file(store, net, entry, &mut to_cache, &mut warnings).await
    {
        let text = String::from_utf8_lossy(&bytes);
        markets.extend(parse_markets_jsonl(&text).filter_map(|(_, m)| m.ok()));
    }
    let journal = journal_for(store, manifest.feed_cursor.as_deref()).await;
    let fetched = to_cache.len() - usize::from(online);
    if !to_cache.is_empty()
        && let Err(e) = store.put_all(Shelf::Cache, to_cache).await
    {
        warnings.push(LoadWarning::Storage(e.to_string()));
    }
    Ok(Loaded {
        postings,
        markets,
        seekers,
        created_at: manifest.created_at,
        online,
        fetched,
        warnings,
        tiles,
        journal,
    })
}

/// The kept journal when it follows the snapshot at `base`, else a new one from `base`.
async fn journal_for(store: &impl Store, base: Option<&str>) -> Journal {
    let Some(base) = base else {
        return Journal::default();
    };
    let kept = store.get(Shelf::Cache, JOURNAL_KEY).await.ok().flatten();
    kept.and_then(|bytes| Journal::kept(std::str::from_utf8(&bytes).ok()?, base))
        .unwrap_or_else(|| Journal::new(base))
}

/// The manifest to load from, with its text when it came from the network (to be cached).
/// A fetched text that is not a readable manifest gives way to the cached manifest.
async fn current_manifest(
    store: &impl Store,
    net: &impl Network,
    warnings: &mut Vec<LoadWarning>,
) -> Result<(Manifest, Option<String>), String> {
    let problem = match net.text(&format!("{SNAPSHOT_DIR}/{MANIFEST_KEY}")).await {
        Ok(text) => match Manifest::from_json(&text) {
            Ok(manifest) => return Ok((manifest, Some(text))),
            Err(e) => {
                warnings.push(LoadWarning::ManifestUnreadable);
                e.to_string()
            }
        },
        Err(network_error) => network_error,
    };
    let cached = match store.get(Shelf::Cache, MANIFEST_KEY).await {
        Ok(Some(bytes)) => String::from_utf8(bytes).ok(),
        Ok(None) => None,
        Err(e) => {
            warnings.push(LoadWarning::Storage(e.to_string()));
            None
        }
    };
    match cached.map(|text| Manifest::from_json(&text)) {
        Some(Ok(manifest)) => Ok((manifest, None)),
        _ => Err(format!(
            "没有可用的数据，也没有缓存的数据 (no data and nothing cached): {problem}"
        )),
    }
}

/// One file of the snapshot: the cached copy when it matches `entry`, else a fetched copy
/// that does (queued in `to_cache`), else an older cached copy (with a warning), else `None`
/// (with a warning).
async fn file(
    store: &impl Store,
    net: &impl Network,
    entry: &FileEntry,
    to_cache: &mut Vec<(String, Vec<u8>)>,
    warnings: &mut Vec<LoadWarning>,
) -> Option<Vec<u8>> {
    let cached = match store.get(Shelf::Cache, &entry.path).await {
        Ok(bytes) => bytes,
        Err(StoreError::Corrupt { .. }) => None,
        Err(e) => {
            warnings.push(LoadWarning::Storage(e.to_string()));
            None
        }
    };
    if let Some(bytes) = cached.as_ref().filter(|b| entry.verify(b).is_ok()) {
        return Some(bytes.clone());
    }
    let fetched = net
        .bytes(&format!("{SNAPSHOT_DIR}/{}", entry.path))
        .await
        .ok()
        .filter(|bytes| entry.verify(bytes).is_ok());
    if let Some(bytes) = fetched {
        to_cache.push((entry.path.clone(), bytes.clone()));
        return Some(bytes);
    }
    warnings.push(LoadWarning::FileUnavailable {
        path: entry.path.clone(),
        stale: cached.is_some(),
    });
    cached
}

/// Notes that `entry`'s file, though fetched or cached, does not decode (an older copy of
/// another format, say): its gigs are missing, whatever was said of it before.
fn unreadable(entry: &FileEntry, warnings: &mut Vec<LoadWarning>) {
    warnings
        .retain(|w| !matches!(w, LoadWarning::FileUnavailable { path, .. } if *path == entry.path));
    warnings.push(LoadWarning::FileUnavailable {
        path: entry.path.clone(),
        stale: false,
    });
}
