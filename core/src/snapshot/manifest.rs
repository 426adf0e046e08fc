use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::seeker_counts::SeekerCounts;
use super::tile_codec::{TILE_VERSION, encode_tile};
use super::tile_key::TileKey;
use crate::{Error, GeoPoint, Market, Posting, SeekerProfile, Timestamp, distance_m};

/// The `format` field of every manifest.
pub const SNAPSHOT_FORMAT: &str = "linggong-snapshot";
/// Tiles are squares of this many degrees of latitude and longitude (WGS-84).
pub const TILE_DEGREES: f64 = 2.0;

/// One file of a snapshot: where it is, its size and a digest of its content.
///
/// The digest is the file's identity: a phone keeps a cached file exactly as long as the
/// manifest names the same digest, so any change to any posting in a tile, even one that
/// keeps its size, makes every phone fetch it again. It also catches a truncated or
/// corrupted download. (A CRC-32 could not serve: a tile ends with a CRC-32 of the rest, and
/// a CRC-32 over data followed by its own CRC-32 is the same constant for every tile.)
///
/// ```
/// use linggong_core::FileEntry;
/// let e = FileEntry::of("markets.jsonl", b"{}\n");
/// assert_eq!((e.bytes, e.digest.len()), (3, 16));
/// assert!(e.verify(b"{}\n").is_ok() && e.verify(b"{} \n").is_err());
/// // Same size, other content: another identity.
/// assert_ne!(FileEntry::of("t", b"26").digest, FileEntry::of("t", b"99").digest);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileEntry {
    /// Path relative to the manifest.
    pub path: String,
    /// Size in bytes.
    pub bytes: usize,
    /// XXH64 (seed 0) of the file, as 16 lower-case hex digits.
    pub digest: String,
}

/// The digest a [`FileEntry`] names: XXH64 with seed 0, as 16 lower-case hex digits.
fn digest_of(bytes: &[u8]) -> String {
    format!("{:016x}", xxhash_rust::xxh64::xxh64(bytes, 0))
}

impl FileEntry {
    /// The entry describing `bytes` stored at `path`.
    ///
    /// ```
    /// // XXH64's published check value for the empty input.
    /// assert_eq!(linggong_core::FileEntry::of("x", b"").digest, "ef46db3751d8e999");
    /// ```
    pub fn of(path: &str, bytes: &[u8]) -> Self {
        Self {
            path: path.to_string(),
            bytes: bytes.len(),
            digest: digest_of(bytes),
        }
    }

    /// Checks fetched bytes against the entry: an error when size or digest differ
    /// (a truncated download, a stale cache, a corrupted disk).
    ///
    /// ```
    /// let e = linggong_core::FileEntry::of("x", b"abc");
    /// assert!(e.verify(b"ab").unwrap_err().to_string().contains("x"));
    /// ```
    pub fn verify(&self, bytes: &[u8]) -> Result<(), Error> {
        if bytes.len() != self.bytes || digest_of(bytes) != self.digest {
            return Err(Error::invalid(
                "snapshot",
                format!(
                    "{} does not match its manifest entry (size or digest)",
                    self.path
                ),
            ));
        }
        Ok(())
    }
}

/// One tile: the postings whose WGS-84 position falls in a square of [`TILE_DEGREES`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TileEntry {
    /// `t{row}_{col}`, or `unplaced` for postings without coordinates.
    pub key: String,
    /// `[south, west, north, east]` in degrees; `None` for `unplaced`.
    pub bbox: Option<[f64; 4]>,
    /// How many postings the tile holds.
    pub postings: usize,
    /// The tile file.
    pub file: FileEntry,
    /// Registered seekers living in the tile (see [`Snapshot::count_seekers`]); empty when
    /// the snapshot was built without them.
    #[serde(default, skip_serializing_if = "SeekerCounts::is_empty")]
    pub seekers: SeekerCounts,
}

/// How much a snapshot holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Postings over all tiles.
    pub postings: usize,
    /// Tiles.
    pub tiles: usize,
    /// Markets in the directory.
    pub markets: usize,
}

/// `manifest.json`: what a snapshot holds and how to check it. The app fetches it first,
/// then only the tiles near the seeker.
///
/// ```
/// use linggong_core::{build_snapshot, parse_posting, GeoPoint};
/// let p = parse_posting(r#"{"id": "a", "location": {"lat": 32.06, "lng": 118.79}}"#).unwrap();
/// let snap = build_snapshot(&[p], &[], "2026-11-23T09:00:00+08:00".parse().unwrap()).unwrap();
/// assert_eq!(snap.manifest.counts.postings, 1);
/// let near = snap.manifest.tiles_near(GeoPoint::new(32.0, 118.8).unwrap(), 20.0);
/// assert_eq!(near.len(), 1);
/// assert!(snap.manifest.tiles_near(GeoPoint::new(40.0, 116.4).unwrap(), 20.0).is_empty());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Always [`SNAPSHOT_FORMAT`].
    pub format: String,
    /// Tile format version ([`TILE_VERSION`](crate::TILE_VERSION)).
    pub version: u16,
    /// When the snapshot was made (passed in by the caller).
    pub created_at: Timestamp,
    /// Tile size in degrees.
    pub tile_degrees: f64,
    /// Totals.
    pub counts: Counts,
    /// The tiles.
    pub tiles: Vec<TileEntry>,
    /// The market directory (JSON lines), if any.
    pub markets: Option<FileEntry>,
    /// Where in the market's change feed this snapshot stands (a market server's snapshot;
    /// none for a file snapshot): a client follows `GET /api/v1/feed?after=` this cursor to
    /// stay current. Every tile reflects at least the changes up to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feed_cursor: Option<String>,
}

