//! The gazetteer for the place picker: fetched once, then kept in the cache.

use linggong_core::Gazetteer;

use crate::data_source::Network;
use crate::storage::{Shelf, Store};

/// Where the app finds the adcode table, and its cache key.
pub const GAZETTEER_PATH: &str = "/gazetteer/china_adcodes.csv";

/// The gazetteer from the cache, else from the network (then cached).
pub async fn load_gazetteer(store: &impl Store, net: &impl Network) -> Result<Gazetteer, String> {
    if let Ok(Some(bytes)) = store.get(Shelf::Cache, GAZETTEER_PATH).await
        && let Ok(gazetteer) = Gazetteer::from_adcodes_csv(&String::from_utf8_lossy(&bytes))
    {
        return Ok(gazetteer);
    }
    let text = net.text(GAZETTEER_PATH).await?;
    let gazetteer = Gazetteer::from_adcodes_csv(&text).map_err(|e| e.to_string())?;
    // Caching is a convenience: a full disk only means fetching it again next time.
    let _ = store
        .put_all(
            Shelf::Cache,
            vec![(GAZETTEER_PATH.to_string(), text.into_bytes())],
        )
        .await;
    Ok(gazetteer)
}
