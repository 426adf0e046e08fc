//! Which tile a posting lives in: one rule for every writer of tiles (the CLI's snapshot, the
//! server's tiles remade after each change) and for the seeker counts.

use std::fmt;

use super::manifest::{TILE_DEGREES, distance_to_box_m};
use crate::{Error, GeoPoint, Location, Posting};

/// A tile: a square of [`TILE_DEGREES`] by WGS-84 position, or the tile of postings without
/// a usable position (`unplaced`, so nothing is dropped). Written `t{row}_{col}` or
/// `unplaced`; the file is `tiles/{key}.lgs`.
///
/// ```
/// use linggong_core::{TileKey, parse_posting};
/// let p = parse_posting(r#"{"id": "a", "location": {"lat": 32.06, "lng": 118.79}}"#).unwrap();
/// let key = TileKey::of_posting(&p);
/// assert_eq!((key.to_string(), key.path()), ("t61_149".to_string(), "tiles/t61_149.lgs".to_string()));
/// assert_eq!(key.bbox(), Some([32.0, 118.0, 34.0, 120.0]));
/// assert_eq!("t61_149".parse::<TileKey>().unwrap(), key);
/// assert_eq!(TileKey::of_posting(&parse_posting(r#"{"id": "b"}"#).unwrap()), TileKey::Unplaced);
/// assert!("t999_0".parse::<TileKey>().is_err());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TileKey {
    /// Postings without a usable position.
    Unplaced,
    /// The square `row` (from the south pole) and `col` (from 180° W).
    Square {
        /// 0 … 89, southernmost first.
        row: i32,
        /// 0 … 179, from 180° W eastwards.
        col: i32,
    },
}

const ROWS: i32 = (180.0 / TILE_DEGREES) as i32;
const COLS: i32 = (360.0 / TILE_DEGREES) as i32;

impl TileKey {
    /// The tile of a posting: its square, or [`TileKey::Unplaced`] without coordinates (or
    /// with coordinates that are no position on Earth).
    pub fn of_posting(p: &Posting) -> Self {
        p.location
            .as_ref()
            .and_then(Self::of_location)
            .unwrap_or(Self::Unplaced)
    }

    /// The square a location lies in; `None` without a usable position.
    pub fn of_location(l: &Location) -> Option<Self> {
        let w = l.position()?;
        let row = ((w.lat + 90.0) / TILE_DEGREES).floor() as i32;
        let col = ((w.lng + 180.0) / TILE_DEGREES).floor() as i32;
        Some(Self::Square {
            row: row.min(ROWS - 1),
            col: col.min(COLS - 1),
        })
    }

    /// `[south, west, north, east]` in degrees; `None` for `unplaced`.
    pub fn bbox(self) -> Option<[f64; 4]> {
        let Self::Square { row, col } = self else {
            return None;
        };
        let south = f64::from(row) * TILE_DEGREES - 90.0;
        let west = f64::from(col) * TILE_DEGREES - 180.0;
        Some([south, west, south + TILE_DEGREES, west + TILE_DEGREES])
    }

    /// Every square within `radius_km` of `point`, whether or not a snapshot has a tile for
    /// it yet (the rule of [`Manifest::tiles_near`](crate::Manifest::tiles_near)): what a
    /// reader near the point follows in the live feed, so that the first gig of an empty area
    /// reaches it too.
    ///
    /// ```
    /// use linggong_core::{GeoPoint, TileKey};
    /// let nanjing = GeoPoint::new(32.06, 118.79).unwrap();
    /// let keys = |km| -> Vec<String> { TileKey::near(nanjing, km).iter().map(|k| k.to_string()).collect() };
    /// assert_eq!(keys(5.0), ["t61_149"]);
    /// assert_eq!(keys(40.0), ["t60_149", "t61_149"], "the square's edge is 7 km south");
    /// assert_eq!(TileKey::near(GeoPoint::new(32.0, 118.0).unwrap(), 1.0).len(), 4, "a corner");
    /// ```
    pub fn near(point: GeoPoint, radius_km: f64) -> Vec<Self> {
        // Candidates a tile wider than the reach on every side; the box distance decides.
        let reach = radius_km / 111.0 + TILE_DEGREES;
        let across = (reach / point.lat.to_radians().cos().max(0.01)).min(180.0);
        let index = |degrees: f64| (degrees / TILE_DEGREES).floor() as i32;
        let rows =
            index(point.lat - reach + 90.0).max(0)..=index(point.lat + reach + 90.0).min(ROWS - 1);
        let cols = index(point.lng - across + 180.0)..=index(point.lng + across + 180.0);
        let mut keys = Vec::new();
        for row in rows {
            for col in cols.clone() {
                let key = Self::Square {
                    row,
                    col: col.rem_euclid(COLS),
                };
                let within = key
                    .bbox()
                    .is_some_and(|b| distance_to_box_m(point, b) <= radius_km * 1000.0);
                if within && !keys.contains(&key) {
                    keys.push(key);
                }
            }
        }
        keys
    }

    /// The tile file's path in a snapshot.
    pub fn path(self) -> String {
        format!("tiles/{self}.lgs")
    }
}

impl fmt::Display for TileKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Unplaced => f.write_str("unplaced"),
            Self::Square { row, col } => write!(f, "t{row}_{col}"),
        }
    }
}

impl std::str::FromStr for TileKey {
    type Err = Error;

    fn from_str(text: &str) -> Result<Self, Error> {
        if text == "unplaced" {
            return Ok(Self::Unplaced);
        }
        let bad = || {
            Error::invalid(
                "tile",
                format!("`{text}` is not a tile key (t{{row}}_{{col}} or unplaced)"),
            )
        };
        let (row, col) = text
            .strip_prefix('t')
            .and_then(|rc| rc.split_once('_'))
            .ok_or_else(bad)?;
        let row: i32 = row.parse().map_err(|_| bad())?;
        let col: i32 = col.parse().map_err(|_| bad())?;
        if !(0..ROWS).contains(&row) || !(0..COLS).contains(&col) {
            return Err(bad());
        }
        Ok(Self::Square { row, col })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn near_is_every_square_within_reach_found_by_brute_force(
            lat in -89.9f64..89.9, lng in -180.0f64..180.0, km in 0.0f64..300.0,
        ) {
            let point = GeoPoint::new(lat, lng).unwrap();
            let mut found = TileKey::near(point, km);
            found.sort();
            let mut all = Vec::new();
            for row in 0..ROWS {
                for col in 0..COLS {
                    let key = TileKey::Square { row, col };
                    if distance_to_box_m(point, key.bbox().unwrap()) <= km * 1000.0 {
                        all.push(key);
                    }
                }
            }
            prop_assert_eq!(found, all);
        }
    }
}
