//! The snapshot near the seeker, from the cache when it can, from the network when it must.
//!
//! Online, the manifest is always fetched (it is small and says what is current); each tile
//! within reach is taken from the cache if it matches the manifest's checksum, else fetched,
//! checked and cached. Offline, the cached manifest and tiles serve. A cached value that fails
//! its checksum (a corrupt disk, an older snapshot) is never used: it is fetched again.

use linggong_core::{
    FileEntry, GeoPoint, Manifest, Market, Posting, SeekerCounts, Timestamp, decode_tile,
    parse_markets_jsonl,
};

use crate::data_source::{Network, SNAPSHOT_DIR};
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
    /// Whether the network answered (false: everything came from the cache).
    pub online: bool,
    /// Files fetched over the network this time (the rest came from the cache).
    pub fetched: usize,
    /// Problems that did not stop the load (the cache could not be written, …).
    pub warnings: Vec<String>,
}

/// Loads the postings within `radius_km` of `centre`, and the markets.
pub async fn load_near(
    store: &impl Store,
    net: &impl Network,
    centre: GeoPoint,
    radius_km: f64,
) -> Result<Loaded, String> {
    let mut warnings = Vec::new();
    let (manifest_text, online) = match net.text(&format!("{SNAPSHOT_DIR}/{MANIFEST_KEY}")).await {
        Ok(text) => (text, true),
        Err(network_error) => match store.get(Shelf::Cache, MANIFEST_KEY).await {
            Ok(Some(bytes)) => (String::from_utf8(bytes).map_err(|e| e.to_string())?, false),
            _ => {
                return Err(format!(
                    "没有网络，也没有缓存的数据 (offline and nothing cached): {network_error}"
                ));
            }
        },
    };
    let manifest = Manifest::from_json(&manifest_text).map_err(|e| e.to_string())?;
    let near = manifest.tiles_near(centre, radius_km);
    let mut seekers = SeekerCounts::default();
    for tile in &near {
        seekers.merge(&tile.seekers);
    }
    let mut wanted: Vec<&FileEntry> = near.into_iter().map(|t| &t.file).collect();
    wanted.extend(manifest.markets.as_ref());

    let mut to_cache = Vec::new();
    if online {
        to_cache.push((MANIFEST_KEY.to_string(), manifest_text.clone().into_bytes()));
    }
    let mut files = Vec::with_capacity(wanted.len());
    let mut fetched = 0;
    for entry in &wanted {
        match store.get(Shelf::Cache, &entry.path).await {
            Ok(Some(bytes)) if entry.verify(&bytes).is_ok() => {
                files.push(bytes);
                continue;
            }
            Ok(_) | Err(StoreError::Corrupt { .. }) => {}
            Err(e) => warnings.push(e.to_string()),
        }
        let bytes = net
            .bytes(&format!("{SNAPSHOT_DIR}/{}", entry.path))
            .await
            .map_err(|e| format!("{}: {e}", entry.path))?;
        entry.verify(&bytes).map_err(|e| e.to_string())?;
        fetched += 1;
        to_cache.push((entry.path.clone(), bytes.clone()));
        files.push(bytes);
    }
    if !to_cache.is_empty()
        && let Err(e) = store.put_all(Shelf::Cache, to_cache).await
    {
        warnings.push(e.to_string());
    }

    let markets_index = manifest.markets.as_ref().map(|_| files.len() - 1);
    let mut postings = Vec::new();
    let mut markets = Vec::new();
    for (i, bytes) in files.iter().enumerate() {
        if Some(i) == markets_index {
            let text = String::from_utf8_lossy(bytes);
            markets.extend(parse_markets_jsonl(&text).filter_map(|(_, m)| m.ok()));
        } else {
            postings.extend(decode_tile(bytes).map_err(|e| e.to_string())?);
        }
    }
    Ok(Loaded {
        postings,
        markets,
        seekers,
        created_at: manifest.created_at,
        online,
        fetched,
        warnings,
    })
}
