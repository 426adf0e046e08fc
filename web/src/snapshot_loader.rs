//! Loading the postings near a point from the snapshot: the manifest first, then only the
//! tiles within reach, each checked against the manifest before it is decoded.

use linggong_core::{GeoPoint, Manifest, Posting, decode_tile};

use crate::data_source::{SNAPSHOT_DIR, fetch_bytes, fetch_text};

/// The postings of every tile within `radius_km` of `centre`.
pub async fn postings_near(centre: GeoPoint, radius_km: f64) -> Result<Vec<Posting>, String> {
    let manifest = fetch_text(&format!("{SNAPSHOT_DIR}/manifest.json")).await?;
    let manifest = Manifest::from_json(&manifest).map_err(|e| e.to_string())?;
    let mut postings = Vec::new();
    for tile in manifest.tiles_near(centre, radius_km) {
        let bytes = fetch_bytes(&format!("{SNAPSHOT_DIR}/{}", tile.file.path)).await?;
        tile.file.verify(&bytes).map_err(|e| e.to_string())?;
        postings.extend(decode_tile(&bytes).map_err(|e| e.to_string())?);
    }
    Ok(postings)
}