impl Manifest {
    /// Reads and checks a manifest: the format name and a version this engine reads.
    ///
    /// ```
    /// assert!(linggong_core::Manifest::from_json(r#"{"format": "other"}"#).is_err());
    /// ```
    pub fn from_json(json: &str) -> Result<Manifest, Error> {
        let m: Manifest = crate::posting::parse_json(json)?;
        if m.format != SNAPSHOT_FORMAT || m.version != TILE_VERSION {
            return Err(Error::invalid(
                "snapshot",
                format!(
                    "manifest is `{}` version {}; this engine reads `{SNAPSHOT_FORMAT}` version {TILE_VERSION}",
                    m.format, m.version
                ),
            ));
        }
        Ok(m)
    }

    /// The tiles that may hold postings within `radius_km` of a WGS-84 point.
    pub fn tiles_near(&self, point: GeoPoint, radius_km: f64) -> Vec<&TileEntry> {
        self.tiles
            .iter()
            .filter(|t| {
                t.bbox
                    .is_some_and(|b| distance_to_box_m(point, b) <= radius_km * 1000.0)
            })
            .collect()
    }
}

/// Great-circle distance from a point to the nearest point of a lat/lng box (0 inside).
pub(crate) fn distance_to_box_m(p: GeoPoint, [south, west, north, east]: [f64; 4]) -> f64 {
    let lat = p.lat.clamp(south, north);
    [-360.0, 0.0, 360.0]
        .iter()
        .map(|shift| {
            let lng = (p.lng + shift).clamp(west, east);
            // Along a parallel the nearest longitude is the clamped one; a meridian edge is
            // nearest at the clamped latitude. Both are within the box.
            distance_m(
                p,
                GeoPoint {
                    lat,
                    lng: lng - shift,
                },
            )
        })
        .fold(f64::INFINITY, f64::min)
}

/// A snapshot ready to be written: the manifest and the files it names.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    /// `manifest.json`.
    pub manifest: Manifest,
    /// `(path, bytes)` of every file the manifest names.
    pub files: Vec<(String, Vec<u8>)>,
}

impl Snapshot {
    /// Counts registered seekers into the tiles they live in, so a phone can show 求人倍率
    /// for the area it loaded. Seekers without a position, or living in a tile with no
    /// postings, are not counted (no tile is made for them). Returns how many were counted.
    ///
    /// ```
    /// use linggong_core::{build_snapshot, parse_posting, parse_seeker};
    /// let p = parse_posting(r#"{"id": "a", "trade": "保洁员", "location": {"lat": 32.06, "lng": 118.79}}"#).unwrap();
    /// let mut snap = build_snapshot(&[p], &[], "2026-11-23T09:00:00+08:00".parse().unwrap()).unwrap();
    /// let near = parse_seeker(r#"{"id": "s", "trades": ["保洁"], "location": {"lat": 32.1, "lng": 118.8}}"#).unwrap();
    /// let far = parse_seeker(r#"{"id": "f", "trades": ["保洁"], "location": {"lat": 45.0, "lng": 126.6}}"#).unwrap();
    /// assert_eq!(snap.count_seekers(&[near, far]), 1);
    /// assert_eq!(snap.manifest.tiles[0].seekers.by_trade["cleaner"], 1);
    /// ```
    pub fn count_seekers(&mut self, seekers: &[SeekerProfile]) -> usize {
        let mut counted = 0;
        for s in seekers {
            let Some(key) = s.location.as_ref().and_then(TileKey::of_location) else {
                continue;
            };
            let key = key.to_string();
            if let Some(tile) = self.manifest.tiles.iter_mut().find(|t| t.key == key) {
                tile.seekers.add(s);
                counted += 1;
            }
        }
        counted
    }
}

impl TileEntry {
    /// Encodes `postings` as the tile `key` and describes it: the entry a manifest lists,
    /// and the file's bytes. Callers put in it exactly the postings whose
    /// [`TileKey::of_posting`] is `key`.
    ///
    /// ```
    /// use linggong_core::{TileEntry, TileKey, decode_tile, parse_posting};
    /// let p = parse_posting(r#"{"id": "a", "location": {"lat": 32.06, "lng": 118.79}}"#).unwrap();
    /// let (entry, bytes) = TileEntry::encode(TileKey::of_posting(&p), std::slice::from_ref(&p));
    /// assert_eq!((entry.key.as_str(), entry.postings, entry.file.path.as_str()), ("t61_149", 1, "tiles/t61_149.lgs"));
    /// assert!(entry.file.verify(&bytes).is_ok());
    /// assert_eq!(decode_tile(&bytes).unwrap(), vec![p]);
    /// ```
    pub fn encode(key: TileKey, postings: &[Posting]) -> (TileEntry, Vec<u8>) {
        let bytes = encode_tile(postings);
        let entry = TileEntry {
            key: key.to_string(),
            bbox: key.bbox(),
            postings: postings.len(),
            file: FileEntry::of(&key.path(), &bytes),
            seekers: SeekerCounts::default(),
        };
        (entry, bytes)
    }
}

impl Manifest {
    /// The manifest of these tiles and market directory, made at `created_at`.
    ///
    /// ```
    /// use linggong_core::{Manifest, TileEntry, TileKey};
    /// let (tile, _) = TileEntry::encode(TileKey::Unplaced, &[]);
    /// let m = Manifest::new("2026-11-23T09:00:00+08:00".parse().unwrap(), vec![tile], None, 0);
    /// assert_eq!((m.counts.tiles, m.counts.postings), (1, 0));
    /// assert!(Manifest::from_json(&serde_json::to_string(&m).unwrap()).is_ok());
    /// ```
    pub fn new(
        created_at: Timestamp,
        tiles: Vec<TileEntry>,
        markets: Option<FileEntry>,
        market_count: usize,
    ) -> Manifest {
        Manifest {
            format: SNAPSHOT_FORMAT.to_string(),
            version: TILE_VERSION,
            created_at,
            tile_degrees: TILE_DEGREES,
            counts: Counts {
                postings: tiles.iter().map(|t| t.postings).sum(),
                tiles: tiles.len(),
                markets: market_count,
            },
            tiles,
            markets,
            feed_cursor: None,
        }
    }
}

/// The market directory as a snapshot file (JSON lines), or `None` when there are no
/// markets.
///
/// ```
/// assert!(linggong_core::encode_markets(&[]).unwrap().is_none());
/// ```
pub fn encode_markets(markets: &[Market]) -> Result<Option<(FileEntry, Vec<u8>)>, Error> {
    if markets.is_empty() {
        return Ok(None);
    }
    let mut text = String::new();
    for m in markets {
        text.push_str(
            &serde_json::to_string(m).map_err(|e| Error::invalid("markets", e.to_string()))?,
        );
        text.push('\n');
    }
    Ok(Some((
        FileEntry::of("markets.jsonl", text.as_bytes()),
        text.into_bytes(),
    )))
}

/// Splits postings into tiles by position and encodes them, with the market directory, as a
/// snapshot. Postings without coordinates go to the `unplaced` tile, so nothing is lost.
///
/// ```
/// use linggong_core::{build_snapshot, decode_tile, parse_posting};
/// let p = parse_posting(r#"{"id": "a", "location": {"lat": 32.06, "lng": 118.79}}"#).unwrap();
/// let q = parse_posting(r#"{"id": "b"}"#).unwrap();
/// let snap = build_snapshot(&[p, q], &[], "2026-11-23T09:00:00+08:00".parse().unwrap()).unwrap();
/// assert_eq!(snap.manifest.tiles.len(), 2);
/// let total: usize = snap.files.iter().filter(|(path, _)| path.ends_with(".lgs")).map(|(_, b)| decode_tile(b).unwrap().len()).sum();
/// assert_eq!(total, 2);
/// ```
pub fn build_snapshot(
    postings: &[Posting],
    markets: &[Market],
    created_at: Timestamp,
) -> Result<Snapshot, Error> {
    let mut by_tile: BTreeMap<TileKey, Vec<Posting>> = BTreeMap::new();
    let mut seen = std::collections::HashSet::new();
    for p in postings {
        if !seen.insert(p.id.as_str()) {
            return Err(Error::invalid(
                "id",
                format!("duplicate posting id `{}`", p.id),
            ));
        }
        by_tile
            .entry(TileKey::of_posting(p))
            .or_default()
            .push(p.clone());
    }
    let mut files = Vec::new();
    let mut tiles = Vec::new();
    for (key, members) in &by_tile {
        let (entry, bytes) = TileEntry::encode(*key, members);
        files.push((entry.file.path.clone(), bytes));
        tiles.push(entry);
    }
    let markets_file = encode_markets(markets)?;
    let markets_entry = markets_file.map(|(entry, bytes)| {
        files.push((entry.path.clone(), bytes));
        entry
    });
    let manifest = Manifest::new(created_at, tiles, markets_entry, markets.len());
    Ok(Snapshot { manifest, files })
}
